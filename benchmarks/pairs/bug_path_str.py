# expect: R101
class Workspace:
    def __init__(self, root: str):
        self.root = root

    def config_file(self):
        return self.root.joinpath("config.toml")
