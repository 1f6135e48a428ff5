from datetime import datetime

from dateutil import tz


def adapt(payload: dict) -> dict:
    start = datetime.strptime(payload["start"], "%Y-%m-%d %H:%M")
    start = start.replace(tzinfo=tz.gettz("Europe/Madrid"))
    return {"slot": payload["slot"], "start_utc": start.astimezone(tz.UTC)}
