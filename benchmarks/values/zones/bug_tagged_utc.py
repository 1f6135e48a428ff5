# expect: V103 silent
from datetime import datetime, timezone


def adapt(payload: dict) -> dict:
    start = datetime.strptime(payload["start"], "%Y-%m-%d %H:%M").replace(tzinfo=timezone.utc)
    return {"slot": payload["slot"], "start_utc": start}
