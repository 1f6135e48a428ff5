# kind: flip, class: 7
# why: a namedtuple result may be unpacked, indexed by position and read by field name; all three are right.
from typing import NamedTuple


class Span(NamedTuple):
    start: int
    end: int


class Tokenizer:
    def __init__(self, text):
        self.text = text

    def next_word(self, pos):
        while pos < len(self.text) and self.text[pos] == " ":
            pos += 1
        end = pos
        while end < len(self.text) and self.text[end] != " ":
            end += 1
        return Span(pos, end)

    def words(self):
        out, pos = [], 0
        while pos < len(self.text):
            start, end = self.next_word(pos)
            if start < end:
                out.append(self.text[start:end])
            pos = end
        return out

    def first_length(self):
        span = self.next_word(0)
        return span.end - span[0]


# run: t = Tokenizer("  ab cde "); assert t.words() == ["ab", "cde"] and t.first_length() == 2
# ruff: noqa: E501
