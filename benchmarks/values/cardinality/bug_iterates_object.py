# expect: V107 silent
def adapt(payload: dict) -> dict:
    addresses = [a for a in payload["address"]]
    return {"customer": payload["customer"], "addresses": addresses, "tags": payload["tags"]}
