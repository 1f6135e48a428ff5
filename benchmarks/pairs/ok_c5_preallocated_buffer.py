# kind: merge, class: 5
# why: a ring buffer preallocates its list and writes at `index % capacity`, always in range.


class RingBuffer:
    def __init__(self, capacity):
        self.capacity = capacity
        self.data = [None] * capacity
        self.start = 0
        self.size = 0

    def push(self, value):
        end = (self.start + self.size) % self.capacity
        self.data[end] = value
        if self.size < self.capacity:
            self.size += 1
        else:
            self.start = (self.start + 1) % self.capacity

    def __getitem__(self, i):
        if not -self.size <= i < self.size:
            raise IndexError(i)
        return self.data[(self.start + i % self.size) % self.capacity]

    def to_list(self):
        return [self[i] for i in range(self.size)]


# run: r = RingBuffer(3)
# run: for v in range(5): r.push(v)
# run: assert r.to_list() == [2, 3, 4] and r[-1] == 4
