"""A US carrier's parcels (grams, New York 12-hour times) as our shipments."""

CONSUME = [
    (
        {"id": "P1", "weight_g": 1250, "pickup": "03/10/2024 09:15 AM", "items": ["a"], "insured_value": 100},
        {"id": "P1", "weight_kg": 1.25, "pickup_at": "2024-03-10T13:15:00+00:00", "count": 1, "insured": 100},
    ),
    (
        {"id": "P2", "weight_g": 80, "pickup": "11/30/2024 04:45 PM", "items": ["b", "c"]},
        {"id": "P2", "weight_kg": 0.08, "pickup_at": "2024-11-30T21:45:00+00:00", "count": 2, "insured": 0},
    ),
]
PRODUCE: list = []
