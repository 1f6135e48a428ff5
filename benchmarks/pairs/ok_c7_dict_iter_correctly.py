# kind: merge, class: 7
# why: the users dict is walked with `.values()`, `.items()` and by key followed by a lookup; every element is used as what it is.


class User:
    def __init__(self, user_id, email, active=True):
        self.id = user_id
        self.email = email
        self.active = active


class Directory:
    def __init__(self):
        self.users = {}

    def add(self, user):
        self.users[user.id] = user

    def mailing_list(self):
        return [u.email for u in self.users.values() if u.active]

    def ids(self):
        return [uid.upper() for uid in self.users]

    def inactive(self):
        return [uid for uid in self.users if not self.users[uid].active]

    def by_domain(self):
        out = {}
        for uid, user in self.users.items():
            out.setdefault(user.email.split("@")[1], []).append(uid)
        return out


# run: d = Directory(); d.add(User("u1", "a@x.org")); d.add(User("u2", "b@y.org", active=False))
# run: assert d.mailing_list() == ["a@x.org"] and d.ids() == ["U1", "U2"] and d.inactive() == ["u2"] and d.by_domain()["y.org"] == ["u2"]
# ruff: noqa: E501
