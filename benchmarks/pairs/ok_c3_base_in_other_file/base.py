# kind: merge, class: 3
# why: the subclass in another file reads `self._handlers` and `self.name`, which its base assigns, with the base's kinds.


class Plugin:
    def __init__(self, name):
        self.name = name
        self._handlers = {}

    def on(self, event, handler):
        self._handlers.setdefault(event, []).append(handler)


# ruff: noqa: E501
