import time


class Timer:
    def __init__(self):
        self.start = None
        self.laps = []
        self.running = False

    def begin(self):
        self.start = time.monotonic()
        self.running = True

    def lap(self):
        now = time.monotonic()
        self.laps.append(now - self.start)
        self.start = now

    def stop(self):
        self.running = False
        return sum(self.laps)
