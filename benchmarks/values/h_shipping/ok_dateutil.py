from dateutil import parser, tz


def adapt(parcel: dict) -> dict:
    when = parser.parse(parcel["pickup"])
    when = when.replace(tzinfo=tz.gettz("America/New_York"))
    return {
        "id": parcel["id"],
        "weight_kg": round(parcel["weight_g"] / 1000, 3),
        "pickup_at": when.astimezone(tz.tzutc()),
        "count": len(parcel["items"]),
        "insured": parcel.get("insured_value") or 0,
    }
