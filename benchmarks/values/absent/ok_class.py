from dataclasses import dataclass


@dataclass
class Line:
    sku: str
    price: float
    quantity: int = 1
    discount: float = 0.0

    @classmethod
    def from_payload(cls, data: dict) -> "Line":
        return cls(
            sku=data["sku"],
            price=data["price"],
            quantity=data.get("quantity", 1),
            discount=data.get("discount", 0.0),
        )


def adapt(line: dict) -> dict:
    parsed = Line.from_payload(line)
    return {"sku": parsed.sku, "net": parsed.price * parsed.quantity - parsed.discount}
