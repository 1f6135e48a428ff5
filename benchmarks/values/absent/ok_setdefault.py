def normalize(line: dict) -> dict:
    line = dict(line)
    line.setdefault("discount", 0)
    line.setdefault("quantity", 1)
    return line


def adapt(line: dict) -> dict:
    full = normalize(line)
    return {"sku": full["sku"], "net": full["price"] * full["quantity"] - full["discount"]}
