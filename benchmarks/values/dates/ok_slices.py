def adapt(payload: dict) -> dict:
    text = payload["date"]
    return {"ref": payload["ref"], "day": f"{text[6:10]}-{text[3:5]}-{text[0:2]}"}
