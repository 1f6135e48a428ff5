# expect: V101 silent
from datetime import datetime


def adapt(rec: dict) -> dict:
    worked = rec["worked"]
    return {
        "emp": rec["emp"],
        "hours": worked,
        "date": datetime.strptime(rec["day"], "%Y%m%d").date().isoformat(),
        "is_overtime": rec["overtime"] == 1,
    }
