# kind: merge, class: 3
# why: `Graph.nodes` is a list kept in insertion order, so the planner (another file) indexing it and comparing a set of it is right.


class Graph:
    def __init__(self):
        self.nodes = []
        self.edges = {}

    def connect(self, a, b):
        for n in (a, b):
            if n not in self.edges:
                self.nodes.append(n)
                self.edges[n] = []
        self.edges[a].append(b)


# ruff: noqa: E501
