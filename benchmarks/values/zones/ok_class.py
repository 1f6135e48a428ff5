from datetime import datetime, timezone
from zoneinfo import ZoneInfo


class SlotReader:
    zone = ZoneInfo("Europe/Madrid")

    def read(self, payload: dict) -> dict:
        local = datetime.strptime(payload["start"], "%Y-%m-%d %H:%M")
        aware = local.replace(tzinfo=ZoneInfo("Europe/Madrid"))
        return {"slot": payload["slot"], "start_utc": aware.astimezone(timezone.utc)}


def adapt(payload: dict) -> dict:
    return SlotReader().read(payload)
