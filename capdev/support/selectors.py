"""Every read of requests, scoped to the user who asks; dashboard figures as SQL aggregates.

Stable entry points for other apps (the assistant, the knowledge index, programmes):

- ``requests_filter(user, **filters)``: the requests `user` may see, filtered.
- ``request_get_for_user(user, reference)``: one visible request, or DoesNotExist.
- ``request_insights(user, **filters)``: the dashboard's figures as a plain dict.
- ``dashboard_url(**filters)``: the link to the dashboard showing those filters.

Filters (every one optional; empty values are ignored) are the same everywhere:
``status`` (a status value or a list of them), ``country`` (ISO alpha-3 code, a
Country or its id), ``region`` and ``sub_region`` (UN M49 name or code),
``group`` ("ldc", "lldc" or "sids"), ``theme`` (theme slug), ``sdg`` (goal
number), ``support_type`` (slug), ``year`` (year received), ``officer`` (user id
of the assigned officer), ``overdue`` (true: open and past the due date) and ``q``
(words in the reference, title, description or outcome). ``requests_filter`` also
takes ``sort`` (see SORTS).
"""

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from capdev.accounts.models import User
from capdev.accounts.roles import Role
from capdev.accounts.scoping import has_global_scope, scope_by_country
from capdev.core.models import Country, Theme
from capdev.support.models import (
    CLOSED_STATUSES,
    RequestAttachment,
    RequestComment,
    StatusChange,
    SupportRequest,
    SupportType,
)

Status = SupportRequest.Status
FILTER_NAMES = (
    "status",
    "country",
    "region",
    "sub_region",
    "group",
    "theme",
    "sdg",
    "support_type",
    "year",
    "officer",
    "overdue",
    "q",
)
COUNTRY_GROUPS = {"ldc": "is_ldc", "lldc": "is_lldc", "sids": "is_sids"}
SORTS = {
    "-received": ("-received_on", "-reference"),
    "received": ("received_on", "reference"),
    "reference": ("reference",),
    "-reference": ("-reference",),
    "status": ("status", "-received_on"),
    "country": ("country__name", "-received_on"),
    "due": ("due_on", "reference"),
    "-updated": ("-updated_at",),
}
DEFAULT_SORT = "-received"


class FilterError(ValueError):
    """A filter value that cannot be understood (an unknown status, a year that is no number)."""


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return bool(value)


def _as_list(value: Any) -> list:
    if isinstance(value, (list, tuple, set, frozenset)):
        return [v for v in value if v not in (None, "")]
    return [value]


def clean_filters(filters: dict[str, Any]) -> dict[str, Any]:
    """The filters that are set, with unknown names refused."""
    unknown = set(filters) - set(FILTER_NAMES) - {"sort"}
    if unknown:
        raise TypeError(f"Unknown request filters: {', '.join(sorted(unknown))}")
    return {k: v for k, v in filters.items() if v not in (None, "", [], ())}


def _country_ids(filters: dict[str, Any]) -> list[int] | None:
    """The ids of the countries the country-level filters allow, or None when there are none.

    Resolving regions and groups to ids first lets the request query use its
    (country, received_on) index instead of joining or sub-querying per country.
    """
    countries = Country.objects.all()
    used = False
    if "country" in filters:
        values = _as_list(filters["country"])
        ids = [v.pk for v in values if isinstance(v, Country)]
        ids += [
            int(v) for v in values if isinstance(v, int) or (isinstance(v, str) and v.isdigit())
        ]
        codes = [v.upper() for v in values if isinstance(v, str) and not v.isdigit()]
        countries = countries.filter(Q(pk__in=ids) | Q(iso3__in=codes))
        used = True
    if "region" in filters:
        region = str(filters["region"])
        countries = countries.filter(Q(region_code=region) | Q(region__iexact=region))
        used = True
    if "sub_region" in filters:
        sub = str(filters["sub_region"])
        countries = countries.filter(
            Q(sub_region_code=sub)
            | Q(sub_region__iexact=sub)
            | Q(intermediate_region_code=sub)
            | Q(intermediate_region__iexact=sub)
        )
        used = True
    if "group" in filters:
        field = COUNTRY_GROUPS.get(str(filters["group"]).lower())
        if field is None:
            raise FilterError(f"Unknown country group {filters['group']!r}")
        countries = countries.filter(**{field: True})
        used = True
    return list(countries.values_list("pk", flat=True)) if used else None


