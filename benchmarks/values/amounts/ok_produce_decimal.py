from decimal import Decimal


def produce(order: dict) -> dict:
    cents = int((Decimal(str(order["total"])) * 100).to_integral_value())
    return {"id": order["id"], "amount": cents}
