class Report:
    def __init__(self, title, rows):
        self.title = title
        self.rows = rows

    def format_row(self, row, index=None, sep=" | "):
        cells = [str(cell) for cell in row]
        if index is not None:
            cells.insert(0, str(index))
        return sep.join(cells)

    def render(self):
        lines = [self.title]
        for i, row in enumerate(self.rows):
            lines.append(self.format_row(row, index=i))
        return "\n".join(lines)
