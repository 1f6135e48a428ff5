# expect: R101
# kind: merge, class: 3
# why: `Graph.nodes` is a set, but the planner (another file) takes the first node by index.


class Graph:
    def __init__(self):
        self.nodes = set()
        self.edges = {}

    def connect(self, a, b):
        self.nodes.update((a, b))
        self.edges.setdefault(a, []).append(b)
        self.edges.setdefault(b, [])

    def successors(self, node):
        return self.edges.get(node, [])
