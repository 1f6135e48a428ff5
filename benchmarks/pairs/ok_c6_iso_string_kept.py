# kind: flip, class: 6
# why: `due` is kept as ISO text and only compared and printed as text; a date is rebuilt with `date.fromisoformat` before formatting.
from datetime import date


class Invoice:
    def __init__(self, number, due: date):
        self.number = number
        self.due = due.isoformat()
        self.paid = False

    def to_json(self):
        return {"number": self.number, "due": self.due, "paid": self.paid}

    def overdue(self, today: date):
        return not self.paid and today.isoformat() > self.due

    def reminder(self):
        return (
            f"Invoice {self.number} is due on {date.fromisoformat(self.due).strftime('%d %B %Y')}"
        )

    def due_year(self):
        return int(self.due.split("-")[0])


# run: i = Invoice(7, date(2026, 3, 1)); assert i.overdue(date(2026, 4, 1)) and i.due_year() == 2026
# run: assert i.reminder() == "Invoice 7 is due on 01 March 2026"
# ruff: noqa: E501
