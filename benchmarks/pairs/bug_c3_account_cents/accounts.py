# expect: R105
# kind: merge, class: 3
# why: the report writer reads `account.balance_cents` from accounts the ledger creates, but `Account` only stores `balance`.


class Account:
    def __init__(self, number, owner):
        self.number = number
        self.owner = owner
        self.balance = 0

    def deposit(self, cents):
        if cents <= 0:
            raise ValueError("deposit must be positive")
        self.balance += cents


class Ledger:
    def __init__(self):
        self.accounts = {}

    def open(self, number, owner):
        self.accounts[number] = Account(number, owner)
        return self.accounts[number]


# ruff: noqa: E501
