"""One address object on A's side, a list of addresses on B's; tags always a list."""

ADDRESS = {"street": "Calle Mayor 1", "city": "Madrid"}
CONSUME = [
    (
        {"customer": 7, "address": ADDRESS, "tags": ["vip"]},
        {"customer": 7, "addresses": [ADDRESS], "tags": ["vip"]},
    ),
]
PRODUCE = [
    (
        {"customer": 8, "addresses": [ADDRESS], "tag": "new"},
        {"customer": 8, "address": ADDRESS, "tags": ["new"]},
    ),
]
