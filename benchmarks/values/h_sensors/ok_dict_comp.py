from labels import LABELS

SCALE = {"temp_dd": ("celsius", 10), "ts_ms": ("ts", 1000)}


def adapt(frame: dict) -> dict:
    out = {target: frame[source] / factor for source, (target, factor) in SCALE.items()}
    out["label"] = LABELS[int(frame["channel"]) - 1]
    return out
