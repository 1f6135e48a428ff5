# expect: R101
# kind: merge, class: 5
# why: the history is a list, and the second writer stores each new entry at index `len(self.history)`, one past the end, which always raises IndexError.


class UndoStack:
    def __init__(self, limit=50):
        self.history = []
        self.limit = limit

    def undo(self):
        if not self.history:
            return None
        return self.history.pop()

    def peek(self):
        return self.history[-1] if self.history else None

    # second writer
    def push(self, action):
        self.history[len(self.history)] = action
        if len(self.history) > self.limit:
            del self.history[0]


# run: u = UndoStack()
# run: u.push("type a")
# raises: IndexError
# ruff: noqa: E501
