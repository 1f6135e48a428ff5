# kind: flip, class: 6
# why: the enum member is stored and its `.value` is used wherever text is needed; a str-backed enum's members also support str methods.
from enum import Enum


class Priority(str, Enum):  # noqa: UP042
    LOW = "low"
    HIGH = "high"


class Status(Enum):
    NEW = "new"
    SHIPPED = "shipped"


class Shipment:
    def __init__(self, tracking, priority=Priority.LOW):
        self.tracking = tracking
        self.status = Status.NEW
        self.priority = Priority(priority)

    def ship(self):
        if self.status is not Status.NEW:
            raise ValueError(f"cannot ship a {self.status.value} order")
        self.status = Status.SHIPPED

    def banner(self):
        return f"{self.tracking}: {self.status.value.upper()} [{self.priority.upper()}]"

    def to_row(self):
        return {
            "tracking": self.tracking,
            "status": self.status.value,
            "priority": self.priority.value,
        }


# run: s = Shipment("T1", "high"); s.ship()
# run: assert s.banner() == "T1: SHIPPED [HIGH]" and s.to_row()["status"] == "shipped"
# ruff: noqa: E501
