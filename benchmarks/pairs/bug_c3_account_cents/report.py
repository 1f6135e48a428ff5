from accounts import Account, Ledger


def line_for(account: Account) -> str:
    return f"{account.number:>8} {account.owner:<20} {account.balance_cents / 100:>10.2f}"


def statement(ledger: Ledger) -> str:
    return "\n".join(line_for(a) for a in ledger.accounts.values())


# run: l = Ledger(); l.open(1, "ann").deposit(1250)
# run: statement(l)
# raises: AttributeError
