# kind: flip, class: 1
# why: `Args: stops (list of str)` documents a list and the route uses it as a list: index, slice, insert, append and iteration.


class Route:
    def __init__(self, name, stops, loop=False):
        """A bus route.

        Args:
            name (str): line number shown on the bus.
            stops (list of str): stop names in driving order.
            loop (bool): whether the last stop connects back to the first.
        """
        self.name = name
        self.stops = stops
        self.loop = loop

    def terminus(self):
        return self.stops[0] if self.loop else self.stops[-1]

    def between(self, a, b):
        i, j = self.stops.index(a), self.stops.index(b)
        return self.stops[i : j + 1]

    def add_stop(self, stop, after=None):
        if after is None:
            self.stops.append(stop)
        else:
            self.stops.insert(self.stops.index(after) + 1, stop)

    def describe(self):
        return f"{self.name}: " + " - ".join(self.stops)


# run: r = Route("7", ["a", "b", "d"]); r.add_stop("c", after="b"); r.add_stop("e")
# run: assert r.between("b", "d") == ["b", "c", "d"] and r.terminus() == "e" and r.describe().startswith("7: a - b")
# ruff: noqa: E501
