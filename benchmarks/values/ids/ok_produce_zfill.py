def produce(order: dict) -> dict:
    return {"order": order["order"], "customer": "CUST-" + str(order["customer_id"]).zfill(5)}
