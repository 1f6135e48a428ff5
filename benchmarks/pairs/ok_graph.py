class Graph:
    def __init__(self):
        self.adj = {}
        self.weights = {}

    def add_edge(self, a, b, w=1):
        self.adj.setdefault(a, []).append(b)
        self.weights[(a, b)] = w

    def neighbours(self, a):
        return list(self.adj.get(a, []))

    def edges(self):
        return [(a, b, w) for (a, b), w in self.weights.items()]

    def heaviest(self):
        return max(self.weights, key=self.weights.get)
