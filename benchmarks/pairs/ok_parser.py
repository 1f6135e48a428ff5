class ConfigReader:
    def __init__(self, text):
        self.text = text
        self.values = None

    def parse(self):
        values = {}
        for line in self.text.splitlines():
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
        return values

    def load(self):
        if self.values is None:
            self.values = self.parse()
        return self.values["name"]
