# kind: flip, class: 5
# why: every list item assignment uses an int position inside the list (`[hour]`, `[-1]`, `[len - 1]`).


class RoomSchedule:
    def __init__(self, room, hours=8):
        self.room = room
        self.slots = [None] * hours

    def book(self, hour: int, who: str):
        if self.slots[hour] is not None:
            raise ValueError(f"hour {hour} is taken by {self.slots[hour]}")
        self.slots[hour] = who

    def book_last(self, who: str):
        self.slots[-1] = who

    def book_closing(self, who: str):
        self.slots[len(self.slots) - 1] = who

    def free_hours(self):
        return [h for h, who in enumerate(self.slots) if who is None]

    def cancel(self, hour: int):
        self.slots[hour] = None


# run: r = RoomSchedule("a1"); r.book(2, "ann"); r.book_last("bo"); r.book_closing("cy"); r.cancel(2)
# run: assert r.slots[-1] == "cy" and 2 in r.free_hours() and len(r.free_hours()) == 7
# ruff: noqa: E501
