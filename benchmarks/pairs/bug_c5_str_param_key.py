# expect: R101
# kind: flip, class: 5
# why: `slots` is a list of per-hour bookings, but one method stores a booking under `name: str` as if it were a dict key.


class RoomSchedule:
    def __init__(self, room, hours=8):
        self.room = room
        self.slots = [None] * hours

    def book(self, hour: int, who: str):
        if self.slots[hour] is not None:
            raise ValueError(f"hour {hour} is taken by {self.slots[hour]}")
        self.slots[hour] = who

    def free_hours(self):
        return [h for h, who in enumerate(self.slots) if who is None]

    def reserve_named(self, name: str, who: str):
        self.slots[name] = who

    def cancel(self, hour: int):
        self.slots[hour] = None


# run: r = RoomSchedule("a1"); r.book(2, "ann")
# run: r.reserve_named("standup", "bo")
# raises: TypeError
# ruff: noqa: E501
