from dataclasses import dataclass


@dataclass
class Order:
    id: str
    total: float


def adapt(payload: dict) -> Order:
    amount = payload["amount"]
    euros = amount * 0.01
    return Order(id=payload["id"], total=round(euros, 2))
