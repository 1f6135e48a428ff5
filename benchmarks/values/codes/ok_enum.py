from enum import Enum


class State(Enum):
    OPEN = "open"
    CLOSED = "closed"
    PENDING = "pending"


LEGACY = {1: State.CLOSED, 2: State.OPEN, 3: State.PENDING}


def adapt(payload: dict) -> dict:
    return {"ticket": payload["ticket"], "state": LEGACY[int(payload["status"])].value}
