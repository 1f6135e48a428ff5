from dataclasses import dataclass
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

CARRIER_ZONE = ZoneInfo("America/New_York")


@dataclass(slots=True)
class Shipment:
    id: str
    weight_kg: float
    pickup_at: datetime
    count: int
    insured: float


def parse_pickup(text: str) -> datetime:
    naive = datetime.strptime(text, "%m/%d/%Y %I:%M %p")
    return naive.replace(tzinfo=CARRIER_ZONE).astimezone(timezone.utc)


def adapt(parcel: dict) -> dict:
    s = Shipment(
        id=parcel["id"],
        weight_kg=parcel["weight_g"] / 1000,
        pickup_at=parse_pickup(parcel["pickup"]),
        count=len(parcel["items"]),
        insured=parcel.get("insured_value", 0),
    )
    return {"id": s.id, "weight_kg": s.weight_kg, "pickup_at": s.pickup_at, "count": s.count, "insured": s.insured}
