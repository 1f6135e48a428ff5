# expect: R107
class ConfigReader:
    def __init__(self, text):
        self.text = text
        self.values = {}

    def parse(self):
        for line in self.text.splitlines():
            key, _, value = line.partition("=")
            self.values[key.strip()] = value.strip()

    def load(self):
        values = self.parse()
        return values["name"]
