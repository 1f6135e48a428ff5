# expect: V102 silent
from datetime import datetime, timezone
from zoneinfo import ZoneInfo


def adapt(parcel: dict) -> dict:
    pickup = datetime.strptime(parcel["pickup"][:16], "%m/%d/%Y %H:%M").replace(tzinfo=ZoneInfo("America/New_York"))
    return {
        "id": parcel["id"],
        "weight_kg": parcel["weight_g"] / 1000,
        "pickup_at": pickup.astimezone(timezone.utc),
        "count": len(parcel["items"]),
        "insured": parcel.get("insured_value", 0),
    }
