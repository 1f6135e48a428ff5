# expect: V108 silent
from enum import Enum


class State(Enum):
    OPEN = "open"
    CLOSED = "closed"
    PENDING = "pending"


def to_state(code: int) -> State:
    if code == 1:
        return State.OPEN
    if code == 2:
        return State.CLOSED
    return State.PENDING


def adapt(payload: dict) -> dict:
    return {"ticket": payload["ticket"], "state": to_state(payload["status"]).value}
