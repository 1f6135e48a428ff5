# expect: V105 silent
def produce(customer: dict) -> dict:
    return {"id": customer["id"], "activo": "Y" if customer["active"] else "N"}
