# expect: V102 loud
from datetime import date


def adapt(payload: dict) -> dict:
    return {"ref": payload["ref"], "day": date.fromisoformat(payload["date"]).isoformat()}
