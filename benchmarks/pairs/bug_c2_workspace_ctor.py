# expect: R101
# kind: merge, class: 2
# why: `self.inventory` is an `Inventory()`, which has no `append` and is not subscriptable, yet the second writer treats it as a list of items.


class Inventory:
    def __init__(self):
        self.stock = {}

    def add(self, sku, qty=1):
        self.stock[sku] = self.stock.get(sku, 0) + qty

    def take(self, sku, qty=1):
        if self.stock.get(sku, 0) < qty:
            raise LookupError(sku)
        self.stock[sku] -= qty


class Warehouse:
    def __init__(self, name):
        self.name = name
        self.inventory = Inventory()

    def receive(self, sku, qty):
        self.inventory.add(sku, qty)

    def ship(self, sku, qty):
        self.inventory.take(sku, qty)

    # second writer
    def receive_pallet(self, items):
        for sku in items:
            self.inventory.append(sku)

    def first_item(self):
        return self.inventory[0]


# run: w = Warehouse("north"); w.receive("a", 2)
# run: w.receive_pallet(["b"])
# raises: AttributeError
# ruff: noqa: E501
