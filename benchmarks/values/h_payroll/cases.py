"""Time-clock records (minutes, compact dates, 0/1 flags) as payroll lines."""

CONSUME = [
    ({"emp": "E1", "worked": 450, "day": "20240305", "overtime": 0}, {"emp": "E1", "hours": 7.5, "date": "2024-03-05", "is_overtime": False}),
    ({"emp": "E2", "worked": 605, "day": "20241231", "overtime": 1}, {"emp": "E2", "hours": 10.08, "date": "2024-12-31", "is_overtime": True}),
]
PRODUCE = [
    ({"emp": "P1", "hours": 7.5, "date": "2024-03-05", "is_overtime": False}, {"emp": "P1", "worked": 450, "day": "20240305", "overtime": 0}),
]
