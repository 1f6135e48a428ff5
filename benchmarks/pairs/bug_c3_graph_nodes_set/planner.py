from graph import Graph


class Planner:
    def __init__(self, graph: Graph):
        self.graph = graph

    def reachable(self, start):
        seen, stack = {start}, [start]
        while stack:
            for nxt in self.graph.successors(stack.pop()):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return seen

    def default_start(self):
        return self.graph.nodes[0]

    def covers_all(self):
        return self.reachable(self.default_start()) == self.graph.nodes


# run: g = Graph(); g.connect("a", "b"); p = Planner(g)
# run: p.covers_all()
# raises: TypeError
