# expect: V104 loud
def adapt(line: dict) -> dict:
    discount = line.get("discount")
    return {"sku": line["sku"], "net": line["price"] * line.get("quantity", 1) - discount}
