# expect: R103
class TaskQueue:
    """Tasks waiting to run.

    Attributes:
        tasks (list): pending tasks, oldest first.
    """

    def __init__(self):
        self.tasks = {}

    def submit(self, task_id, task):
        self.tasks[task_id] = task
