# kind: merge, class: 3
# why: the store, in another file, reads and writes `Inventory.stock` as the dict the inventory made it.


class Inventory:
    def __init__(self):
        self.stock = {}

    def count(self, sku):
        return self.stock.get(sku, 0)

    def adjust(self, sku, delta):
        self.stock[sku] = self.count(sku) + delta
        if self.stock[sku] <= 0:
            del self.stock[sku]


# ruff: noqa: E501
