def adapt(line: dict) -> dict:
    try:
        discount = line["discount"]
    except KeyError:
        discount = 0
    return {"sku": line["sku"], "net": line["price"] * line.get("quantity", 1) - discount}
