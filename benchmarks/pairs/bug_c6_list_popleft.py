# expect: R101
# kind: flip, class: 6
# why: `waiting` is a list, but one method takes the oldest entry with `popleft()`, which only a deque has.


class Clinic:
    def __init__(self, doctors):
        self.doctors = list(doctors)
        self.waiting = []

    def arrive(self, patient):
        self.waiting.append(patient)

    def position(self, patient):
        return self.waiting.index(patient) + 1

    def next_patient(self):
        if not self.waiting:
            return None
        return self.waiting.popleft()

    def queue_length(self):
        return len(self.waiting)


# run: c = Clinic(["dr a"]); c.arrive("bo")
# run: c.next_patient()
# raises: AttributeError
# ruff: noqa: E501
