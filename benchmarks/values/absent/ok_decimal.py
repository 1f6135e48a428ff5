from decimal import Decimal


def adapt(line: dict) -> dict:
    price = Decimal(str(line["price"]))
    discount = Decimal(str(line.get("discount", "0")))
    quantity = int(line.get("quantity", 1))
    return {"sku": line["sku"], "net": float(price * quantity - discount)}
