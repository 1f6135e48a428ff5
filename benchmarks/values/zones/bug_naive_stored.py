# expect: V103 silent
from dataclasses import dataclass
from datetime import datetime


@dataclass
class Slot:
    slot: int
    start_utc: datetime


def adapt(payload: dict) -> Slot:
    return Slot(slot=payload["slot"], start_utc=datetime.strptime(payload["start"], "%Y-%m-%d %H:%M"))
