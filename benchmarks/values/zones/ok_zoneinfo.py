from datetime import datetime, timezone
from zoneinfo import ZoneInfo

MADRID = ZoneInfo("Europe/Madrid")


def adapt(payload: dict) -> dict:
    local = datetime.strptime(payload["start"], "%Y-%m-%d %H:%M").replace(tzinfo=MADRID)
    return {"slot": payload["slot"], "start_utc": local.astimezone(timezone.utc)}
