# expect: R107
# kind: flip, class: 7
# why: `summary` returns a `(count, total)` tuple, but one caller indexes its result with the str key "total".


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
        return self.summary()["total"] > budget


# run: e = Expenses(); e.add("tea", 3.0); e.average()
# run: e.over_budget(10)
# raises: TypeError
# ruff: noqa: E501
