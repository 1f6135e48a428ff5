class Account:
    def __init__(self, owner):
        self.owner = owner
        self.balance = 0.0
        self.history = []

    def deposit(self, amount):
        self.balance += amount
        self.history.append(("deposit", amount))

    def withdraw(self, amount):
        if amount > self.balance:
            raise ValueError("insufficient funds")
        self.balance -= amount
        self.history.append(("withdraw", amount))

    def statement(self):
        return [f"{kind}: {amount}" for kind, amount in self.history]
