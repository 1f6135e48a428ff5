import re

REF = re.compile(r"CUST-(\d{5})")


def adapt(order: dict) -> dict:
    match = REF.fullmatch(order["customer"])
    if match is None:
        raise ValueError(order["customer"])
    return {"order": order["order"], "customer_id": int(match.group(1))}
