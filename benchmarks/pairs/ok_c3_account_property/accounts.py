# kind: flip, class: 3
# why: `balance_cents` is a property of Account, so the report in another file reads an attribute that exists.


class Account:
    def __init__(self, number, owner):
        self.number = number
        self.owner = owner
        self.balance = 0

    @property
    def balance_cents(self):
        return self.balance

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
