# expect: R101
# kind: flip, class: 6
# why: the buffer holds bytes (`b""`, `+= chunk` from a socket), but one method calls `.encode()` on it as if it were text.


class FrameReader:
    def __init__(self, delimiter=b"\n"):
        self.buffer = b""
        self.delimiter = delimiter

    def feed(self, chunk: bytes):
        self.buffer += chunk

    def frames(self):
        *complete, self.buffer = self.buffer.split(self.delimiter)
        return complete

    def pending_size(self):
        return len(self.buffer)

    def checksum(self):
        return sum(self.buffer.encode("utf-8")) % 256


# run: r = FrameReader(); r.feed(b"ab\ncd"); r.frames()
# run: r.checksum()
# raises: AttributeError
# ruff: noqa: E501
