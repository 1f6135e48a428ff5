# expect: R104
# kind: merge, class: 7
# why: users are stored as `self.users[user.id] = user`, so iterating the dict yields ids, yet the second writer reads `.email` off each element.


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

    def get(self, user_id):
        return self.users.get(user_id)

    def deactivate(self, user_id):
        self.users[user_id].active = False

    # second writer
    def mailing_list(self):
        return [u.email for u in self.users if u.active]


# run: d = Directory(); d.add(User("u1", "a@x.org"))
# run: d.mailing_list()
# raises: AttributeError
# ruff: noqa: E501
