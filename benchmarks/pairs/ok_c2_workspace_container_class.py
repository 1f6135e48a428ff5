# kind: merge, class: 2
# why: `Shelf()` is a workspace class that defines `append`, `__getitem__`, `__len__` and `keys`, so using it both ways is correct.


class Shelf:
    """An ordered collection of books that can also be looked up by ISBN."""

    def __init__(self):
        self._order = []
        self._by_isbn = {}

    def append(self, book):
        self._order.append(book)
        self._by_isbn[book["isbn"]] = book

    def keys(self):
        return self._by_isbn.keys()

    def __getitem__(self, key):
        return self._order[key] if isinstance(key, int) else self._by_isbn[key]

    def __len__(self):
        return len(self._order)


class Library:
    def __init__(self):
        self.shelf = Shelf()

    def donate(self, isbn, title):
        self.shelf.append({"isbn": isbn, "title": title})

    def newest(self):
        return self.shelf[len(self.shelf) - 1]

    def find(self, isbn):
        return self.shelf[isbn] if isbn in self.shelf.keys() else None  # noqa: SIM118


# run: lib = Library(); lib.donate("1", "A"); lib.donate("2", "B")
# run: assert lib.newest()["title"] == "B" and lib.find("1")["title"] == "A" and lib.find("9") is None
# ruff: noqa: E501
