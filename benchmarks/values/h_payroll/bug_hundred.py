# expect: V101 silent
from datetime import datetime


class ClockAdapter:
    def hours(self, rec):
        return round(rec["worked"] / 100, 2)

    def adapt(self, rec):
        return {
            "emp": rec["emp"],
            "hours": self.hours(rec),
            "date": datetime.strptime(rec["day"], "%Y%m%d").date().isoformat(),
            "is_overtime": rec["overtime"] == 1,
        }


def adapt(rec: dict) -> dict:
    return ClockAdapter().adapt(rec)
