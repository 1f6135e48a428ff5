# expect: R104
class Catalog:
    def __init__(self):
        self.products = {}

    def add(self, sku, name, price):
        self.products[sku] = (name, price)

    def price(self, sku):
        return self.products[sku]["price"]
