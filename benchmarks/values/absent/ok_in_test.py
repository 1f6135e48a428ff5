def adapt(line: dict) -> dict:
    net = line["price"] * (line["quantity"] if "quantity" in line else 1)
    if "discount" in line:
        net -= line["discount"]
    return {"sku": line["sku"], "net": net}
