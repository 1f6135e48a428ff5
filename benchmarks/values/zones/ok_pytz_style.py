from datetime import datetime
from zoneinfo import ZoneInfo


def to_utc(text: str) -> datetime:
    naive = datetime.strptime(text, "%Y-%m-%d %H:%M")
    aware = naive.replace(tzinfo=ZoneInfo("Europe/Madrid"))
    return aware.astimezone(ZoneInfo("UTC"))


def adapt(payload: dict) -> dict:
    return {"slot": payload["slot"], "start_utc": to_utc(payload["start"])}
