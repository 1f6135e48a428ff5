def adapt(order: dict) -> dict:
    digits = "".join(ch for ch in order["customer"] if ch.isdigit())
    return {"order": order["order"], "customer_id": int(digits)}
