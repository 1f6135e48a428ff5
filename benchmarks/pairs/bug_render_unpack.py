# expect: R107
class Report:
    def __init__(self, rows):
        self.rows = rows
        self.header = ""

    def build_header(self):
        self.header = "Report"

    def render(self):
        title, width = self.build_header()
        return title.center(width)
