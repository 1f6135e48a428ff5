# expect: V110 loud
from decimal import Decimal


def adapt(item: dict) -> dict:
    price = Decimal(item["precio"])
    return {"sku": item["sku"], "price": float(price)}
