"""A German shop's orders (system A) read into system B's orders."""

CONSUME = [
    (
        {
            "amount": 4250,
            "placed": "05.03.2024 14:00",
            "customer": "C000123",
            "express": "J",
            "note": "Tür 2",
            "lines": [{"sku": "X"}],
        },
        {
            "total": 42.5,
            "placed_at": "2024-03-05T13:00:00+00:00",
            "customer_id": 123,
            "is_express": True,
            "note": "Tür 2",
            "skus": ["X"],
        },
    ),
    (
        {
            "amount": 99,
            "placed": "30.07.2024 08:15",
            "customer": "C004200",
            "express": "0",
            "lines": [{"sku": "Y"}, {"sku": "Z"}],
        },
        {
            "total": 0.99,
            "placed_at": "2024-07-30T06:15:00+00:00",
            "customer_id": 4200,
            "is_express": False,
            "note": "",
            "skus": ["Y", "Z"],
        },
    ),
]
PRODUCE: list = []
