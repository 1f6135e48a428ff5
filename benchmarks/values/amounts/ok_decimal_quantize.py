from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def adapt(payload: dict) -> dict:
    total = (Decimal(payload["amount"]) / Decimal(100)).quantize(CENT, rounding=ROUND_HALF_UP)
    return {"id": payload["id"], "total": total}
