# expect: V102 silent
from dateutil.parser import parse


def adapt(payload: dict) -> dict:
    return {"ref": payload["ref"], "day": parse(payload["date"]).date().isoformat()}
