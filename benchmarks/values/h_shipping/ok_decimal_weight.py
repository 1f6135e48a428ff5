from datetime import datetime, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo


def kilograms(grams) -> Decimal:
    return Decimal(grams) / Decimal(1000)


def adapt(parcel: dict) -> dict:
    pickup = datetime.strptime(parcel["pickup"], "%m/%d/%Y %I:%M %p").replace(tzinfo=ZoneInfo("America/New_York"))
    insured = parcel.get("insured_value", 0.0)
    return {
        "id": parcel["id"],
        "weight_kg": kilograms(parcel["weight_g"]),
        "pickup_at": pickup.astimezone(timezone.utc),
        "count": sum(1 for _ in parcel["items"]),
        "insured": insured,
    }
