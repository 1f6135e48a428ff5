# expect: V107 silent
def produce(customer: dict) -> dict:
    return {"customer": customer["customer"], "address": customer["addresses"], "tags": [customer["tag"]]}
