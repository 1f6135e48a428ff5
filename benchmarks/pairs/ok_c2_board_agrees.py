# kind: merge, class: 2
# why: `make_board` returns a dict keyed by (row, col) and both writers use it as that dict.


class Minesweeper:
    def __init__(self, rows, cols, mines):
        self.rows, self.cols = rows, cols
        self.board = self.make_board(mines)
        self.opened = set()

    def make_board(self, mines):
        return {(r, c): ((r, c) in mines) for r in range(self.rows) for c in range(self.cols)}

    def neighbours(self, r, c):
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                if (dr or dc) and (r + dr, c + dc) in self.board:
                    yield r + dr, c + dc

    def count(self, r, c):
        return sum(self.board[n] for n in self.neighbours(r, c))

    def open(self, r, c):
        if self.board.get((r, c)):
            return "boom"
        self.opened.add((r, c))
        return self.count(r, c)

    def mines_left(self):
        return sum(1 for cell, mine in self.board.items() if mine and cell not in self.opened)


# run: m = Minesweeper(3, 3, {(0, 0)})
# run: assert m.open(1, 1) == 1 and m.open(0, 0) == "boom" and m.mines_left() == 1
