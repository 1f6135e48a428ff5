# expect: R101
# kind: merge, class: 3
# why: `Inventory.stock` is a dict of sku to quantity, but the store (the second writer, another file) appends skus to it like a list.


class Inventory:
    def __init__(self):
        self.stock = {}

    def count(self, sku):
        return self.stock.get(sku, 0)

    def adjust(self, sku, delta):
        self.stock[sku] = self.count(sku) + delta
        if self.stock[sku] <= 0:
            del self.stock[sku]

    def skus(self):
        return sorted(self.stock)


# ruff: noqa: E501
