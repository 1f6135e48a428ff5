from collections import defaultdict


class EventBus:
    def __init__(self):
        self.handlers = defaultdict(list)
        self.history = []

    def subscribe(self, event, handler):
        self.handlers[event].append(handler)

    def publish(self, event, payload=None):
        self.history.append((event, payload))
        for handler in self.handlers[event]:
            handler(payload)

    def last(self):
        return self.history[-1] if self.history else None
