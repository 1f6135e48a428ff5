# kind: flip, class: 4
# why: `self.lines` is passed in unknown and used only as a list: append, slicing, int indexing, insert, sort and slice assignment all agree.


class Document:
    def __init__(self, lines):
        self.lines = lines

    def append(self, text):
        self.lines.append(text)

    def head(self, n=10):
        return self.lines[:n]

    def line(self, number):
        return self.lines[number - 1]

    def insert(self, number, text):
        self.lines.insert(number - 1, text)

    def sort(self):
        self.lines.sort(key=str.lower)

    def replace(self, start, end, new_lines):
        self.lines[start - 1 : end] = new_lines


# run: d = Document(["b", "A"]); d.append("c"); d.insert(1, "z"); d.sort()
# run: d.replace(1, 1, ["x", "y"]); assert d.lines == ["x", "y", "b", "c", "z"] and d.line(2) == "y" and d.head(1) == ["x"]
# ruff: noqa: E501
