# expect: V101 silent
def to_euros(value):
    return round(value * 100, 2)


def adapt(payload: dict) -> dict:
    return {"id": payload["id"], "total": to_euros(payload["amount"])}
