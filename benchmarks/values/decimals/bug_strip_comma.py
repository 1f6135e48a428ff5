# expect: V110 silent
def adapt(item: dict) -> dict:
    return {"sku": item["sku"], "price": float(item["precio"].replace(",", ""))}
