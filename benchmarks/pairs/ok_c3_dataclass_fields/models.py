# kind: flip, class: 3
# why: the dataclass declares its fields, so the scheduler in another file reads attributes that exist, with the right kinds.
from dataclasses import dataclass, field
from datetime import datetime, timedelta


@dataclass
class Meeting:
    title: str
    start: datetime
    length: timedelta = timedelta(minutes=30)
    attendees: list[str] = field(default_factory=list)

    @property
    def end(self):
        return self.start + self.length


# ruff: noqa: E501
