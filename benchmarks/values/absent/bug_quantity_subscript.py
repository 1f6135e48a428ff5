# expect: V104 loud
from dataclasses import dataclass


@dataclass
class Line:
    sku: str
    net: float


def adapt(payload: dict) -> dict:
    line = Line(sku=payload["sku"], net=payload["price"] * payload["quantity"] - payload.get("discount", 0))
    return {"sku": line.sku, "net": line.net}
