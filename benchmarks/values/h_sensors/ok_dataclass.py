from dataclasses import asdict, dataclass

from labels import LABELS


@dataclass
class Reading:
    celsius: float
    ts: float
    label: str


def adapt(frame: dict) -> dict:
    reading = Reading(celsius=frame["temp_dd"] / 10.0, ts=frame["ts_ms"] / 1_000, label=LABELS[frame["channel"] - 1])
    return asdict(reading)
