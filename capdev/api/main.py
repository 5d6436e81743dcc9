"""The versioned JSON API. Each domain adds a router here; routers call selectors and services."""

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
