# kind: flip, class: 4
# why: the workspace's `Journal` has both `append` and `keys`, so a class using its journal both ways is consistent.


class Journal:
    def __init__(self):
        self._entries = []

    def append(self, entry):
        self._entries.append(entry)

    def keys(self):
        return sorted({e["account"] for e in self._entries})

    def __iter__(self):
        return iter(self._entries)


class Books:
    def __init__(self):
        self.journal = Journal()

    def post(self, account, amount):
        self.journal.append({"account": account, "amount": amount})

    def accounts(self):
        return list(self.journal.keys())

    def balance(self, account):
        return sum(e["amount"] for e in self.journal if e["account"] == account)


# run: b = Books(); b.post("cash", 10); b.post("bank", 5); b.post("cash", -3)
# run: assert b.accounts() == ["bank", "cash"] and b.balance("cash") == 7
# ruff: noqa: E501
