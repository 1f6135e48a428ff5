# expect: V105 silent
def adapt(customer: dict) -> dict:
    return {"id": customer["id"], "active": bool(customer["activo"])}
