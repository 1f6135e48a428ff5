# expect: V104 loud
def adapt(line: dict) -> dict:
    net = line["price"] * line.get("quantity", 1) - line["discount"]
    return {"sku": line["sku"], "net": net}
