# expect: R105
# kind: merge, class: 3
# why: the invoice writer reads `other.total_cost` from a parameter annotated `Order`, but the order's writer only ever creates `total`.


class Order:
    def __init__(self, number, lines):
        self.number = number
        self.lines = list(lines)
        self.total = sum(qty * price for _, qty, price in self.lines)

    def add_line(self, sku, qty, price):
        self.lines.append((sku, qty, price))
        self.total += qty * price


# ruff: noqa: E501
