# kind: flip, class: 5
# why: a list-of-lists grid is written as `grid[y][x]`, and a dict-of-tuples sparse map next to it is written with tuple keys: each as its kind allows.


class Canvas:
    def __init__(self, width, height, fill="."):
        self.width, self.height = width, height
        self.grid = [[fill] * width for _ in range(height)]
        self.labels = {}

    def plot(self, x, y, ch="#"):
        if 0 <= x < self.width and 0 <= y < self.height:
            self.grid[y][x] = ch

    def label(self, x, y, text):
        self.labels[x, y] = text

    def row(self, y, chars):
        self.grid[y][: len(chars)] = list(chars)

    def render(self):
        return "\n".join("".join(row) for row in self.grid)


# run: c = Canvas(3, 2); c.plot(1, 1); c.label(0, 0, "o"); c.row(0, "ab")
# run: assert c.render() == "ab.\n.#." and c.labels[0, 0] == "o"
# ruff: noqa: E501
