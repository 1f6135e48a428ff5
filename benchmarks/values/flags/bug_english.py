# expect: V105 silent
TRUTHY = ("y", "yes", "true", "1")


def adapt(customer: dict) -> dict:
    return {"id": customer["id"], "active": customer["activo"].lower() in TRUTHY}
