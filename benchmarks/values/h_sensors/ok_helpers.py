from labels import LABELS


def decidegrees_to_celsius(value: int) -> float:
    return value * 0.1


def channel_label(channel: int) -> str:
    index = channel - 1
    return LABELS[index]


def adapt(frame: dict) -> dict:
    return {
        "celsius": round(decidegrees_to_celsius(frame["temp_dd"]), 1),
        "ts": frame["ts_ms"] * 1e-3,
        "label": channel_label(frame["channel"]),
    }
