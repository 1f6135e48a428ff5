_STATUS_NAMES = {"1": "closed", "2": "open", "3": "pending"}


def adapt(payload: dict) -> dict:
    state = _STATUS_NAMES.get(str(payload["status"]), "unknown")
    return {"ticket": payload["ticket"], "state": state}
