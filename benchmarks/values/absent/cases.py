"""Invoice lines where the discount and the quantity may be missing."""

CONSUME = [
    ({"sku": "S1", "price": 10.0, "quantity": 3, "discount": 2.0}, {"sku": "S1", "net": 28.0}),
    ({"sku": "S2", "price": 10.0, "quantity": 2}, {"sku": "S2", "net": 20.0}),
    ({"sku": "S3", "price": 4.0}, {"sku": "S3", "net": 4.0}),
]
PRODUCE: list = []
