# expect: V103 silent
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Europe/Lisbon")


def adapt(payload: dict) -> dict:
    local = datetime.strptime(payload["start"], "%Y-%m-%d %H:%M").replace(tzinfo=LOCAL)
    return {"slot": payload["slot"], "start_utc": local.astimezone(timezone.utc)}
