"""Legacy ticket status codes and the new system's states."""

CONSUME = [
    ({"ticket": 10, "status": 1}, {"ticket": 10, "state": "closed"}),
    ({"ticket": 11, "status": 2}, {"ticket": 11, "state": "open"}),
    ({"ticket": 12, "status": 3}, {"ticket": 12, "state": "pending"}),
]
PRODUCE = [
    ({"ticket": 20, "state": "closed"}, {"ticket": 20, "status": 1}),
    ({"ticket": 21, "state": "open"}, {"ticket": 21, "status": 2}),
]
