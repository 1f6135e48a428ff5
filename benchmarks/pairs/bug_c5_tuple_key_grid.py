# expect: R101
# kind: merge, class: 5
# why: the grid is a list of lists, but the second writer assigns cells with a tuple key `grid[x, y]`, which a list rejects.


class Canvas:
    def __init__(self, width, height, fill="."):
        self.width, self.height = width, height
        self.grid = [[fill] * width for _ in range(height)]

    def get(self, x, y):
        return self.grid[y][x]

    def render(self):
        return "\n".join("".join(row) for row in self.grid)

    # second writer
    def plot(self, x, y, ch="#"):
        if 0 <= x < self.width and 0 <= y < self.height:
            self.grid[x, y] = ch

    def line(self, y, ch="-"):
        for x in range(self.width):
            self.plot(x, y, ch)


# run: c = Canvas(3, 2)
# run: c.plot(1, 1)
# raises: TypeError
# ruff: noqa: E501
