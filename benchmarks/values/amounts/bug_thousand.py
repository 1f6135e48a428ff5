# expect: V101 silent
from decimal import Decimal


def adapt(payload: dict) -> dict:
    total = Decimal(payload["amount"]) / 1000
    return {"id": payload["id"], "total": round(total, 2)}
