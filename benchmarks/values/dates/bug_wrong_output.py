# expect: V102 silent
from datetime import datetime

IN_FORMAT = "%d/%m/%Y"


def adapt(payload: dict) -> dict:
    parsed = datetime.strptime(payload["date"], IN_FORMAT)
    return {"ref": payload["ref"], "day": parsed.strftime("%Y-%d-%m")}
