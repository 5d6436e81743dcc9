"""Reads of reference data. Countries and taxonomies are public: no user scoping."""

from django.db.models import Q, QuerySet

from capdev.core.models import Country


def countries_filter(
    *,
    region: str | None = None,
    sub_region: str | None = None,
    ldc: bool | None = None,
    lldc: bool | None = None,
    sids: bool | None = None,
    search: str | None = None,
) -> QuerySet[Country]:
    """Countries matching every given filter. Regions match by M49 code or by name."""
    countries = Country.objects.all()
    if region:
        countries = countries.filter(Q(region_code=region) | Q(region__iexact=region))
    if sub_region:
        countries = countries.filter(
            Q(sub_region_code=sub_region)
            | Q(sub_region__iexact=sub_region)
            | Q(intermediate_region_code=sub_region)
            | Q(intermediate_region__iexact=sub_region)
        )
    for field, value in (("is_ldc", ldc), ("is_lldc", lldc), ("is_sids", sids)):
        if value is not None:
            countries = countries.filter(**{field: value})
    if search:
        countries = countries.filter(
            Q(name__icontains=search)
            | Q(name_fr__icontains=search)
            | Q(iso3__iexact=search)
            | Q(iso2__iexact=search)
        )
    return countries


def regions() -> list[str]:
    return list(
        Country.objects.exclude(region="")
        .order_by("region")
        .values_list("region", flat=True)
        .distinct()
    )


def sub_regions() -> list[str]:
    return list(
        Country.objects.exclude(sub_region="")
        .order_by("sub_region")
        .values_list("sub_region", flat=True)
        .distinct()
    )


def countries_by_any_name() -> dict[str, Country]:
    """Every country under its ISO3 and ISO2 codes and its English and French (CLDR) names,
    lower-cased, so that an imported spreadsheet may name countries either way."""
    lookup = {}
    for country in Country.objects.all():
        for key in (country.iso3, country.iso2, country.name, country.name_fr):
            if key:
                lookup[key.lower()] = country
    return lookup
