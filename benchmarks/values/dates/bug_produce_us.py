# expect: V102 silent
from datetime import datetime


def produce(booking: dict) -> dict:
    day = datetime.strptime(booking["day"], "%Y-%m-%d")
    return {"ref": booking["ref"], "date": day.strftime("%m/%d/%Y")}
