# kind: flip, class: 1
# why: `:param dict prices:` and every method treats the prices as a mapping (get, items, keys, item assignment, update).


class PriceList:
    def __init__(self, prices, currency="EUR"):
        """Create a price list.

        :param dict prices: product code to unit price.
        :param str currency: ISO code of the currency.
        """
        self.prices = prices
        self.currency = currency.upper()

    def price_of(self, code):
        return self.prices[code]

    def set_price(self, code, price):
        if price < 0:
            raise ValueError("negative price")
        self.prices[code] = price

    def codes(self):
        return sorted(self.prices.keys())

    def add_products(self, more):
        self.prices.update(more)

    def cheapest(self):
        return min(self.prices.items(), key=lambda kv: kv[1])[0]

    def total(self, basket):
        return sum(self.prices[code] * qty for code, qty in basket.items())


# run: p = PriceList({"A1": 2.5}, "eur")
# run: p.add_products({"B2": 1.0}); assert p.cheapest() == "B2" and p.total({"A1": 2}) == 5.0
# ruff: noqa: E501
