# expect: R101
# kind: flip, class: 6
# why: `due` is stored as the str `date.isoformat()` returns, but one method formats it with `.strftime`.
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
        return f"Invoice {self.number} is due on {self.due.strftime('%d %B %Y')}"


# run: i = Invoice(7, date(2026, 3, 1)); i.overdue(date(2026, 4, 1))
# run: i.reminder()
# raises: AttributeError
# ruff: noqa: E501
