def parse_flag(value: str) -> bool:
    if value not in ("S", "N"):
        raise ValueError(f"bad flag {value!r}")
    return value == "S"


def adapt(customer: dict) -> dict:
    return {"id": customer["id"], "active": parse_flag(customer["activo"])}
