# expect: V110 loud
def adapt(item: dict) -> dict:
    return {"sku": item["sku"], "price": float(item["precio"])}
