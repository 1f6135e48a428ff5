def produce(customer: dict) -> dict:
    return {"id": customer["id"], "activo": "S" if customer["active"] else "N"}
