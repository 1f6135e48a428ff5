class Gradebook:
    def __init__(self):
        self.records = []

    def add(self, student, grade):
        self.records.append({"student": student, "grade": grade})

    def average(self):
        if not self.records:
            return 0.0
        return sum(r["grade"] for r in self.records) / len(self.records)

    def students(self):
        return [r["student"] for r in self.records]
