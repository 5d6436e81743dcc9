"""Gender indicators at scale: 10,000 institutions x 10 years x 5 grade bands.

Bulk-inserts 500,000 workforce records, then times the cross-country comparison
(every country's indicators for one year, the page's default) and the ten-year trend
of every country, both as SQL aggregates through `metrics.indicator_rows`.
"""

import random
import time

from django.db import connection
from django.test import Client

from benchmarks.common import summary, timings_ms
from capdev.accounts.models import User
from capdev.core.models import Country
from capdev.gender.metrics import indicator_rows
from capdev.gender.models import GradeBand, Institution, Level, Sector, WorkforceRecord

INSTITUTIONS = 10_000
YEARS = list(range(2015, 2025))
BATCH = 5_000


def _reset() -> None:
    # Raw deletes: cascading half a million rows one by one would take minutes.
    WorkforceRecord.objects.all()._raw_delete(connection.alias)
    WorkforceRecord.history.model.objects.all()._raw_delete(connection.alias)
    Institution.objects.all()._raw_delete(connection.alias)


def _institutions(countries) -> list[Institution]:
    rng = random.Random(7)
    sectors = Sector.values
    objects = [
        Institution(
            name=f"Institution {n:05d}",
            country=countries[n % len(countries)],
            level=Level.NATIONAL if n % 3 == 0 else Level.SUBNATIONAL,
            sector=rng.choice(sectors),
        )
        for n in range(INSTITUTIONS)
    ]
    Institution.objects.bulk_create(objects, batch_size=BATCH)
    return list(Institution.objects.only("pk"))


def _records(institutions):
    rng = random.Random(11)
    for institution in institutions:
        for year in YEARS:
            for band in GradeBand.values:
                women, men = rng.randint(0, 200), rng.randint(0, 200)
                paid = rng.random() > 0.2
                yield WorkforceRecord(
                    institution_id=institution.pk,
                    year=year,
                    band=band,
                    women=women,
                    men=men,
                    other=rng.randint(0, 2),
                    pay_women=rng.randint(800, 1000) if paid and women else None,
                    pay_men=1000 if paid and men else None,
                    promoted_women=women // 15,
                    promoted_men=men // 14,
                    trained_women=women // 4,
                    trained_men=men // 4,
                    illustrative=True,
                )


def run(out) -> None:
    _reset()
    countries = list(Country.objects.order_by("iso3")[:50])
    started = time.perf_counter()
    institutions = _institutions(countries)
    batch, inserted = [], 0
    for record in _records(institutions):
        batch.append(record)
        if len(batch) == BATCH:
            WorkforceRecord.objects.bulk_create(batch)
            inserted += len(batch)
            batch = []
    WorkforceRecord.objects.bulk_create(batch)
    inserted += len(batch)
    elapsed = time.perf_counter() - started
    out.line(
        f"{INSTITUTIONS:,} institutions in {len(countries)} countries, "
        f"{len(YEARS)} years x 5 bands = {inserted:,} workforce records"
    )
    out.figure("bulk insert", elapsed, "s")
    out.figure("bulk insert rate", inserted / elapsed, "records/s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    staff = User.objects.filter(email="bench-gender@example.org").first() or (
        User.objects.create_superuser(email="bench-gender@example.org", password=None)
    )
    year = YEARS[-1]

    def comparison():
        rows = indicator_rows(staff, level="country", years=[year])
        assert len(rows) == len(countries)

    figures = summary(timings_ms(comparison, repeat=10, warmup=1))
    out.figure(f"cross-country comparison, {year} (50,000 records) p50", figures["p50"], "ms")
    out.figure("cross-country comparison p95", figures["p95"], "ms", target=1000)

    def comparison_national_band():
        indicator_rows(staff, level="national", years=[year], band="decision_making")

    figures = summary(timings_ms(comparison_national_band, repeat=10, warmup=1))
    out.figure(
        "comparison, national level, decision-making band p95", figures["p95"], "ms", target=1000
    )

    def trend():
        rows = indicator_rows(staff, level="country")
        assert len(rows) == len(countries) * len(YEARS)

    figures = summary(timings_ms(trend, repeat=5, warmup=1))
    out.figure("all countries x 10 years (500,000 records) p50", figures["p50"], "ms")

    client = Client()
    client.force_login(staff)

    def page():
        response = client.get("/gender/compare/", {"year": year})
        assert response.status_code == 200

    figures = summary(timings_ms(page, repeat=10, warmup=1))
    out.figure("GET /gender/compare/ (chart + table) p95", figures["p95"], "ms", target=1000)
    ratio = figures["p50"] / max(summary(timings_ms(comparison, repeat=5))["p50"], 0.001)
    out.line(f"page / query time ratio: {ratio:.2f}")
