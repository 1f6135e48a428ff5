# kind: flip, class: 2
# why: `split_address` returns a tuple for every path, stored and unpacked or indexed by position, never treated as a list or dict.


def split_address(text):
    if "@" not in text:
        return text, ""
    user, _, domain = text.rpartition("@")
    return user, domain.lower()


class Contact:
    def __init__(self, name, address):
        self.name = name
        self.address = split_address(address)

    def domain(self):
        return self.address[1]

    def email(self):
        user, domain = self.address
        return f"{user}@{domain}" if domain else user

    def same_domain(self, other):
        return self.address[1] == other.address[1] != ""


# run: a, b = Contact("a", "Ann@X.org"), Contact("b", "bo@x.ORG")
# run: assert a.email() == "Ann@x.org" and a.same_domain(b) and Contact("c", "local").email() == "local"
# ruff: noqa: E501
