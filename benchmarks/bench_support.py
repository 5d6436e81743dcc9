"""Requests: the insights dashboard and the filtered list over 100,000 requests.

Targets (issue 3): dashboard p95 under 300 ms on SQLite and PostgreSQL on a 2-core
machine, and the dashboard's time under twice the time of the raw SQL of its aggregates.
The filtered case (region = Africa) is timed apart: a previous attempt missed it.
"""

import datetime as dt
import os
import random
import time

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from benchmarks.common import summary, timings_ms
from capdev.accounts.models import User
from capdev.accounts.roles import Role
from capdev.accounts.services import roles_sync, user_create
from capdev.core.models import Country, SdgGoal, Theme
from capdev.support.models import SupportRequest, SupportType
from capdev.support.selectors import request_insights

SIZE = 100_000
EMAIL = "bench-officer@example.org"


def _generate(size: int) -> None:
    rng = random.Random(42)
    countries = list(Country.objects.values_list("pk", flat=True))
    themes = list(Theme.objects.values_list("pk", flat=True))
    kinds = list(SupportType.objects.values_list("pk", flat=True))
    goals = list(SdgGoal.objects.values_list("pk", flat=True))
    statuses = SupportRequest.Status.values
    start = dt.date(2015, 1, 1)
    counters: dict[int, int] = {}
    rows = []
    for _ in range(size):
        received = start + dt.timedelta(days=rng.randint(0, 365 * 11))
        counters[received.year] = counters.get(received.year, 0) + 1
        status = rng.choice(statuses)
        responded = status != "received"
        done = status in {"completed", "closed"}
        first = rng.randint(1, 60) if responded else None
        completion = (first or 0) + rng.randint(30, 300) if done else None
        rows.append(
            SupportRequest(
                reference=f"REQ-{received.year}-{counters[received.year]:06d}",
                year=received.year,
                country_id=rng.choice(countries),
                title=f"Synthetic request {rng.randint(1, 10**9)}",
                description="Generated for the benchmark.",
                received_on=received,
                status=status,
                channel="email",
                priority="normal",
                due_on=received + dt.timedelta(days=rng.choice([60, 90, 180])),
                days_to_first_response=first,
                days_to_completion=completion,
            )
        )
    with transaction.atomic():
        for i in range(0, len(rows), 5000):
            SupportRequest.objects.bulk_create(rows[i : i + 5000])
        ids = list(SupportRequest.objects.values_list("pk", flat=True))
        for relation, targets, per_row in (
            ("themes", themes, 2),
            ("support_types", kinds, 1),
            ("sdgs", goals, 1),
        ):
            through = getattr(SupportRequest, relation).through
            column = {
                "themes": "theme_id",
                "support_types": "supporttype_id",
                "sdgs": "sdggoal_id",
            }[relation]
            links = [
                through(supportrequest_id=pk, **{column: target})
                for pk in ids
                for target in rng.sample(targets, per_row)
            ]
            through.objects.bulk_create(links, batch_size=10_000)


def _refresh_statistics() -> None:
    """Planner statistics for the tables as they are now, as a maintained database has.

    PostgreSQL's autovacuum would get there on its own after a bulk load, but not
    before the timings start; VACUUM also marks pages all-visible, without which
    PostgreSQL cannot answer from an index alone.
    """
    tables = [SupportRequest._meta.db_table, Country._meta.db_table] + [
        getattr(SupportRequest, name).through._meta.db_table
        for name in ("themes", "support_types", "sdgs")
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"VACUUM ANALYZE {', '.join(tables)}")
        else:
            for table in tables:
                cursor.execute(f"ANALYZE {table}")


def _officer() -> User:
    roles_sync()
    user = User.objects.filter(email=EMAIL).first()
    return user or user_create(email=EMAIL, roles=[Role.PROGRAMME_OFFICER])


def _insights_sql(user, filters: dict) -> list[str]:
    """The SQL statements the insights run for `filters`, as the database received them."""
    with CaptureQueriesContext(connection) as captured:
        request_insights(user, **filters)
    return [q["sql"] for q in captured.captured_queries]


def _page_and_sql_ms(fetch, statements: list[str], *, rounds: int = 20) -> tuple[float, float]:
    """Median times of the page and of its aggregates' raw SQL, taken turn about.

    Other work on a shared machine comes and goes; timing the two alternately lets
    it weigh on both sides of the ratio alike.
    """

    def run_sql():
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()

    pages, sqls = [], []
    for _ in range(rounds):
        pages += timings_ms(fetch, repeat=1, warmup=0)
        sqls += timings_ms(run_sql, repeat=1, warmup=0)
    return summary(pages)["p50"], summary(sqls)["p50"]


def run(out) -> None:
    existing = SupportRequest.objects.count()
    if existing < SIZE:
        SupportRequest.objects.all().delete()
        started = time.perf_counter()
        _generate(SIZE)
        out.figure(f"generate {SIZE:,} requests", time.perf_counter() - started, "s")
    _refresh_statistics()
    out.line(f"{SupportRequest.objects.count():,} requests on {connection.vendor}")
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    out.line(f"load average at the start (1, 5, 15 min, {os.cpu_count()} cores): {load}")
    user = _officer()
    client = Client()
    client.force_login(user)
    htmx = {"HX-Request": "true"}
    cases = [
        ("dashboard, no filter (full page)", "/requests/dashboard/", {}, {}),
        ("dashboard, region=Africa (full page)", "/requests/dashboard/", {"region": "Africa"}, {}),
        (
            "dashboard, region=Africa (HTMX refresh)",
            "/requests/dashboard/",
            {"region": "Africa"},
            htmx,
        ),
        (
            "dashboard, Africa + theme + 2023 (HTMX)",
            "/requests/dashboard/",
            {"region": "Africa", "theme": "digital-government", "year": "2023"},
            htmx,
        ),
        ("list, region=Africa", "/requests/", {"region": "Africa"}, {}),
        (
            "list, region=Africa, search 'synthetic 12'",
            "/requests/",
            {"region": "Africa", "q": "request 12"},
            {},
        ),
    ]
    fetches = {}
    for name, url, params, headers in cases:

        def fetch(url=url, params=params, headers=headers):
            response = client.get(url, params, headers=headers)
            assert response.status_code == 200, response.status_code

        fetches[name] = fetch
        figures = summary(timings_ms(fetch, repeat=20))
        out.figure(f"{name} p50", figures["p50"], "ms")
        target = 300 if name.startswith("dashboard") else None
        out.figure(f"{name} p95", figures["p95"], "ms", target=target)
    for label, filters, page in (
        ("no filter", {}, "dashboard, no filter (full page)"),
        ("region=Africa", {"region": "Africa"}, "dashboard, region=Africa (full page)"),
    ):
        statements = _insights_sql(user, filters)
        page_ms, sql_ms = _page_and_sql_ms(fetches[page], statements)
        name = f"raw SQL of the insights ({len(statements)} queries), {label} p50"
        out.figure(name, sql_ms, "ms")
        out.figure(f"ratio dashboard page / raw SQL, {label}", page_ms / sql_ms, "x", target=2)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    out.line(f"load average at the end (1, 5, 15 min, {os.cpu_count()} cores): {load}")
