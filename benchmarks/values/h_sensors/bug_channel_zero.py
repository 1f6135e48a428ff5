# expect: V109 silent
from labels import LABELS


def adapt(frame: dict) -> dict:
    channel = frame["channel"]
    return {"celsius": frame["temp_dd"] / 10, "ts": frame["ts_ms"] / 1000, "label": LABELS[channel]}
