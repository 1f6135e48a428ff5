def adapt(line: dict) -> dict:
    discount = line.get("discount") or 0
    quantity = line.get("quantity") or 1
    return {"sku": line["sku"], "net": line["price"] * quantity - discount}
