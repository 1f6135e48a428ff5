def adapt(payload: dict) -> dict:
    return {"customer": payload["customer"], "addresses": [payload["address"]], "tags": list(payload["tags"])}
