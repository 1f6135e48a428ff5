from datetime import UTC, datetime
from zoneinfo import ZoneInfo


def adapt(payload: dict) -> dict:
    when = datetime.fromisoformat(payload["start"]).replace(tzinfo=ZoneInfo("Europe/Madrid"))
    return {"slot": payload["slot"], "start_utc": when.astimezone(UTC)}
