# expect: V108 silent
STATES = {1: "open", 2: "closed", 3: "pending"}


def adapt(payload: dict) -> dict:
    return {"ticket": payload["ticket"], "state": STATES[payload["status"]]}
