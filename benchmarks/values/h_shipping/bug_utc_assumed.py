# expect: V103 silent
from datetime import datetime, timezone


def adapt(parcel: dict) -> dict:
    pickup = datetime.strptime(parcel["pickup"], "%m/%d/%Y %I:%M %p")
    return {
        "id": parcel["id"],
        "weight_kg": parcel["weight_g"] / 1000,
        "pickup_at": pickup.replace(tzinfo=timezone.utc),
        "count": len(parcel["items"]),
        "insured": parcel.get("insured_value", 0),
    }
