# expect: R101
# kind: flip, class: 4
# why: `self.records` is whatever the caller passed; every method appends to it but one iterates it with `.items()`.


class AuditTrail:
    def __init__(self, records):
        self.records = records

    def log(self, user, action):
        self.records.append((user, action))

    def log_many(self, user, actions):
        for action in actions:
            self.records.append((user, action))

    def by_user(self):
        grouped = {}
        for user, action in self.records.items():
            grouped.setdefault(user, []).append(action)
        return grouped

    def __len__(self):
        return len(self.records)


# run: a = AuditTrail([]); a.log("ann", "login")
# run: a.by_user()
# raises: AttributeError
# ruff: noqa: E501
