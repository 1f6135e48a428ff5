# expect: V101 silent
from datetime import datetime, timezone
from zoneinfo import ZoneInfo


def adapt(parcel: dict) -> dict:
    pickup = datetime.strptime(parcel["pickup"], "%m/%d/%Y %I:%M %p").replace(tzinfo=ZoneInfo("America/New_York"))
    return {
        "id": parcel["id"],
        "weight_kg": float(parcel["weight_g"]),
        "pickup_at": pickup.astimezone(timezone.utc),
        "count": len(parcel["items"]),
        "insured": parcel.get("insured_value", 0),
    }
