# expect: R101
# kind: merge, class: 6
# why: the balance is a Decimal, but the second writer adds float interest to it, which Decimal refuses.
from decimal import Decimal


class SavingsAccount:
    def __init__(self, owner, opening="0.00"):
        self.owner = owner
        self.balance = Decimal(opening)

    def deposit(self, amount: str):
        self.balance += Decimal(amount)

    def statement(self):
        return f"{self.owner}: {self.balance.quantize(Decimal('0.01'))}"

    # second writer
    def add_interest(self, rate=0.015):
        self.balance += self.balance * rate
        self.balance = round(self.balance, 2)


# run: a = SavingsAccount("ann", "100.00"); a.deposit("5.50")
# run: a.add_interest()
# raises: TypeError
# ruff: noqa: E501
