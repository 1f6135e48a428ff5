# expect: R101
# kind: flip, class: 5
# why: the log is a list; one method writes the next line at `self.lines[len(self.lines)]`, past the end, where a list cannot grow by assignment.


class LogBuffer:
    def __init__(self, capacity=100):
        self.capacity = capacity
        self.lines = []

    def write(self, line):
        n = len(self.lines)
        self.lines[n] = line.rstrip("\n")
        if len(self.lines) > self.capacity:
            self.lines = self.lines[-self.capacity :]

    def tail(self, n=10):
        return self.lines[-n:]

    def clear(self):
        self.lines.clear()

    def grep(self, word):
        return [line for line in self.lines if word in line]


# run: b = LogBuffer()
# run: b.write("start\n")
# raises: IndexError
# ruff: noqa: E501
