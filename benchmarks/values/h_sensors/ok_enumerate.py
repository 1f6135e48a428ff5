from labels import LABELS

BY_CHANNEL = {number: label for number, label in enumerate(LABELS, start=1)}


def adapt(frame: dict) -> dict:
    celsius = frame["temp_dd"] / 10
    seconds = frame["ts_ms"] / 1000.0
    return {"celsius": celsius, "ts": seconds, "label": BY_CHANNEL[frame["channel"]]}
