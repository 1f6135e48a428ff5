# kind: flip, class: 6
# why: `waiting` is a deque and is used only as one: append, popleft, appendleft, rotate, index, len and iteration.
from collections import deque


class Clinic:
    def __init__(self, doctors):
        self.doctors = deque(doctors)
        self.waiting = deque()

    def arrive(self, patient, urgent=False):
        if urgent:
            self.waiting.appendleft(patient)
        else:
            self.waiting.append(patient)

    def position(self, patient):
        return self.waiting.index(patient) + 1

    def next_patient(self):
        if not self.waiting:
            return None
        doctor = self.doctors[0]
        self.doctors.rotate(-1)
        return doctor, self.waiting.popleft()

    def board(self):
        return [f"{i}. {p}" for i, p in enumerate(self.waiting, 1)]


# run: c = Clinic(["a", "b"]); c.arrive("x"); c.arrive("y", urgent=True)
# run: assert c.position("x") == 2 and c.next_patient() == ("a", "y") and c.next_patient() == ("b", "x") and c.board() == []
# ruff: noqa: E501
