"""Madrid wall-clock times from system A, UTC instants for system B (and back)."""

CONSUME = [
    ({"slot": 1, "start": "2024-01-15 09:30"}, {"slot": 1, "start_utc": "2024-01-15T08:30:00+00:00"}),
    ({"slot": 2, "start": "2024-07-01 18:00"}, {"slot": 2, "start_utc": "2024-07-01T16:00:00+00:00"}),
]
PRODUCE = [
    ({"slot": 3, "start_utc": "2024-01-15T08:30:00+00:00"}, {"slot": 3, "start": "2024-01-15 09:30"}),
    ({"slot": 4, "start_utc": "2024-07-01T16:00:00+00:00"}, {"slot": 4, "start": "2024-07-01 18:00"}),
]
