# expect: V103 silent
from datetime import datetime, timezone


def adapt(payload: dict) -> dict:
    placed = datetime.strptime(payload["placed"], "%d.%m.%Y %H:%M")
    return {
        "total": round(payload["amount"] / 100, 2),
        "placed_at": placed.astimezone(timezone.utc),
        "customer_id": int(payload["customer"][1:]),
        "is_express": payload["express"] in ("J", "1"),
        "note": payload.get("note", ""),
        "skus": [line["sku"] for line in payload["lines"]],
    }
