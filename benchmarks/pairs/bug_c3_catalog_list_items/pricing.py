from catalog import Catalog


class PriceReport:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog

    def cheapest(self):
        return self.catalog.by_price()[0].name

    def lines(self):
        return [f"{name}: {p.price:.2f}" for name, p in self.catalog.products.items()]


# run: c = Catalog(); c.add("pen", 1.2); r = PriceReport(c); r.cheapest()
# run: r.lines()
# raises: AttributeError
