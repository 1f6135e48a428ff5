# expect: V107 loud
def adapt(payload: dict) -> dict:
    return {"customer": payload["customer"], "addresses": [payload["address"][0]], "tags": payload["tags"]}
