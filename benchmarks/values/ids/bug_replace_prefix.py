# expect: V106 silent
def adapt(order: dict) -> dict:
    number = order["customer"].replace("CUST", "")
    return {"order": order["order"], "customer_id": int(number)}
