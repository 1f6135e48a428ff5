# expect: V103 silent
from datetime import datetime
from zoneinfo import ZoneInfo


def produce(slot: dict) -> dict:
    local = datetime.fromisoformat(slot["start_utc"]).astimezone(ZoneInfo("Europe/London"))
    return {"slot": slot["slot"], "start": local.strftime("%Y-%m-%d %H:%M")}
