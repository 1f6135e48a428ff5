# expect: V101 silent
class Intake:
    def adapt(self, payload):
        order = {"id": payload["id"]}
        order["total"] = payload["amount"]
        return order


def adapt(payload: dict) -> dict:
    return Intake().adapt(payload)
