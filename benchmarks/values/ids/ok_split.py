def adapt(order: dict) -> dict:
    return {"order": order["order"], "customer_id": int(order["customer"].split("-")[1])}
