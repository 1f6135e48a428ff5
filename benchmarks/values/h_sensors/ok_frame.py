from labels import LABELS


def adapt(frame: dict) -> dict:
    return {
        "celsius": frame["temp_dd"] / 10,
        "ts": frame["ts_ms"] / 1000,
        "label": LABELS[frame["channel"] - 1],
    }
