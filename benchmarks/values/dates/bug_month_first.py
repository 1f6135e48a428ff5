# expect: V102 silent
from datetime import datetime


def adapt(payload: dict) -> dict:
    day = datetime.strptime(payload["date"], "%m/%d/%Y").date()
    return {"ref": payload["ref"], "day": day.isoformat()}
