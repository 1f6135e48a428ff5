class Registry:
    """Plugins by name.

    Attributes:
        plugins (dict[str, object]): registered plugins.
        order (list of str): names in registration order.
    """

    def __init__(self):
        self.plugins = {}
        self.order = []

    def register(self, name, plugin):
        if name in self.plugins:
            raise KeyError(f"{name} already registered")
        self.plugins[name] = plugin
        self.order.append(name)

    def get(self, name):
        return self.plugins[name]

    def names(self):
        return list(self.order)
