# expect: R101
# kind: flip, class: 2
# why: `_defaults` returns `self._builtin`, a dict of rule name to level, but one method appends to the stored rules as if they were a list.


class Linter:
    def __init__(self, overrides=None):
        self._builtin = {"unused-import": "warning", "line-too-long": "info"}
        self.rules = self._defaults()
        for name, level in (overrides or {}).items():
            self.rules[name] = level

    def _defaults(self):
        return self._builtin

    def level(self, rule):
        return self.rules.get(rule, "off")

    def enable(self, rule, level="warning"):
        self.rules.append(rule)

    def enabled(self):
        return sorted(r for r, lvl in self.rules.items() if lvl != "off")


# run: l = Linter({"line-too-long": "off"})
# run: l.enable("shadowing")
# raises: AttributeError
# ruff: noqa: E501
