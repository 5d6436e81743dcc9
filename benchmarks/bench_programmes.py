"""Programmes: the Capacity Development Snapshot over 1,000,000 participations.

Builds 250,000 people, 2,500 activities over five years (2019-2023) with 1,000,000
individual participations and 10,000 head-count rows, inserted in bulk with plain
SQL, then times the Snapshot's figures for the busiest year and its PDF.
Targets (issue 4): Snapshot data under 2 s, PDF under 10 s.
"""

import datetime
import random
import statistics
import time

from django.db import connection, transaction

from capdev.core.models import Country
from capdev.programmes.models import Activity, HeadCount, Participation, Person, Project
from capdev.programmes.selectors import snapshot_data
from capdev.programmes.snapshot import render_snapshot_pdf

PEOPLE = 250_000
ACTIVITIES = 2_500
PARTICIPATIONS = 1_000_000
HEADCOUNTS = 10_000
YEARS = [2019, 2020, 2021, 2022, 2023]
BATCH = 50_000


def _wipe() -> None:
    with connection.cursor() as cursor:
        for model in (Participation, HeadCount, Person):
            cursor.execute(f"DELETE FROM {model._meta.db_table}")  # noqa: S608 - our table names
        for through in (
            Activity.participating_countries.through,
            Activity.themes.through,
            Activity.sdgs.through,
            Activity.organisers.through,
        ):
            cursor.execute(f"DELETE FROM {through._meta.db_table}")  # noqa: S608
        Activity.objects.all().delete()
        Project.objects.all().delete()


def _insert(table: str, columns: list[str], rows) -> None:
    placeholders = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"  # noqa: S608
    with connection.cursor() as cursor:
        batch = []
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def _build(rng: random.Random) -> None:
    countries = list(Country.objects.values_list("pk", flat=True))[:150]
    sexes = ["female"] * 48 + ["male"] * 48 + ["other"] + ["unknown"] * 3
    projects = [
        Project.objects.create(
            code=f"bench-{n}",
            title=f"Benchmark project {n}",
            start_date=datetime.date(YEARS[0] + n % 5, 1, 1),
            end_date=datetime.date(YEARS[0] + n % 5 + 2, 12, 31),
        )
        for n in range(40)
    ]
    types = [value for value, _label in Activity.Type.choices]
    activities = Activity.objects.bulk_create(
        Activity(
            title=f"Benchmark activity {n}",
            type=types[n % len(types)],
            project=projects[n % len(projects)],
            start_date=datetime.date(YEARS[n % len(YEARS)], 1 + n % 12, 1 + n % 28),
            end_date=datetime.date(YEARS[n % len(YEARS)], 1 + n % 12, 1 + n % 28),
            host_country_id=countries[n % len(countries)],
        )
        for n in range(ACTIVITIES)
    )
    activity_ids = [a.pk for a in activities]
    through = Activity.participating_countries.through
    through.objects.bulk_create(
        through(activity_id=pk, country_id=countries[(i * 7 + k) % len(countries)])
        for i, pk in enumerate(activity_ids)
        for k in range(3)
    )

    person_sex = [rng.choice(sexes) for _ in range(PEOPLE)]
    person_country = [rng.choice(countries) for _ in range(PEOPLE)]
    _insert(
        Person._meta.db_table,
        ["id", "email", "first_name", "last_name", "sex", "country_id"],
        (
            (n + 1, f"person{n}@bench.example.org", "", "", person_sex[n], person_country[n])
            for n in range(PEOPLE)
        ),
    )
    now = datetime.datetime.now(datetime.UTC)
    seen: set[int] = set()

    def participations():
        while len(seen) < PARTICIPATIONS:
            person = rng.randrange(PEOPLE)
            activity = activity_ids[rng.randrange(ACTIVITIES)]
            key = activity * PEOPLE + person
            if key in seen:
                continue
            seen.add(key)
            yield (
                activity,
                person + 1,
                person_sex[person],
                person_country[person],
                "",
                "national",
                "",
                "",
                rng.random() > 0.05,
                False,
                now,
            )

    _insert(
        Participation._meta.db_table,
        [
            "activity_id",
            "person_id",
            "sex",
            "country_id",
            "organisation",
            "government_level",
            "seniority",
            "position",
            "attended",
            "certificate_issued",
            "registered_at",
        ],
        participations(),
    )
    _insert(
        HeadCount._meta.db_table,
        ["activity_id", "country_id", "female", "male", "other", "unknown", "note"],
        (
            (
                activity_ids[rng.randrange(ACTIVITIES)],
                rng.choice([*countries, None]),
                rng.randrange(0, 40),
                rng.randrange(0, 40),
                0,
                rng.randrange(1, 5),
                "",
            )
            for _ in range(HEADCOUNTS)
        ),
    )


def run(out) -> None:
    rng = random.Random(4)  # reproducible synthetic data
    started = time.perf_counter()
    with transaction.atomic():
        _wipe()
        _build(rng)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    built = time.perf_counter() - started
    out.figure(
        f"bulk insert {PEOPLE:,} people, {PARTICIPATIONS:,} participations, "
        f"{HEADCOUNTS:,} head-counts",
        built,
        "s",
    )
    out.line(f"insert rate: {PARTICIPATIONS / built:,.0f} participations/s")
    year = YEARS[-1]
    samples, data = [], None
    for _ in range(3):
        began = time.perf_counter()
        data = snapshot_data(year)
        samples.append(time.perf_counter() - began)
    seconds = statistics.median(samples)
    people = data["people"]
    out.line(
        f"Snapshot {year}: {data['activities']['events']:,} activities, "
        f"{people['participations']:,} participations, {people['total']:,} people trained "
        f"({people['individuals']:,} distinct individuals + {people['headcount']:,} "
        f"head-counted), {data['countries']['count']} countries"
    )
    out.figure(f"snapshot_data({year}) median of 3", seconds, "s", target=2)
    out.line(f"ratio to target: {seconds / 2:.2f}")
    began = time.perf_counter()
    pdf = render_snapshot_pdf(year)
    pdf_seconds = time.perf_counter() - began
    out.figure(f"Snapshot {year} PDF ({len(pdf) // 1024} KiB)", pdf_seconds, "s", target=10)
    out.line(f"ratio to target: {pdf_seconds / 10:.2f}")
