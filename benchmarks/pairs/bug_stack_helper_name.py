# expect: R106
class Stack:
    def __init__(self):
        self.items = []

    def push(self, x):
        self.items.append(x)

    def is_empty(self):
        return not self.items

    def pop(self):
        if self.empty():
            raise IndexError("pop from empty stack")
        return self.items.pop()
