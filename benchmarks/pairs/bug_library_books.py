# expect: R101
class Library:
    def __init__(self):
        self.books = []

    def add_book(self, title, author):
        self.books.append({"title": title, "author": author})

    def find(self, title):
        return self.books.get(title)
