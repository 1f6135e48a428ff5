# expect: V108 silent
def adapt(payload: dict) -> dict:
    status = payload["status"]
    if status == 1:
        state = "open"
    elif status == 2:
        state = "closed"
    else:
        state = "pending"
    return {"ticket": payload["ticket"], "state": state}
