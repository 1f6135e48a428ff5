class TextBuffer:
    def __init__(self, initial=""):
        self.text = initial
        self.undo = []

    def insert(self, pos, s):
        self.undo.append(self.text)
        self.text = self.text[:pos] + s + self.text[pos:]

    def delete(self, start, end):
        self.undo.append(self.text)
        self.text = self.text[:start] + self.text[end:]

    def undo_last(self):
        if self.undo:
            self.text = self.undo.pop()

    def words(self):
        return self.text.split()
