# expect: R107
# kind: flip, class: 7
# why: `parse_header` returns a `(name, value)` tuple, but one method indexes the result by the str key "value".


def parse_header(line):
    name, _, value = line.partition(":")
    return name.strip().lower(), value.strip()


class Headers:
    def __init__(self, raw):
        self.fields = {}
        for line in raw.splitlines():
            if ":" in line:
                name, value = parse_header(line)
                self.fields[name] = value

    def get(self, name, default=None):
        return self.fields.get(name.lower(), default)

    def add_line(self, line):
        parsed = parse_header(line)
        self.fields[parsed[0]] = parsed["value"]


# run: h = Headers("Host: x\nAccept: */*"); h.get("host")
# run: h.add_line("X-Id: 7")
# raises: TypeError
# ruff: noqa: E501
