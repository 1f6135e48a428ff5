# expect: V104 silent
def adapt(line: dict) -> dict:
    quantity = line.get("quantity", 0)
    return {"sku": line["sku"], "net": line["price"] * quantity - line.get("discount", 0)}
