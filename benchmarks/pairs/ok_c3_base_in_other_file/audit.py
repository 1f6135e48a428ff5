from base import Plugin


class AuditPlugin(Plugin):
    def __init__(self):
        super().__init__("audit")
        self.log = []
        self.on("save", self.log.append)

    def fire(self, event, payload):
        for handler in self._handlers.get(event, []):
            handler((self.name, payload))
        return len(self._handlers.get(event, []))


# run: p = AuditPlugin(); assert p.fire("save", 1) == 1 and p.log == [("audit", 1)]
