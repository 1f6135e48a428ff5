"""Adapter from the shop's order export (system A) to our order model (system B)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

SHOP_TZ = ZoneInfo("Europe/Berlin")
SHOP_DATE_FORMAT = "%d.%m.%Y %H:%M"


@dataclass
class Order:
    total: Decimal
    placed_at: datetime
    customer_id: int
    is_express: bool
    note: str = ""
    skus: list[str] = field(default_factory=list)


def _parse_placed(value: str) -> datetime:
    local = datetime.strptime(value, SHOP_DATE_FORMAT).replace(tzinfo=SHOP_TZ)
    return local.astimezone(timezone.utc)


def _parse_customer(value: str) -> int:
    return int(value[1:])


def from_shop(payload: dict) -> Order:
    return Order(
        total=(Decimal(payload["amount"]) / 100).quantize(Decimal("0.01")),
        placed_at=_parse_placed(payload["placed"]),
        customer_id=_parse_customer(payload["customer"]),
        is_express=payload["express"] in ("J", "1"),
        note=payload.get("note", ""),
        skus=[line["sku"] for line in payload["lines"]],
    )


def adapt(payload: dict) -> dict:
    o = from_shop(payload)
    return vars(o)
