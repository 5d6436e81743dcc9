"""Gender indicators computed from workforce records by SQL aggregates.

One `GROUP BY` query sums the records of each group (an institution, or a country's
national, subnational or whole public service) and year; the indicators are SQL
expressions over those sums. Each record carries a copy of its institution's country,
level and sector, so the query joins no other table, and for one year the
`gender_workforce_comparison` index hands it the records country by country.
Weighting is by headcount: a country's share of women is the women of all its
institutions over all their staff, not an average of the institutions' shares. A
denominator of zero or a sum over no reported figures gives NULL, which every page
and the API show as missing, never as zero.

Definitions and sources: docs/indicators.md.
"""

from collections.abc import Iterable

from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Abs, Cast, Coalesce, NullIf

from capdev.accounts.scoping import has_global_scope, scope_country_id
from capdev.core.models import Country
from capdev.gender.indicators import INDICATORS
from capdev.gender.models import GradeBand, PublishedYear, WorkforceRecord

LEVELS = ["country", "national", "subnational", "institution"]
INDICATOR_CODES = [indicator.code for indicator in INDICATORS]
COUNT_COLUMNS = ["women", "men", "other", "total"]


def _float(expression):
    return Cast(expression, FloatField())


def _sum(expression, condition: Q | None = None):
    return _float(Sum(expression, filter=condition))


def _ratio(numerator, denominator):
    return numerator / NullIf(denominator, Value(0.0))


def visible_records(user) -> QuerySet[WorkforceRecord]:
    """Records whose figures `user` may see in aggregates.

    Staff see all; a focal point their own country's; everyone, signed in or not,
    the country-years an officer has published.
    """
    records = WorkforceRecord.objects.all()
    if has_global_scope(user):
        return records
    published = Exists(
        PublishedYear.objects.filter(country_id=OuterRef("country_id"), year=OuterRef("year"))
    )
    own = scope_country_id(user)
    if own is not None:
        return records.filter(Q(country_id=own) | published)
    return records.filter(published)


def _aggregates() -> dict:
    """The sums every indicator is built from, as named aggregate expressions."""
    headcount = F("women") + F("men") + F("other")
    decision = Q(band=GradeBand.DECISION_MAKING)
    paired_pay = Q(pay_women__isnull=False, pay_men__isnull=False)
    promotions = Q(promoted_women__isnull=False, promoted_men__isnull=False)
    training = Q(trained_women__isnull=False, trained_men__isnull=False)
    sums = {
        "s_women": _sum("women"),
        "s_men": _sum("men"),
        "s_other": _sum("other"),
        "s_total": _sum(headcount),
        "s_dm_women": _sum("women", decision),
        "s_dm_total": _sum(headcount, decision),
        "s_pay_w": _sum(F("pay_women") * F("women"), paired_pay),
        "s_pay_w_n": _sum("women", paired_pay),
        "s_pay_m": _sum(F("pay_men") * F("men"), paired_pay),
        "s_pay_m_n": _sum("men", paired_pay),
        "s_pro_w": _sum("promoted_women", promotions),
        "s_pro_w_n": _sum("women", promotions),
        "s_pro_m": _sum("promoted_men", promotions),
        "s_pro_m_n": _sum("men", promotions),
        "s_tr_w": _sum("trained_women", training),
        "s_tr_w_n": _sum("women", training),
        "s_tr_m": _sum("trained_men", training),
        "s_tr_m_n": _sum("men", training),
        "illustrative_any": Max(
            Case(When(illustrative=True, then=Value(1)), default=Value(0)),
            output_field=IntegerField(),
        ),
    }
    for band in GradeBand.values:
        sums[f"s_{band}_w"] = Coalesce(_sum("women", Q(band=band)), Value(0.0))
        sums[f"s_{band}_m"] = Coalesce(_sum("men", Q(band=band)), Value(0.0))
    return sums


def _indicators() -> dict:
    """Each indicator as an SQL expression over the sums of `_aggregates`."""
    share = _ratio(F("s_women") * 100.0, F("s_total"))
    share_dm = _ratio(F("s_dm_women") * 100.0, F("s_dm_total"))
    mean_pay_w = _ratio(F("s_pay_w"), F("s_pay_w_n"))
    mean_pay_m = _ratio(F("s_pay_m"), F("s_pay_m_n"))
    dissimilarity = sum(
        (
            Abs(_ratio(F(f"s_{band}_w"), F("s_women")) - _ratio(F(f"s_{band}_m"), F("s_men")))
            for band in GradeBand.values
        ),
        start=Value(0.0),
    )
    return {
        "women_share": share,
        "women_share_decision": share_dm,
        "parity_index": _ratio(F("s_women"), F("s_men")),
        "glass_ceiling_index": _ratio(share, share_dm),
        "segregation_index": dissimilarity * 50.0,
        "pay_gap": _ratio((mean_pay_m - mean_pay_w) * 100.0, mean_pay_m),
        "promotion_ratio": _ratio(
            _ratio(F("s_pro_w"), F("s_pro_w_n")), _ratio(F("s_pro_m"), F("s_pro_m_n"))
        ),
        "training_ratio": _ratio(
            _ratio(F("s_tr_w"), F("s_tr_w_n")), _ratio(F("s_tr_m"), F("s_tr_m_n"))
        ),
    }


