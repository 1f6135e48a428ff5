# expect: V104 loud
from datetime import datetime, timezone
from zoneinfo import ZoneInfo


def adapt(parcel: dict) -> dict:
    pickup = datetime.strptime(parcel["pickup"], "%m/%d/%Y %I:%M %p").replace(tzinfo=ZoneInfo("America/New_York"))
    insured = float(parcel["insured_value"])
    return {
        "id": parcel["id"],
        "weight_kg": parcel["weight_g"] / 1000,
        "pickup_at": pickup.astimezone(timezone.utc),
        "count": len(parcel["items"]),
        "insured": insured,
    }
