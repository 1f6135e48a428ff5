# expect: R104
# kind: flip, class: 7
# why: accounts are keyed by number (`self.accounts[acct.number] = acct`), but one method sums `.balance` over the dict itself, which yields numbers.


class Account:
    def __init__(self, number, balance=0):
        self.number = number
        self.balance = balance


class Bank:
    def __init__(self):
        self.accounts = {}

    def open(self, number, balance=0):
        acct = Account(number, balance)
        self.accounts[acct.number] = acct
        return acct

    def transfer(self, src, dst, amount):
        self.accounts[src].balance -= amount
        self.accounts[dst].balance += amount

    def holdings(self):
        return sum(acct.balance for acct in self.accounts)

    def largest(self):
        return max(self.accounts.values(), key=lambda a: a.balance).number


# run: b = Bank(); b.open("1", 10); b.open("2", 5); b.transfer("1", "2", 3)
# run: b.holdings()
# raises: AttributeError
# ruff: noqa: E501
