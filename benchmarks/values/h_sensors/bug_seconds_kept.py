# expect: V101 silent
from labels import LABELS


def adapt(frame: dict) -> dict:
    ts = frame["ts_ms"]
    return {"celsius": frame["temp_dd"] / 10, "ts": ts, "label": LABELS[frame["channel"] - 1]}
