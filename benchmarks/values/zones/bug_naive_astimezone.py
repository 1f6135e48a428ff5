# expect: V103 silent
from datetime import datetime, timezone


def adapt(payload: dict) -> dict:
    start = datetime.strptime(payload["start"], "%Y-%m-%d %H:%M")
    return {"slot": payload["slot"], "start_utc": start.astimezone(timezone.utc)}
