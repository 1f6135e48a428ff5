def adapt(item: dict) -> dict:
    raw = item["precio"]
    whole, _, frac = raw.partition(",")
    return {"sku": item["sku"], "price": float(f"{whole}.{frac or '0'}")}
