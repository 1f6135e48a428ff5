class Tokenizer:
    def __init__(self, source: str):
        self.source = source
        self.pos = 0
        self.tokens = []

    def next_char(self):
        ch = self.source[self.pos]
        self.pos += 1
        return ch

    def run(self):
        while self.pos < len(self.source):
            ch = self.next_char()
            if not ch.isspace():
                self.tokens.append(ch)
        return self.tokens
