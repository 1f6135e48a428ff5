# kind: flip, class: 7
# why: `summary` returns a tuple and every caller unpacks it or indexes it by position.


class Expenses:
    def __init__(self):
        self.items = []

    def add(self, label, amount):
        self.items.append((label, amount))

    def summary(self):
        total = sum(amount for _, amount in self.items)
        return len(self.items), total

    def average(self):
        count, total = self.summary()
        return total / count if count else 0.0

    def over_budget(self, budget):
        return self.summary()[1] > budget

    def biggest(self):
        return max(self.items, key=lambda item: item[1])[0] if self.items else None


# run: e = Expenses(); e.add("tea", 3.0); e.add("rent", 900.0)
# run: assert e.average() == 451.5 and e.over_budget(800) and e.biggest() == "rent"
