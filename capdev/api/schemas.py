from ninja import Schema


class CountryOut(Schema):
    iso3: str
    iso2: str
    m49_code: str
    name: str
    name_fr: str
    region: str
    sub_region: str
    intermediate_region: str
    is_ldc: bool
    is_lldc: bool
    is_sids: bool


class MeOut(Schema):
    email: str
    first_name: str
    last_name: str
    roles: list[str]
    country: str | None
