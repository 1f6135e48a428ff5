"""Sensor frames (deci-degrees, millisecond stamps, channels from 1) as readings."""

LABELS = ["inlet", "outlet", "ambient"]
CONSUME = [
    ({"temp_dd": 215, "ts_ms": 1700000000500, "channel": 1}, {"celsius": 21.5, "ts": 1700000000.5, "label": "inlet"}),
    ({"temp_dd": -43, "ts_ms": 1700000123000, "channel": 3}, {"celsius": -4.3, "ts": 1700000123.0, "label": "ambient"}),
]
PRODUCE = [
    ({"celsius": 21.5, "ts": 1700000000.5, "label": "inlet"}, {"temp_dd": 215, "ts_ms": 1700000000500, "channel": 1}),
]
