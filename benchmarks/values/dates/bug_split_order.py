# expect: V102 silent
from datetime import date


def adapt(payload: dict) -> dict:
    parts = payload["date"].split("/")
    day = date(int(parts[2]), int(parts[0]), int(parts[1]))
    return {"ref": payload["ref"], "day": day.isoformat()}
