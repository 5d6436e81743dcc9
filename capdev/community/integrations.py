"""Wiring to other apps that may or may not be installed (learning's courses)."""


def connect() -> None:
    """Register the audiences and item kinds this app knows of. Nothing if the app is absent."""
