def adapt(payload: dict) -> dict:
    match payload["status"]:
        case 1:
            state = "closed"
        case 2:
            state = "open"
        case 3:
            state = "pending"
        case _:
            state = "unknown"
    return {"ticket": payload["ticket"], "state": state}
