"""System A's bookings (dates day first) and system B's (ISO dates), both ways."""

CONSUME = [
    ({"ref": "R1", "date": "03/04/2024"}, {"ref": "R1", "day": "2024-04-03"}),
    ({"ref": "R2", "date": "25/12/2024"}, {"ref": "R2", "day": "2024-12-25"}),
    ({"ref": "R3", "date": "01/02/2025"}, {"ref": "R3", "day": "2025-02-01"}),
]
PRODUCE = [
    ({"ref": "B1", "day": "2024-04-03"}, {"ref": "B1", "date": "03/04/2024"}),
    ({"ref": "B2", "day": "2024-12-25"}, {"ref": "B2", "date": "25/12/2024"}),
]
