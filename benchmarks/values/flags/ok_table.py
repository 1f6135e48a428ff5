FLAGS = {"S": True, "N": False}


def adapt(customer: dict) -> dict:
    return {"id": customer["id"], "active": FLAGS[customer["activo"]]}
