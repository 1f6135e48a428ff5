# expect: R101
# kind: merge, class: 5
# why: monthly totals are a list of twelve numbers, but the second writer writes the yearly total under the str key held in `key`.


class Budget:
    def __init__(self, year):
        self.year = year
        self.totals = [0.0] * 12

    def spend(self, month, amount):
        self.totals[month - 1] += amount

    def month(self, month):
        return self.totals[month - 1]

    # second writer
    def close_year(self):
        key = "year"
        self.totals[key] = sum(self.totals)
        return self.totals[key]


# run: b = Budget(2026); b.spend(3, 10.0)
# run: b.close_year()
# raises: TypeError
# ruff: noqa: E501
