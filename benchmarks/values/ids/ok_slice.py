PREFIX = "CUST-"


def adapt(order: dict) -> dict:
    ref = order["customer"]
    return {"order": order["order"], "customer_id": int(ref[len(PREFIX):])}
