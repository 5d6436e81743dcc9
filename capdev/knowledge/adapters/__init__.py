"""Adapters: how each app's records become searchable sources (see sources.py).

`register_all()` runs from KnowledgeConfig.ready(); an adapter registers only when
its app and models are installed, so apps can land in any order.
"""

import importlib

from django.apps import apps

ADAPTERS = {
    "library": ("capdev.knowledge.adapters.library", "library.Document"),
    "support": ("capdev.knowledge.adapters.support", "support.SupportRequest"),
    "programmes": ("capdev.knowledge.adapters.programmes", "programmes.Activity"),
    "learning": ("capdev.knowledge.adapters.learning", "learning.Item"),
}


def _model_exists(label: str) -> bool:
    try:
        apps.get_model(label)
    except LookupError:
        return False
    return True


def register_all() -> None:
    for app_label, (module, model) in ADAPTERS.items():
        if apps.is_installed(f"capdev.{app_label}") and _model_exists(model):
            importlib.import_module(module).register()
