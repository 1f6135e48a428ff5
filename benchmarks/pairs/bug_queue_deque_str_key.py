# expect: R101
from collections import deque


class JobQueue:
    def __init__(self):
        self.jobs = deque()

    def enqueue(self, job):
        self.jobs.append(job)

    def status(self):
        return self.jobs["pending"]
