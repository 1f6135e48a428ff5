# kind: flip, class: 2
# why: `load_rates` returns a dict and every method reads or writes it as a dict.
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
        self.rates[code] = rate

    def forget(self, code):
        self.rates.pop(code, None)

    def table(self):
        return "\n".join(f"{c}={r}" for c, r in sorted(self.rates.items()))


# run: c = Converter("USD=1.1\nGBP=0.85"); c.add_rate("JPY", 160.0); c.forget("GBP")
# run: assert c.table() == "JPY=160.0\nUSD=1.1" and c.convert(2, "USD") == 2.2
