"""Adapters: how each app's records become searchable sources (see sources.py).

`register_all()` runs from KnowledgeConfig.ready(); an adapter registers only when
its app and models are installed, so apps can land in any order.
"""

import importlib

from django.apps import apps

ADAPTERS = {
    "library": "capdev.knowledge.adapters.library",
}


def register_all() -> None:
    for app_label, module in ADAPTERS.items():
        if apps.is_installed(f"capdev.{app_label}"):
            importlib.import_module(module).register()
