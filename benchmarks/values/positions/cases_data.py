"""The lists the adapters index (a module of their own, so each adapter imports it)."""

SOURCE = ["import os", "x = 1", "print(x)"]
SHELF = ["apple", "pear", "plum"]
