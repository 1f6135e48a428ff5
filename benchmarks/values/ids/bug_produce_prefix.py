# expect: V106 silent
def produce(order: dict) -> dict:
    return {"order": order["order"], "customer": "C-%05d" % order["customer_id"]}
