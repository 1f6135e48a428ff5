# kind: flip, class: 6
# why: the buffer stays bytes; text is produced with `.decode()` into a separate value, never by calling str methods on the bytes.


class FrameReader:
    def __init__(self, delimiter=b"\n", encoding="utf-8"):
        self.buffer = b""
        self.delimiter = delimiter
        self.encoding = encoding

    def feed(self, chunk: bytes):
        self.buffer += chunk

    def frames(self):
        *complete, self.buffer = self.buffer.split(self.delimiter)
        return [f.decode(self.encoding) for f in complete]

    def checksum(self):
        return sum(self.buffer) % 256

    def peek_text(self):
        return self.buffer.decode(self.encoding, errors="replace").upper()


# run: r = FrameReader(); r.feed(b"ab\ncd"); assert r.frames() == ["ab"] and r.checksum() == (99 + 100) % 256 and r.peek_text() == "CD"
# ruff: noqa: E501
