from dataclasses import dataclass


@dataclass(frozen=True)
class Customer:
    id: int
    active: bool


def adapt(customer: dict) -> dict:
    c = Customer(id=customer["id"], active=customer.get("activo", "N") in {"S"})
    return {"id": c.id, "active": c.active}
