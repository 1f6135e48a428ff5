"""The channel labels the adapters index (a module of their own)."""

LABELS = ["inlet", "outlet", "ambient"]
