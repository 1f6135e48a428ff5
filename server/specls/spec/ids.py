"""The form of a decision id, without the models (reading it must not import pydantic)."""

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
