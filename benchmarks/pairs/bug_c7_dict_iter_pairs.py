# expect: R101
# kind: merge, class: 7
# why: stock maps sku to quantity, but the second writer unpacks each element of the dict as a `(sku, qty)` pair, and a dict yields only its keys.


class Pantry:
    def __init__(self):
        self.stock = {}

    def put(self, sku, qty):
        self.stock[sku] = self.stock.get(sku, 0) + qty

    def use(self, sku, qty=1):
        if self.stock.get(sku, 0) < qty:
            raise LookupError(sku)
        self.stock[sku] -= qty

    # second writer
    def shopping_list(self, minimum=2):
        return sorted(sku for sku, qty in self.stock if qty < minimum)


# run: p = Pantry(); p.put("flour", 1); p.put("rice", 5)
# run: p.shopping_list()
# raises: ValueError
# ruff: noqa: E501
