from dataclasses import dataclass, field


@dataclass
class Address:
    street: str
    city: str


@dataclass
class Customer:
    customer: int
    addresses: list[Address] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def adapt(payload: dict) -> dict:
    c = Customer(customer=payload["customer"], addresses=[Address(**payload["address"])], tags=[t for t in payload["tags"]])
    return {"customer": c.customer, "addresses": [vars(a) for a in c.addresses], "tags": c.tags}
