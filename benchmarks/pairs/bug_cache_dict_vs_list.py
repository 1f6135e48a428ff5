# expect: R101
class LRUCache:
    def __init__(self, capacity):
        self.capacity = capacity
        self.order = []
        self.data = {}

    def get(self, key):
        if key in self.data:
            self.order.remove(key)
            self.order.append(key)
            return self.data[key]
        return None

    def put(self, key, value):
        self.data.append((key, value))
