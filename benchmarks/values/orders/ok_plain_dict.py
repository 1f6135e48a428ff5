from datetime import datetime, timezone
from zoneinfo import ZoneInfo


def adapt(p):
    placed = datetime.strptime(p["placed"], "%d.%m.%Y %H:%M")
    placed = placed.replace(tzinfo=ZoneInfo("Europe/Berlin"))
    out = {}
    out["total"] = round(p["amount"] / 100, 2)
    out["placed_at"] = placed.astimezone(timezone.utc)
    out["customer_id"] = int(p["customer"].lstrip("C"))
    out["is_express"] = p["express"] not in ("N", "0")
    out["note"] = p.get("note") or ""
    out["skus"] = [l["sku"] for l in p["lines"]]
    return out
