class Inventory:
    def __init__(self):
        self.items = {}

    def add(self, sku, qty):
        self.items[sku] = self.items.get(sku, 0) + qty

    def remove(self, sku, qty):
        if self.items.get(sku, 0) < qty:
            raise KeyError(sku)
        self.items[sku] -= qty
        if not self.items[sku]:
            del self.items[sku]

    def total(self):
        return sum(self.items.values())

    def skus(self):
        return sorted(self.items)
