from graph import Graph


class Planner:
    def __init__(self, graph: Graph):
        self.graph = graph

    def reachable(self, start):
        seen, stack = {start}, [start]
        while stack:
            for nxt in self.graph.edges[stack.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return seen

    def default_start(self):
        return self.graph.nodes[0]

    def covers_all(self):
        return self.reachable(self.default_start()) == set(self.graph.nodes)


# run: g = Graph(); g.connect("a", "b"); g.connect("b", "c"); assert Planner(g).covers_all()
