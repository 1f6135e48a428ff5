def adapt(payload: dict) -> dict:
    return {"id": payload["id"], "total": round(payload["amount"] / 100, 2)}
