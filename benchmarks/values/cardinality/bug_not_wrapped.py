# expect: V107 silent
def adapt(payload: dict) -> dict:
    return {"customer": payload["customer"], "addresses": payload["address"], "tags": payload["tags"]}
