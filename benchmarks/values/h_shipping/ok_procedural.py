import datetime as dt
import zoneinfo

NY = zoneinfo.ZoneInfo("America/New_York")
FMT = "%m/%d/%Y %I:%M %p"


def adapt(parcel):
    result = {}
    result["id"] = parcel["id"]
    result["weight_kg"] = parcel["weight_g"] * 0.001
    local = dt.datetime.strptime(parcel["pickup"], FMT)
    local = local.replace(tzinfo=NY)
    result["pickup_at"] = local.astimezone(dt.timezone.utc)
    result["count"] = len(parcel.get("items", []))
    result["insured"] = parcel["insured_value"] if "insured_value" in parcel else 0
    return result
