from datetime import datetime


def to_hours(minutes: int) -> float:
    h, m = divmod(minutes, 60)
    return round(h + m / 60, 2)


def adapt(rec: dict) -> dict:
    return {
        "emp": rec["emp"],
        "hours": to_hours(rec["worked"]),
        "date": f"{rec['day'][0:4]}-{rec['day'][4:6]}-{rec['day'][6:8]}",
        "is_overtime": rec["overtime"] != 0,
    }
