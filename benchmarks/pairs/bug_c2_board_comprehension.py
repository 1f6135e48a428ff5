# expect: R101
# kind: merge, class: 2
# why: `make_board` returns a list of rows (a comprehension), but the second writer looks cells up with `.get((row, col))` as if the board were a dict.


class TicTacToe:
    def __init__(self, size=3):
        self.size = size
        self.board = self.make_board()
        self.turn = "X"

    def make_board(self):
        return [[" "] * self.size for _ in range(self.size)]

    def play(self, row, col):
        if self.board[row][col] != " ":
            raise ValueError("taken")
        self.board[row][col] = self.turn
        self.turn = "O" if self.turn == "X" else "X"

    # second writer
    def cell(self, row, col):
        return self.board.get((row, col), " ")

    def winner(self):
        lines = [[(r, c) for c in range(self.size)] for r in range(self.size)]
        lines += [[(r, c) for r in range(self.size)] for c in range(self.size)]
        for line in lines:
            marks = {self.cell(r, c) for r, c in line}
            if len(marks) == 1 and " " not in marks:
                return marks.pop()
        return None


# run: g = TicTacToe(); g.play(0, 0)
# run: g.winner()
# raises: AttributeError
# ruff: noqa: E501
