def state_of(code: int) -> str:
    if code == 1:
        return "closed"
    elif code == 2:
        return "open"
    elif code == 3:
        return "pending"
    raise ValueError(f"unknown status {code}")


def adapt(payload: dict) -> dict:
    return {"ticket": payload["ticket"], "state": state_of(payload["status"])}
