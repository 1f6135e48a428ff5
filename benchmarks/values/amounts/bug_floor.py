# expect: V101 silent
from dataclasses import dataclass


@dataclass
class Order:
    id: str
    total: float


def adapt(payload: dict) -> Order:
    euros = payload["amount"] // 100
    return Order(id=payload["id"], total=euros)
