def produce(order: dict) -> dict:
    """B's order back to A's payload: euros to integer cents."""
    return {"id": order["id"], "amount": round(order["total"] * 100)}
