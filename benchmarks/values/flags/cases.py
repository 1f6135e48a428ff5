"""Customers from the ERP ("S"/"N" flags) as booleans."""

CONSUME = [
    ({"id": 1, "activo": "S"}, {"id": 1, "active": True}),
    ({"id": 2, "activo": "N"}, {"id": 2, "active": False}),
]
PRODUCE = [
    ({"id": 3, "active": True}, {"id": 3, "activo": "S"}),
    ({"id": 4, "active": False}, {"id": 4, "activo": "N"}),
]
