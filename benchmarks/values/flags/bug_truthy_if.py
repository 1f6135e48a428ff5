# expect: V105 silent
def adapt(customer: dict) -> dict:
    if customer["activo"]:
        active = True
    else:
        active = False
    return {"id": customer["id"], "active": active}
