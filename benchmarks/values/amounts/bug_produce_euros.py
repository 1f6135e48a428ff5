# expect: V101 silent
def produce(order: dict) -> dict:
    return {"id": order["id"], "amount": order["total"]}
