from remote import Settings


class Client:
    def __init__(self, settings: Settings):
        self.settings = settings

    def base_url(self):
        return f"https://{self.settings.host}:{self.settings.port}"

    def timeout(self):
        return float(self.settings.timeout)


# run: c = Client(Settings(host="x.org", port=443, timeout="2.5"))
# run: assert c.base_url() == "https://x.org:443" and c.timeout() == 2.5
