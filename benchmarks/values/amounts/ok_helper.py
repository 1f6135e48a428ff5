"""Order intake from system A."""


def cents_to_euros(cents: int) -> float:
    """Convert integer cents to euros."""
    return round(cents / 100, 2)


def adapt(payload: dict) -> dict:
    order_id = payload["id"]
    total = cents_to_euros(payload["amount"])
    return {"id": order_id, "total": total}
