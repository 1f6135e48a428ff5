def adapt(payload: dict) -> dict:
    tags = []
    for tag in payload["tags"]:
        tags.append(tag.strip())
    address = payload["address"]
    return {"customer": payload["customer"], "addresses": [dict(address)], "tags": tags}
