# expect: V101 silent
def produce(order: dict) -> dict:
    return {"id": order["id"], "amount": int(order["total"] * 10)}