def indicator_rows(
    user,
    *,
    level: str = "country",
    countries: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
    sector: str = "",
    band: str = "",
    institution_id: int | None = None,
    records: QuerySet[WorkforceRecord] | None = None,
) -> list[dict]:
    """Indicators per group and year, as dictionaries, sorted by country, group and year.

    `level` is "country" (all institutions of a country), "national" or "subnational"
    (a country's institutions of that level) or "institution" (each institution).
    `countries` are ISO alpha-3 codes. `band` limits the figures to one grade band.
    Each row has the group's keys, the headcounts (women, men, other, total), the
    indicators by code (None when undefined) and whether any figure is illustrative.
    """
    if level not in LEVELS:
        raise ValueError(f"Unknown level {level!r}")
    records = visible_records(user) if records is None else records
    if level == "institution" and not has_global_scope(user):
        # Published figures are aggregates; single institutions stay within scope.
        records = records.filter(country_id=scope_country_id(user) or 0)
    if level in {"national", "subnational"}:
        records = records.filter(level=level)
    if countries:
        records = records.filter(
            country__in=Country.objects.filter(iso3__in=[c.upper() for c in countries])
        )
    if years:
        records = records.filter(year__in=list(years))
    if sector:
        records = records.filter(sector=sector)
    if band:
        records = records.filter(band=band)
    if institution_id:
        records = records.filter(institution_id=institution_id)
    keys = ["country_id", "year"]
    if level == "institution":
        keys += ["institution_id", "institution__name"]
    sums = list(
        records.order_by().values(*keys).annotate(**_aggregates()).annotate(**_indicators())
    )
    # Countries are named after the aggregate, which then groups by the bare key.
    names = {
        pk: (iso3, name)
        for pk, iso3, name in Country.objects.filter(pk__in={row["country_id"] for row in sums})
        .order_by()
        .values_list("pk", "iso3", "name")
    }
    rows = [_row(row, level, *names[row["country_id"]]) for row in sums]
    rows.sort(key=lambda row: (row["country"], row["institution_id"] or 0, row["year"]))
    return rows


def _row(row: dict, level: str, iso3: str, country_name: str) -> dict:
    def count(key):
        return None if row[key] is None else round(row[key])

    return {
        "country": iso3,
        "country_name": country_name,
        "level": level,
        "institution_id": row.get("institution_id"),
        "institution": row.get("institution__name", ""),
        "year": row["year"],
        "women": count("s_women"),
        "men": count("s_men"),
        "other": count("s_other"),
        "total": count("s_total"),
        "illustrative": bool(row["illustrative_any"]),
        **{code: row[code] for code in INDICATOR_CODES},
    }


def latest_year(user, *, countries: Iterable[str] | None = None) -> int | None:
    records = visible_records(user)
    if countries:
        records = records.filter(country__iso3__in=list(countries))
    return records.aggregate(latest=Max("year"))["latest"]


def available_years(user) -> list[int]:
    return sorted(
        visible_records(user).order_by().values_list("year", flat=True).distinct(), reverse=True
    )


# Targets of action plans: where the indicator stands against the straight line from
# baseline to target.

ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA = "on_track", "at_risk", "off_track", "no_data"


def trajectory_status(
    *,
    baseline_year: int,
    baseline_value: float,
    target_year: int,
    target_value: float,
    year: int | None,
    value: float | None,
) -> str:
    """On track when at least 90 % of the progress due by `year` is made, at risk from 50 %.

    Progress due is the straight line from baseline to target; no measurement after
    the baseline year gives "no_data".
    """
    if value is None or year is None or year <= baseline_year:
        return NO_DATA
    needed = target_value - baseline_value
    if needed == 0:
        return (
            ON_TRACK if abs(value - target_value) <= 0.01 * max(abs(target_value), 1) else AT_RISK
        )
    achieved = (value - baseline_value) / needed
    due = min(1.0, (year - baseline_year) / (target_year - baseline_year))
    if achieved >= 0.9 * due:
        return ON_TRACK
    if achieved >= 0.5 * due:
        return AT_RISK
    return OFF_TRACK


def target_statuses(user, plan) -> list[dict]:
    """Each target of `plan` with its latest measured value and trajectory status."""
    level = "institution" if plan.institution_id else "country"
    by_band: dict[str, list[dict]] = {}
    result = []
    for target in plan.targets.all():
        if target.band not in by_band:
            by_band[target.band] = indicator_rows(
                user,
                level=level,
                countries=[plan.country.iso3],
                band=target.band,
                institution_id=plan.institution_id,
            )
        measured = [
            r
            for r in by_band[target.band]
            if r[target.indicator] is not None
            and target.baseline_year < r["year"] <= target.target_year
        ]
        latest = measured[-1] if measured else None
        year = latest["year"] if latest else None
        value = latest[target.indicator] if latest else None
        result.append(
            {
                "target": target,
                "year": year,
                "value": value,
                "status": trajectory_status(
                    baseline_year=target.baseline_year,
                    baseline_value=target.baseline_value,
                    target_year=target.target_year,
                    target_value=target.target_value,
                    year=year,
                    value=value,
                ),
            }
        )
    return result


def band_breakdown(user, *, country: str, year: int, level: str = "country") -> list[dict]:
    """Women, men and the share of women in each grade band of one country-year."""
    records = visible_records(user).filter(country__iso3=country, year=year)
    if level in {"national", "subnational"}:
        records = records.filter(level=level)
    sums = {
        band["band"]: band
        for band in records.order_by()
        .values("band")
        .annotate(w=Sum("women"), m=Sum("men"), o=Sum("other"))
    }
    rows = []
    for value, label in GradeBand.choices:
        found = sums.get(value)
        total = (found["w"] + found["m"] + found["o"]) if found else None
        rows.append(
            {
                "band": value,
                "label": label,
                "women": found["w"] if found else None,
                "men": found["m"] if found else None,
                "total": total,
                "women_share": (found["w"] * 100 / total) if total else None,
            }
        )
    return rows
