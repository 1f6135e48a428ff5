from datetime import datetime, timezone
from typing import TypedDict
from zoneinfo import ZoneInfo


class ShopOrder(TypedDict, total=False):
    amount: int
    placed: str
    customer: str
    express: str
    note: str
    lines: list[dict]


EXPRESS = {"J": True, "1": True, "N": False, "0": False}


def adapt(order: ShopOrder) -> dict:
    berlin = ZoneInfo("Europe/Berlin")
    placed_local = datetime.strptime(order["placed"], "%d.%m.%Y %H:%M").replace(tzinfo=berlin)
    return {
        "total": round(order["amount"] / 100, 2),
        "placed_at": placed_local.astimezone(timezone.utc),
        "customer_id": int(order["customer"].removeprefix("C")),
        "is_express": EXPRESS[order["express"]],
        "note": order.get("note", ""),
        "skus": [line["sku"] for line in order["lines"]],
    }
