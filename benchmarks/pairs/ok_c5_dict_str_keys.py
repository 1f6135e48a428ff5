# kind: merge, class: 5
# why: the totals are a dict, so writes under str keys, f-string keys and a `key` variable are all fine.


class Budget:
    def __init__(self, year):
        self.year = year
        self.totals = {}

    def spend(self, category: str, amount):
        self.totals[category] = self.totals.get(category, 0.0) + amount

    def spend_monthly(self, month: int, amount):
        self.totals[f"m{month:02d}"] = self.totals.get(f"m{month:02d}", 0.0) + amount

    def close_year(self):
        key = "year"
        self.totals[key] = sum(v for k, v in self.totals.items() if k != key)
        return self.totals[key]


# run: b = Budget(2026); b.spend("food", 10.0); b.spend_monthly(3, 5.0)
# run: assert b.close_year() == 15.0 and b.totals["m03"] == 5.0
# ruff: noqa: E501
