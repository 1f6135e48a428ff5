from datetime import date
from typing import TypedDict


class ClockRecord(TypedDict):
    emp: str
    worked: int
    day: str
    overtime: int


def adapt(rec: ClockRecord) -> dict:
    year, month, day = int(rec["day"][:4]), int(rec["day"][4:6]), int(rec["day"][6:8])
    hours = rec["worked"] / 60
    return {"emp": rec["emp"], "hours": round(hours, 2), "date": date(year, month, day).isoformat(), "is_overtime": rec["overtime"] == 1}
