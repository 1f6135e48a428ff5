"""Stock levels. Writer A built add(); writer B built remove() and total()."""


class Inventory:
    def __init__(self):
        self.items = {}  # writer A: SKU -> quantity

    def add(self, sku, qty):
        self.items[sku] = self.items.get(sku, 0) + qty

    def remove(self, sku):  # writer B assumed a list of (sku, qty) pairs
        self.items = [(s, q) for s, q in self.items if s != sku]

    def total(self):
        return sum(q for _, q in self.items)
