# expect: V110 silent
def produce(item: dict) -> dict:
    return {"sku": item["sku"], "precio": str(item["price"])}
