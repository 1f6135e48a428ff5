# expect: R101
# kind: merge, class: 4
# why: `self.data` comes in unknown; one writer calls `.values()` on it (a mapping), the other slices it (a sequence), and no value supports both.


class Sensor:
    def __init__(self, sensor_id, data):
        self.sensor_id = sensor_id
        self.data = data

    def mean(self):
        readings = list(self.data.values())
        return sum(readings) / len(readings) if readings else 0.0

    def peak(self):
        return max(self.data.values(), default=0.0)

    # second writer
    def recent(self, n=5):
        return self.data[-n:]

    def trend(self):
        window = self.data[-3:]
        return window[-1] - window[0] if len(window) >= 2 else 0.0


# run: s = Sensor("t1", {"09:00": 1.0, "09:05": 2.0}); s.mean()
# run: s.recent()
# raises: TypeError
# ruff: noqa: E501
