# expect: R101
# kind: flip, class: 4
# why: `self.body` arrives unknown; the methods use it as text (`splitlines`, `strip`) except one, which reads it with `.get` as if it were parsed JSON.


class Message:
    def __init__(self, sender, body):
        self.sender = sender
        self.body = body

    def preview(self, width=40):
        first = self.body.strip().splitlines()[0] if self.body.strip() else ""
        return first[:width]

    def word_count(self):
        return len(self.body.split())

    def subject(self):
        return self.body.get("subject", "(no subject)")

    def quoted(self):
        return "\n".join("> " + line for line in self.body.splitlines())


# run: m = Message("ann", "hi there\nbye"); m.preview()
# run: m.subject()
# raises: AttributeError
# ruff: noqa: E501
