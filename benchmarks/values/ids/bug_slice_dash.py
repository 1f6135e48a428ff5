# expect: V106 silent
def adapt(order: dict) -> dict:
    return {"order": order["order"], "customer_id": int(order["customer"][4:])}