def _int(value: Any, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise FilterError(f"{name} must be a number, not {value!r}") from None


def _apply_filters(requests: QuerySet[SupportRequest], filters: dict[str, Any]):
    country_ids = _country_ids(filters)
    if country_ids is not None:
        requests = requests.filter(country_id__in=country_ids)
    if "status" in filters:
        statuses = [str(s) for s in _as_list(filters["status"])]
        bad = [s for s in statuses if s not in Status.values]
        if bad:
            raise FilterError(f"Unknown status {bad[0]!r}")
        requests = requests.filter(status__in=statuses)
    # One value per many-to-many filter: each matches a request at most once, so
    # the join repeats no rows.
    if "theme" in filters:
        requests = requests.filter(themes__slug=str(filters["theme"]))
    if "sdg" in filters:
        requests = requests.filter(sdgs__number=_int(filters["sdg"], "sdg"))
    if "support_type" in filters:
        requests = requests.filter(support_types__slug=str(filters["support_type"]))
    if "year" in filters:
        requests = requests.filter(year=_int(filters["year"], "year"))
    if "officer" in filters:
        requests = requests.filter(assigned_officer_id=_int(filters["officer"], "officer"))
    if "overdue" in filters and _truthy(filters["overdue"]):
        requests = requests.filter(due_on__lt=timezone.localdate()).exclude(
            status__in=CLOSED_STATUSES
        )
    if "q" in filters:
        for word in str(filters["q"]).split()[:8]:
            requests = requests.filter(
                Q(reference__iexact=word)
                | Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(outcome__icontains=word)
            )
    return requests


def requests_visible_to(user) -> QuerySet[SupportRequest]:
    """Staff see every request; a focal point their country's; everyone else none."""
    return scope_by_country(SupportRequest.objects.all(), user)


def requests_filter(user, **filters: Any) -> QuerySet[SupportRequest]:
    """The requests `user` may see that match `filters` (see the module docstring).

    Ready for listing: country and assigned officer are joined in. Raises
    FilterError for a value it cannot understand and TypeError for an unknown filter.
    """
    filters = clean_filters(filters)
    requests = _apply_filters(requests_visible_to(user), filters)
    sort = SORTS.get(str(filters.get("sort") or DEFAULT_SORT), SORTS[DEFAULT_SORT])
    return requests.select_related("country", "assigned_officer").order_by(*sort)


def request_get_for_user(user, reference: str) -> SupportRequest:
    """One request by reference, if `user` may see it; else SupportRequest.DoesNotExist."""
    return (
        requests_visible_to(user)
        .select_related("country", "assigned_officer", "submitted_by")
        .prefetch_related("support_types", "themes", "sdgs", "cepa_principles")
        .get(reference=str(reference).upper())
    )


def request_comments_for(user, request: SupportRequest) -> QuerySet[RequestComment]:
    """A request's comments; internal notes only for staff."""
    comments = request.comments.select_related("author")
    return comments if has_global_scope(user) else comments.filter(is_internal=False)


def request_history(request: SupportRequest) -> QuerySet[StatusChange]:
    return request.status_changes.select_related("changed_by")


def request_attachment_get_for_user(user, reference: str, attachment_id: int) -> RequestAttachment:
    request = request_get_for_user(user, reference)
    return RequestAttachment.objects.get(request=request, pk=attachment_id)


def officers() -> QuerySet[User]:
    """People requests can be assigned to."""
    return User.objects.filter(
        is_active=True, groups__name__in=[Role.PROGRAMME_OFFICER, Role.ADMIN]
    ).distinct()


def support_types() -> QuerySet[SupportType]:
    return SupportType.objects.all()


def request_years() -> list[int]:
    """Every year from the first request received to the last, newest first.

    The span comes from two index look-ups; listing only the years that have requests
    would read the whole index on every page that shows the year filter.
    """
    years = SupportRequest.objects.values_list("year", flat=True)
    first, last = years.order_by("year").first(), years.order_by("-year").first()
    return [] if first is None else list(range(last, first - 1, -1))


def dashboard_url(**filters: Any) -> str:
    """The dashboard's address showing `filters` (the same names as requests_filter)."""
    filters = clean_filters(filters)
    filters.pop("sort", None)
    query = urlencode(
        [(k, v) for k, value in filters.items() for v in _as_list(value)], doseq=False
    )
    url = reverse("support:dashboard")
    return f"{url}?{query}" if query else url


def list_url(**filters: Any) -> str:
    """The request list's address showing `filters`."""
    filters = clean_filters(filters)
    query = urlencode([(k, v) for k, value in filters.items() for v in _as_list(value)])
    url = reverse("support:index")
    return f"{url}?{query}" if query else url


# Dashboard figures. Each pass over the filtered requests is one grouped SQL aggregate;
# the small grouped results (a row per country and status, per year, per number of
# days) are summed up in Python into the dashboard's figures.


def _localized(row: dict, name: str = "name", name_fr: str = "name_fr") -> str:
    if (get_language() or "").startswith("fr") and row.get(name_fr):
        return row[name_fr]
    return row[name]


def _median(requests: QuerySet, field: str) -> float | None:
    """The median of `field` over `requests`, read off a SQL histogram of its values.

    Days are small whole numbers, so the histogram has a few hundred rows at most
    however many requests there are; sorting the requests themselves would not scale.
    """
    histogram = list(
        requests.filter(**{f"{field}__isnull": False})
        .values_list(field)
        .annotate(count=Count("*"))
        .order_by(field)
    )
    total = sum(count for _, count in histogram)
    if not total:
        return None
    # The middle value, or the two middle ones (0-based positions) for an even count.
    wanted = [(total - 1) // 2, total // 2]
    middle, seen = [], 0
    for value, count in histogram:
        seen += count
        while wanted and wanted[0] < seen:
            middle.append(value)
            wanted.pop(0)
    return sum(middle) / len(middle)


def _through_counts(requests: QuerySet, relation: str) -> dict[int, int]:
    """How many of `requests` are linked to each target of a many-to-many `relation`."""
    field = SupportRequest._meta.get_field(relation)
    links = field.remote_field.through.objects.all()
    if requests.query.has_filters():
        links = links.filter(**{f"{field.m2m_field_name()}__in": requests.values("pk")})
    # Without a filter every link counts: the foreign key guarantees its request exists,
    # and testing each link against the whole request table would cost a lookup per link.
    target = field.m2m_reverse_field_name()
    return dict(links.values_list(target).annotate(count=Count("*")).order_by())


def _ranked(counts: dict[int, int], rows: Iterable[dict]) -> list[tuple[dict, int]]:
    """`rows` (in the database's order of their names) with their counts, most first.

    Ties keep the database's order, so the figures read the same as an ORDER BY
    count DESC, name in SQL would give them on either database.
    """
    present = [(row, counts[row["pk"]]) for row in rows if counts.get(row["pk"])]
    return sorted(present, key=lambda pair: -pair[1])


def _country_figures(per_country: dict[int, int], top: int) -> dict[str, list[dict]]:
    """Regions, country groups and the top countries from per-country counts."""
    countries = Country.objects.filter(pk__in=per_country).order_by("name")
    rows = countries.values("pk", "iso3", "name", "region", "is_ldc", "is_lldc", "is_sids")
    ranked = _ranked(per_country, rows)
    regions: dict[str, int] = {}
    groups = {"LDC": 0, "LLDC": 0, "SIDS": 0}
    for country, count in ranked:
        regions[country["region"]] = regions.get(country["region"], 0) + count
        for name, flag in (("LDC", "is_ldc"), ("LLDC", "is_lldc"), ("SIDS", "is_sids")):
            groups[name] += count if country[flag] else 0
    return {
        "by_region": [
            {"region": region or "—", "count": count}
            for region, count in sorted(regions.items(), key=lambda item: (-item[1], item[0]))
        ],
        "by_country_group": [{"group": name, "count": n} for name, n in groups.items()],
        "by_country": [
            {"iso3": country["iso3"], "country": country["name"], "count": count}
            for country, count in ranked[:top]
        ],
    }


def request_insights(user, *, top: int = 10, **filters: Any) -> dict[str, Any]:
    """The dashboard's figures for the requests `user` may see that match `filters`.

    Returns a dict of plain values: ``total``, ``open``, ``overdue``,
    ``by_status`` / ``by_region`` / ``by_country_group`` / ``by_country`` (the
    `top` countries) / ``by_theme`` / ``by_support_type`` / ``by_year`` (lists of
    dicts with a ``count``), and ``median_days_to_first_response`` and
    ``median_days_to_completion`` (days from receipt; None without data).
    """
    filters = clean_filters(filters)
    filters.pop("sort", None)
    requests = _apply_filters(requests_visible_to(user), filters).order_by()
    today = timezone.localdate()
    # One pass gives the totals, statuses, regions, groups and countries: a row per
    # country and status (a few thousand at most), with how many are past due.
    cells = requests.values_list("country_id", "status").annotate(
        count=Count("*"), past_due=Count("due_on", filter=Q(due_on__lt=today))
    )
    per_status = dict.fromkeys(Status.values, 0)
    per_country: dict[int, int] = {}
    overdue = 0
    for country_id, status, count, past_due in cells:
        per_status[status] += count
        per_country[country_id] = per_country.get(country_id, 0) + count
        overdue += past_due if status not in CLOSED_STATUSES else 0
    by_year = list(requests.values("year").annotate(count=Count("*")).order_by("year"))
    themes = Theme.objects.order_by("slug").values("pk", "slug", "name", "name_fr")
    kinds = SupportType.objects.order_by("slug").values("pk", "slug", "name", "name_fr", "position")
    by_theme = _ranked(_through_counts(requests, "themes"), themes)
    by_type = _ranked(_through_counts(requests, "support_types"), kinds)
    return {
        "filters": filters,
        "total": sum(per_status.values()),
        "open": sum(n for status, n in per_status.items() if status not in CLOSED_STATUSES),
        "overdue": overdue,
        "by_status": [
            {"status": s.value, "label": str(s.label), "count": per_status[s.value]} for s in Status
        ],
        **_country_figures(per_country, top),
        "by_theme": [
            {"slug": row["slug"], "theme": _localized(row), "count": count}
            for row, count in by_theme
        ],
        "by_support_type": [
            {"slug": row["slug"], "support_type": _localized(row), "count": count}
            for row, count in sorted(by_type, key=lambda pair: pair[0]["position"])
        ],
        "by_year": _fill_years(by_year),
        "median_days_to_first_response": _median(requests, "days_to_first_response"),
        "median_days_to_completion": _median(requests, "days_to_completion"),
    }


def _fill_years(rows: list[dict]) -> list[dict]:
    """Years in order with the empty ones between them shown as 0 requests."""
    if not rows:
        return []
    counts = {row["year"]: row["count"] for row in rows}
    return [
        {"year": year, "count": counts.get(year, 0)} for year in range(min(counts), max(counts) + 1)
    ]
