STATES = {1: "closed", 2: "open", 3: "pending"}


def adapt(payload: dict) -> dict:
    return {"ticket": payload["ticket"], "state": STATES[payload["status"]]}
