def adapt(customer: dict) -> dict:
    flag = customer["activo"].strip().upper()
    return {"id": customer["id"], "active": flag != "N"}
