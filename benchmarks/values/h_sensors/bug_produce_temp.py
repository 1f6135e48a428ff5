# expect: V101 silent
from labels import LABELS


def produce(reading: dict) -> dict:
    return {
        "temp_dd": int(reading["celsius"]),
        "ts_ms": int(round(reading["ts"] * 1000)),
        "channel": LABELS.index(reading["label"]) + 1,
    }
