from typing import Any


class Order:
    def __init__(self, id: str, total: float) -> None:
        self.id = id
        self.total = total


def adapt(payload: dict[str, Any]) -> Order:
    amount_cents = int(payload.get("amount", 0))
    return Order(id=str(payload["id"]), total=round(amount_cents / 100.0, 2))
