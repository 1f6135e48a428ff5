from datetime import datetime
from zoneinfo import ZoneInfo


def produce(slot: dict) -> dict:
    instant = datetime.fromisoformat(slot["start_utc"])
    local = instant.astimezone(ZoneInfo("Europe/Madrid"))
    return {"slot": slot["slot"], "start": local.strftime("%Y-%m-%d %H:%M")}
