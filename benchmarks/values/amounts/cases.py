"""System A's order payloads, and what system B's order must hold for each (and back)."""

CONSUME = [
    ({"id": "A1", "amount": 1999, "currency": "EUR"}, {"id": "A1", "total": 19.99}),
    ({"id": "A2", "amount": 5, "currency": "EUR"}, {"id": "A2", "total": 0.05}),
    ({"id": "A3", "amount": 120000, "currency": "EUR"}, {"id": "A3", "total": 1200.0}),
]
PRODUCE = [
    ({"id": "B1", "total": 19.99}, {"id": "B1", "amount": 1999}),
    ({"id": "B2", "total": 0.05}, {"id": "B2", "amount": 5}),
]
