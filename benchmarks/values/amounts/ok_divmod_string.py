def adapt(payload: dict) -> dict:
    euros, cents = divmod(payload["amount"], 100)
    return {"id": payload["id"], "total": float(f"{euros}.{cents:02d}")}
