from decimal import Decimal


class OrderAdapter:
    """Turns system A's payloads into B's orders."""

    def __init__(self, currency: str = "EUR") -> None:
        self.currency = currency

    def _to_euros(self, cents):
        return (Decimal(cents) / 100).quantize(Decimal("0.01"))

    def adapt(self, payload):
        return {"id": payload["id"], "total": self._to_euros(payload["amount"])}


def adapt(payload: dict) -> dict:
    return OrderAdapter().adapt(payload)
