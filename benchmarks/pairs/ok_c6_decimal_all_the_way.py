# kind: merge, class: 6
# why: the balance is a Decimal and every operand is a Decimal or an int, which Decimal accepts; rounding is done with quantize.
from decimal import ROUND_HALF_EVEN, Decimal

CENT = Decimal("0.01")


class SavingsAccount:
    def __init__(self, owner, opening="0.00", rate="0.015"):
        self.owner = owner
        self.balance = Decimal(opening)
        self.rate = Decimal(rate)

    def deposit(self, amount: str):
        self.balance += Decimal(amount)

    def withdraw(self, amount: str):
        amount = Decimal(amount)
        if amount > self.balance:
            raise ValueError("insufficient funds")
        self.balance -= amount

    def add_interest(self, months=12):
        self.balance += (self.balance * self.rate * months / 12).quantize(CENT, ROUND_HALF_EVEN)

    def statement(self):
        return f"{self.owner}: {self.balance.quantize(CENT)}"


# run: a = SavingsAccount("ann", "100.00"); a.deposit("5.50"); a.withdraw("5.50"); a.add_interest()
# run: assert a.statement() == "ann: 101.50"
# ruff: noqa: E501
