"""Data-mode answerers per app, registered from AssistantConfig.ready() when the app's
models exist (apps land in any order)."""

import importlib

from django.apps import apps

from capdev.assistant import data_answers

ANSWERERS = {
    "requests": ("capdev.assistant.answerers.support", "support.SupportRequest"),
    "people_trained": ("capdev.assistant.answerers.programmes", "programmes.Participation"),
}


def register_all() -> None:
    for name, (module, model) in ANSWERERS.items():
        try:
            apps.get_model(model)
        except LookupError:
            continue
        data_answers.register(name, importlib.import_module(module).answer)
