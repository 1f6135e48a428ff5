# expect: R108
class Report:
    def __init__(self, title, rows):
        self.title = title
        self.rows = rows

    def format_row(self, row):
        return " | ".join(str(cell) for cell in row)

    def render(self):
        lines = [self.title]
        for i, row in enumerate(self.rows):
            lines.append(self.format_row(i, row))
        return "\n".join(lines)
