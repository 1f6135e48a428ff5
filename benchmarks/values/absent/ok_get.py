def adapt(line: dict) -> dict:
    quantity = line.get("quantity", 1)
    discount = line.get("discount", 0)
    return {"sku": line["sku"], "net": line["price"] * quantity - discount}
