# expect: V102 silent
from datetime import date


def produce(booking: dict) -> dict:
    return {"ref": booking["ref"], "date": date.fromisoformat(booking["day"]).isoformat()}
