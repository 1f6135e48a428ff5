# expect: V108 silent
LABELS = {"1": "pending", "2": "open", "3": "closed"}


def adapt(payload: dict) -> dict:
    return {"ticket": payload["ticket"], "state": LABELS.get(str(payload["status"]), "open")}
