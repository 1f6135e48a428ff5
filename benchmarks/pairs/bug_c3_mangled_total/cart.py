# expect: R105
# kind: flip, class: 3
# why: the cart keeps its total in `self.__total` (mangled to `_Cart__total`), but a helper that receives a cart reads `cart._total`.


class Cart:
    def __init__(self):
        self.items = {}
        self.__total = 0.0

    def add(self, sku, price, qty=1):
        self.items[sku] = self.items.get(sku, 0) + qty
        self.__total += price * qty

    def total(self):
        return round(self.__total, 2)

    @staticmethod
    def merge_totals(first, second):
        return round(first._total + second._total, 2)


# run: a = Cart(); a.add("x", 1.0); b = Cart(); b.add("y", 2.0)
# run: Cart.merge_totals(a, b)
# raises: AttributeError
# ruff: noqa: E501
