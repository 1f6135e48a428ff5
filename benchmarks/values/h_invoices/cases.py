"""Spanish invoices (decimal comma, day-month-year, S/N) as our invoices."""

CONSUME = [
    ({"num": "F1", "importe": "1999,90", "fecha": "07-02-2024", "pagada": "S"}, {"num": "F1", "amount": 1999.9, "issued": "2024-02-07", "paid": True}),
    ({"num": "F2", "importe": "15", "fecha": "28-12-2023", "pagada": "n"}, {"num": "F2", "amount": 15.0, "issued": "2023-12-28", "paid": False}),
]
PRODUCE = [
    ({"num": "G1", "amount": 1999.9, "issued": "2024-02-07", "paid": True}, {"num": "G1", "importe": "1999,90", "fecha": "07-02-2024", "pagada": "S"}),
]
