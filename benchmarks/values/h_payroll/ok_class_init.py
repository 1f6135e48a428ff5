from datetime import datetime

MINUTES_PER_HOUR = 60


class PayrollLine:
    def __init__(self, emp, hours, date, is_overtime):
        self.emp = emp
        self.hours = hours
        self.date = date
        self.is_overtime = is_overtime

    @classmethod
    def from_clock(cls, rec):
        hours = round(rec["worked"] / MINUTES_PER_HOUR, 2)
        date = datetime.strptime(rec["day"], "%Y%m%d").date().isoformat()
        return cls(rec["emp"], hours, date, rec["overtime"] in (1,))


def adapt(rec: dict) -> dict:
    return vars(PayrollLine.from_clock(rec))
