from models import Meeting


class Scheduler:
    def __init__(self):
        self.meetings = []

    def book(self, meeting: Meeting):
        for other in self.meetings:
            if meeting.start < other.end and other.start < meeting.end:
                raise ValueError(f"{meeting.title} clashes with {other.title}")
        self.meetings.append(meeting)

    def agenda(self):
        return [
            f"{m.start:%H:%M} {m.title} ({len(m.attendees)})"
            for m in sorted(self.meetings, key=lambda m: m.start)
        ]


# run: from datetime import datetime
# run: s = Scheduler(); s.book(Meeting("a", datetime(2026, 1, 1, 9), attendees=["x"])); s.book(Meeting("b", datetime(2026, 1, 1, 10)))
# run: assert s.agenda() == ["09:00 a (1)", "10:00 b (0)"]
# ruff: noqa: E501
