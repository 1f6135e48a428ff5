from inventory import Inventory


class Store:
    def __init__(self, name):
        self.name = name
        self.inventory = Inventory()
        self.sales = []

    def sell(self, sku):
        if self.inventory.count(sku) == 0:
            raise LookupError(sku)
        self.inventory.adjust(sku, -1)
        self.sales.append(sku)

    def restock(self, delivery):
        for sku in delivery:
            self.inventory.stock.append(sku)


# run: s = Store("corner"); s.inventory.adjust("apple", 3); s.sell("apple")
# run: s.restock(["pear"])
# raises: AttributeError
