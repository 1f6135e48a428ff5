# expect: V102 loud
from datetime import datetime, timezone
from zoneinfo import ZoneInfo


def adapt(payload: dict) -> dict:
    placed = datetime.strptime(payload["placed"], "%d/%m/%Y %H:%M").replace(tzinfo=ZoneInfo("Europe/Berlin"))
    return {
        "total": round(payload["amount"] / 100, 2),
        "placed_at": placed.astimezone(timezone.utc),
        "customer_id": int(payload["customer"][1:]),
        "is_express": payload["express"] in ("J", "1"),
        "note": payload.get("note", ""),
        "skus": [line["sku"] for line in payload["lines"]],
    }
