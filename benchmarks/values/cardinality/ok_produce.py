def produce(customer: dict) -> dict:
    first = customer["addresses"][0]
    return {"customer": customer["customer"], "address": first, "tags": [customer["tag"]]}
