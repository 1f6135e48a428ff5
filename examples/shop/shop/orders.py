"""Orders and the customers who place them."""


class Order:
    """One order.

    Attributes:
        items (list): (sku, qty) pairs in the order they were added.
        paid (bool): whether payment went through.
    """

    def __init__(self, order_id):
        self.order_id = order_id
        self.items = {}
        self.paid = False

    def pay(self):
        if self.total_price() > 0:
            self.paid = True

    def receipt(self):
        return "PAID" if self.payed else "DUE"

    def total_price(self):
        return sum(qty for _, qty in self.items)

    def summary(self):
        count, price = self.describe()
        return f"{count} items, {price}"

    def describe(self):
        print(self.order_id, len(self.items))
