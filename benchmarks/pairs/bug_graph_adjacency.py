# expect: R101
class Graph:
    def __init__(self):
        self.adj = {}

    def add_edge(self, a, b):
        self.adj.setdefault(a, []).append(b)

    def edges(self):
        return [(a, b) for a, b in self.adj]
