def customer_key(ref: str) -> int:
    return int(ref.removeprefix("CUST-"))


def adapt(order: dict) -> dict:
    return {"order": order["order"], "customer_id": customer_key(order["customer"])}
