CODES = {"closed": 1, "open": 2, "pending": 3}


def produce(ticket: dict) -> dict:
    return {"ticket": ticket["ticket"], "status": CODES[ticket["state"]]}
