"""Prices with a decimal comma, read as numbers (and written back)."""

CONSUME = [
    ({"sku": "P1", "precio": "12,50"}, {"sku": "P1", "price": 12.5}),
    ({"sku": "P2", "precio": "3"}, {"sku": "P2", "price": 3.0}),
    ({"sku": "P3", "precio": "1234,05"}, {"sku": "P3", "price": 1234.05}),
]
PRODUCE = [
    ({"sku": "Q1", "price": 12.5}, {"sku": "Q1", "precio": "12,50"}),
]
