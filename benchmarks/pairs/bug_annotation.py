# expect: R103
class Session:
    def __init__(self):
        self.tokens: dict[str, str] = []

    def add(self, token):
        self.tokens.append(token)
