from inventory import Inventory


class Store:
    def __init__(self, name):
        self.name = name
        self.inventory = Inventory()

    def restock(self, delivery):
        for sku, qty in delivery.items():
            self.inventory.stock[sku] = self.inventory.stock.get(sku, 0) + qty

    def low(self, threshold=2):
        return [sku for sku, qty in self.inventory.stock.items() if qty < threshold]

    def value(self, prices):
        return sum(prices[s] * q for s, q in self.inventory.stock.items())


# run: s = Store("corner"); s.restock({"apple": 3, "pear": 1}); s.inventory.adjust("apple", -1)
# run: assert s.low() == ["pear"] and s.value({"apple": 1.0, "pear": 2.0}) == 4.0
