"""The versioned JSON API.

Each domain app that exposes endpoints has an ``api.py`` module with a ninja ``router``;
it is mounted here automatically, so adding an app's API never touches this file.
Routers call the app's selectors and services, never the ORM directly.
"""

import importlib
import importlib.util

from django.apps import apps
from ninja import NinjaAPI

from capdev.api.auth import API_AUTH
from capdev.api.countries import router as countries_router
from capdev.api.schemas import MeOut

api = NinjaAPI(
    title="CapDev API",
    version="1",
    description="Programme data of CapDev. Authenticate with `Authorization: Bearer <token>`.",
    urls_namespace="api-v1",
    auth=API_AUTH,
)
api.add_router("", countries_router)


def _domain_routers():
    for config in apps.get_app_configs():
        if not config.name.startswith("capdev.") or config.name == "capdev.api":
            continue
        module_name = f"{config.name}.api"
        if importlib.util.find_spec(module_name) is None:
            continue
        router = getattr(importlib.import_module(module_name), "router", None)
        if router is not None:
            yield router


for _router in _domain_routers():
    api.add_router("", _router)


@api.get("/me", response=MeOut, tags=["accounts"])
def me(request):
    """The authenticated user and their roles."""
    user = request.auth
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "roles": sorted(user.roles),
        "country": user.country.iso3 if user.country_id else None,
    }
