# expect: V102 loud
from datetime import datetime


def adapt(rec: dict) -> dict:
    return {
        "emp": rec["emp"],
        "hours": round(rec["worked"] / 60, 2),
        "date": datetime.strptime(rec["day"], "%Y-%m-%d").date().isoformat(),
        "is_overtime": rec["overtime"] == 1,
    }
