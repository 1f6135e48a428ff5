# expect: R101
# kind: flip, class: 2
# why: `load_rates` is annotated to return a dict, but one method appends a rate pair to the stored result.
def load_rates(text: str) -> dict[str, float]:
    rates = {}
    for line in text.splitlines():
        if line.strip():
            code, rate = line.split("=")
            rates[code.strip()] = float(rate)
    return rates


class Converter:
    def __init__(self, table: str, base="EUR"):
        self.base = base
        self.rates = load_rates(table)

    def convert(self, amount, code):
        return amount * self.rates[code]

    def known(self, code):
        return code in self.rates

    def add_rate(self, code, rate):
        self.rates.append((code, rate))

    def table(self):
        return "\n".join(f"{c}={r}" for c, r in sorted(self.rates.items()))


# run: c = Converter("USD=1.1\nGBP=0.85")
# run: c.add_rate("JPY", 160.0)
# raises: AttributeError
# ruff: noqa: E501
