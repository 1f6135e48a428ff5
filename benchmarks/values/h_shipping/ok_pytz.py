from datetime import datetime

import pytz

EASTERN = pytz.timezone("America/New_York")


def adapt(parcel: dict) -> dict:
    naive = datetime.strptime(parcel["pickup"], "%m/%d/%Y %I:%M %p")
    pickup = EASTERN.localize(naive).astimezone(pytz.utc)
    return {
        "id": parcel["id"],
        "weight_kg": parcel["weight_g"] / 1000,
        "pickup_at": pickup,
        "count": len(parcel["items"]),
        "insured": parcel.get("insured_value", 0),
    }
