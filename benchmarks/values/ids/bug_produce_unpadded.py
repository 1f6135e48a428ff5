# expect: V106 silent
def produce(order: dict) -> dict:
    return {"order": order["order"], "customer": f"CUST-{order['customer_id']}"}
