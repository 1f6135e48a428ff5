# expect: V101 silent
from labels import LABELS


def adapt(frame: dict) -> dict:
    return {"celsius": frame["temp_dd"], "ts": frame["ts_ms"] / 1000, "label": LABELS[frame["channel"] - 1]}
