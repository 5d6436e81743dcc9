from ninja import Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from capdev.api.schemas import CountryOut
from capdev.core.selectors import countries_filter

router = Router(tags=["reference data"])


class CountryFilters(Schema):
    region: str | None = None
    sub_region: str | None = None
    ldc: bool | None = None
    lldc: bool | None = None
    sids: bool | None = None
    search: str | None = None


@router.get("/countries", response=list[CountryOut], auth=None)
@paginate(LimitOffsetPagination)
def list_countries(request, filters: Query[CountryFilters]):
    """Countries and areas of the UN M49 standard. Regions match by M49 code or name."""
    return countries_filter(**filters.dict())
