def adapt(customer: dict) -> dict:
    return {"id": customer["id"], "active": customer["activo"] == "S"}
