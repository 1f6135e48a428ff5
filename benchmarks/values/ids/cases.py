"""Customer references (CUST-00042) and the integer ids behind them, both ways."""

CONSUME = [
    ({"order": "O1", "customer": "CUST-00042"}, {"order": "O1", "customer_id": 42}),
    ({"order": "O2", "customer": "CUST-12345"}, {"order": "O2", "customer_id": 12345}),
    ({"order": "O3", "customer": "CUST-00007"}, {"order": "O3", "customer_id": 7}),
]
PRODUCE = [
    ({"order": "B1", "customer_id": 42}, {"order": "B1", "customer": "CUST-00042"}),
    ({"order": "B2", "customer_id": 12345}, {"order": "B2", "customer": "CUST-12345"}),
]
