# expect: R101
# kind: merge, class: 1
# why: `headers=None` becomes `dict(headers or {})`, a dict, but the second writer appends header lines to it.


class Request:
    def __init__(self, method, url, headers=None, body=b""):
        self.method = method.upper()
        self.url = url
        self.headers = dict(headers or {})
        self.body = body

    def header(self, name, default=None):
        return self.headers.get(name.lower(), default)

    def set_header(self, name, value):
        self.headers[name.lower()] = value

    # second writer
    def add_auth(self, token):
        self.headers.append(f"authorization: Bearer {token}")

    def head_lines(self):
        return [f"{self.method} {self.url} HTTP/1.1"] + [
            f"{k}: {v}" for k, v in self.headers.items()
        ]


# run: r = Request("get", "/")
# run: r.add_auth("t0k")
# raises: AttributeError
# ruff: noqa: E501
