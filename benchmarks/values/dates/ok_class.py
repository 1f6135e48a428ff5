from dataclasses import dataclass
from datetime import date, datetime


@dataclass
class Booking:
    ref: str
    day: date


class BookingReader:
    FORMAT = "%d/%m/%Y"

    def read(self, payload: dict) -> Booking:
        return Booking(ref=payload["ref"], day=datetime.strptime(payload["date"], "%d/%m/%Y").date())


def adapt(payload: dict) -> dict:
    b = BookingReader().read(payload)
    return {"ref": b.ref, "day": b.day.isoformat()}
