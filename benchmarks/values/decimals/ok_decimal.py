from decimal import Decimal


def parse_price(text: str) -> Decimal:
    return Decimal(text.strip().replace(".", "").replace(",", "."))


def adapt(item: dict) -> dict:
    return {"sku": item["sku"], "price": float(parse_price(item["precio"]))}
