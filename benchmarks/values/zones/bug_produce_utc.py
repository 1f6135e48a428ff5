# expect: V103 silent
from datetime import datetime


def produce(slot: dict) -> dict:
    instant = datetime.fromisoformat(slot["start_utc"])
    return {"slot": slot["slot"], "start": instant.strftime("%Y-%m-%d %H:%M")}
