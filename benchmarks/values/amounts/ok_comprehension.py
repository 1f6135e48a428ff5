def adapt_all(payloads: list[dict]) -> list[dict]:
    return [{"id": p["id"], "total": round(p["amount"] / 100, 2)} for p in payloads]


def adapt(payload: dict) -> dict:
    return adapt_all([payload])[0]
