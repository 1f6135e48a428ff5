# kind: merge, class: 3
# why: `Settings` answers any attribute through `__getattr__`, so the client's reads of names no writer assigned are fine.


class Settings:
    def __init__(self, **values):
        self._values = dict(values)

    def __getattr__(self, name):
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def override(self, **values):
        self._values.update(values)


# ruff: noqa: E501
