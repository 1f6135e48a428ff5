def produce(item: dict) -> dict:
    return {"sku": item["sku"], "precio": f"{item['price']:.2f}".replace(".", ",")}
