# expect: R101
# kind: flip, class: 3
# why: `Catalog.products` is a list of Product objects, but the report (another file) walks it with `.items()` as if it mapped names to products.


class Product:
    def __init__(self, name, price):
        self.name = name
        self.price = price


class Catalog:
    def __init__(self):
        self.products = []

    def add(self, name, price):
        self.products.append(Product(name, price))

    def by_price(self):
        return sorted(self.products, key=lambda p: p.price)


# ruff: noqa: E501
