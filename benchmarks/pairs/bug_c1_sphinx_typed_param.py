# expect: R101
# kind: flip, class: 1
# why: `:param dict prices:` says the prices are a mapping, but one method appends to them like a list.


class PriceList:
    """Prices of the products a shop sells."""

    def __init__(self, prices, currency="EUR"):
        """Create a price list.

        :param dict prices: product code to unit price.
        :param str currency: ISO code of the currency.
        """
        self.prices = prices
        self.currency = currency

    def price_of(self, code):
        return self.prices[code]

    def set_price(self, code, price):
        if price < 0:
            raise ValueError("negative price")
        self.prices[code] = price

    def codes(self):
        return sorted(self.prices.keys())

    def add_product(self, code, price):
        self.prices.append((code, price))

    def total(self, basket):
        return sum(self.prices[code] * qty for code, qty in basket.items())


# run: p = PriceList({"A1": 2.5})
# run: p.add_product("B2", 1.0)
# raises: AttributeError
# ruff: noqa: E501
