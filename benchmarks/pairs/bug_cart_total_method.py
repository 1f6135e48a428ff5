# expect: R106
class Cart:
    def __init__(self):
        self.lines = []

    def add(self, price, qty):
        self.lines.append((price, qty))

    def subtotal(self):
        return sum(p * q for p, q in self.lines)

    def total(self, tax):
        return self.sub_total() * (1 + tax)
