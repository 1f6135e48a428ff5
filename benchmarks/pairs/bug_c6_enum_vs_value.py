# expect: R101
# kind: flip, class: 6
# why: `status` holds an `OrderStatus` member, but one method calls str methods on it as if it held the value.
from enum import Enum


class OrderStatus(Enum):
    NEW = "new"
    SHIPPED = "shipped"
    DELIVERED = "delivered"


class Shipment:
    def __init__(self, tracking):
        self.tracking = tracking
        self.status = OrderStatus.NEW

    def ship(self):
        if self.status is not OrderStatus.NEW:
            raise ValueError(f"cannot ship a {self.status.value} order")
        self.status = OrderStatus.SHIPPED

    def deliver(self):
        self.status = OrderStatus.DELIVERED

    def banner(self):
        return f"{self.tracking}: {self.status.upper()}"


# run: s = Shipment("T1"); s.ship()
# run: s.banner()
# raises: AttributeError
# ruff: noqa: E501
