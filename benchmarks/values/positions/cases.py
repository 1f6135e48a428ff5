"""Linter reports (lines from 1) and shelf slots (from 0), read against lists."""

SOURCE = ["import os", "x = 1", "print(x)"]
SHELF = ["apple", "pear", "plum"]
CONSUME = [
    ({"line": 2, "slot": 0}, {"text": "x = 1", "item": "apple"}),
    ({"line": 1, "slot": 2}, {"text": "import os", "item": "plum"}),
]
PRODUCE: list = []
