# expect: R105
class Account:
    def __init__(self, owner):
        self.owner = owner
        self.balance = 0.0

    def deposit(self, amount):
        self.balance += amount

    def can_withdraw(self, amount):
        return self.current_balance >= amount
