def adapt(payload: dict) -> dict:
    code = payload["status"]
    state = "closed" if code == 1 else ("open" if code == 2 else "pending")
    return {"ticket": payload["ticket"], "state": state}
