from order import Order


class Invoice:
    def __init__(self, customer):
        self.customer = customer
        self.orders = []
        self.amount = 0.0

    def include(self, other: "Order"):
        self.orders.append(other.number)
        self.amount += other.total_cost

    def summary(self):
        return f"{self.customer}: {len(self.orders)} orders, {self.amount:.2f}"


# run: inv = Invoice("acme")
# run: inv.include(Order(1, [("a", 2, 1.5)]))
# raises: AttributeError
