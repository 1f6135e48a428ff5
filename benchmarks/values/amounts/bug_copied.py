# expect: V101 silent
def adapt(payload: dict) -> dict:
    return {"id": payload["id"], "total": payload["amount"]}
