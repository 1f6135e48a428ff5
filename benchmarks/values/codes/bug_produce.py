# expect: V108 silent
def produce(ticket: dict) -> dict:
    codes = {"open": 1, "closed": 2, "pending": 3}
    return {"ticket": ticket["ticket"], "status": codes[ticket["state"]]}
