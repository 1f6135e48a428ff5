# expect: R101
# kind: merge, class: 1
# why: `:type recipients: list` documents a list, but the second writer indexes the recipients by address string as if they were a dict.


class Mailer:
    def __init__(self, sender, recipients):
        """Send one message to many people.

        :param sender: address the mail comes from.
        :type sender: str
        :param recipients: addresses to send to, in order.
        :type recipients: list
        """
        self.sender = sender
        self.recipients = recipients
        self.sent = 0

    def add(self, address):
        if address not in self.recipients:
            self.recipients.append(address)

    def envelope(self):
        return {"from": self.sender, "to": ", ".join(self.recipients)}

    # second writer: per-recipient display names
    def set_display_name(self, address, name):
        self.recipients[address] = f"{name} <{address}>"

    def display(self, address):
        return self.recipients.get(address, address)


# run: m = Mailer("a@x.org", ["b@x.org"])
# run: m.set_display_name("b@x.org", "Bea")
# raises: TypeError
# ruff: noqa: E501
