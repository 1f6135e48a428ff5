from datetime import datetime


class ClockWriter:
    def minutes(self, hours: float) -> int:
        return round(hours * 60)

    def produce(self, line: dict) -> dict:
        return {
            "emp": line["emp"],
            "worked": self.minutes(line["hours"]),
            "day": datetime.strptime(line["date"], "%Y-%m-%d").strftime("%Y%m%d"),
            "overtime": int(bool(line["is_overtime"])),
        }


def produce(line: dict) -> dict:
    return ClockWriter().produce(line)
