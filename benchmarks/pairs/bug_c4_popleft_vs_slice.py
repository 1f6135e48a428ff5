# expect: R101
# kind: merge, class: 4
# why: `self.pending` is given by the caller; one writer treats it as a deque (`popleft`), the other slices it, which a deque does not support.


class PrintSpooler:
    def __init__(self, printer, pending):
        self.printer = printer
        self.pending = pending
        self.printed = []

    def submit(self, job):
        self.pending.append(job)

    def run_one(self):
        job = self.pending.popleft()
        self.printed.append(job)
        return job

    # second writer
    def preview(self, n=3):
        return [f"{self.printer}: {job}" for job in self.pending[:n]]


# run: from collections import deque
# run: s = PrintSpooler("lp0", deque(["a", "b"])); s.run_one()
# run: s.preview()
# raises: TypeError
# ruff: noqa: E501
