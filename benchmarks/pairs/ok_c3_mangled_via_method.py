# kind: flip, class: 3
# why: the cart keeps `self.__total` private and a static method that receives carts reads it through the public `total()` method.


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
        return round(first.total() + second.total(), 2)

    def absorb(self, other: "Cart"):
        for sku, qty in other.items.items():
            self.items[sku] = self.items.get(sku, 0) + qty
        self.__total += other.total()


# run: a = Cart(); a.add("x", 1.0); b = Cart(); b.add("y", 2.0, 2)
# run: assert Cart.merge_totals(a, b) == 5.0; a.absorb(b); assert a.total() == 5.0 and a.items == {"x": 1, "y": 2}
# ruff: noqa: E501
