from datetime import datetime
from typing import NamedTuple


class PayLine(NamedTuple):
    emp: str
    hours: float
    date: str
    is_overtime: bool


def to_line(record: dict) -> PayLine:
    minutes = record["worked"]
    when = datetime.strptime(record["day"], "%Y%m%d")
    return PayLine(
        emp=record["emp"],
        hours=round(minutes / 60, 2),
        date=when.strftime("%Y-%m-%d"),
        is_overtime=record["overtime"] == 1,
    )


def adapt(record: dict) -> dict:
    return to_line(record)._asdict()
