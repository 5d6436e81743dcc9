"""Demo library: six short documents written for CapDev from the programme's facts."""

from pathlib import Path

from capdev.core.models import Country
from capdev.library.models import Document
from capdev.library.services import document_ingest

DEMO_DIR = Path(__file__).resolve().parent / "demo_docs"

DOCUMENTS = [
    (
        "project-brief-women-in-public-institutions.md",
        "Project brief: women's presence and leadership in public institutions",
        Document.Type.REPORT,
        None,
        2022,
        "gender, project, action plan",
    ),
    (
        "regional-workshop-april-2024.md",
        "Regional workshop on women's leadership, Asia and the Pacific, April 2024",
        Document.Type.REPORT,
        None,
        2024,
        "gender, workshop, Bhutan, Lao PDR",
    ),
    (
        "public-service-forum-2024.html",
        "2024 UN Public Service Forum: towards a gender-inclusive public service",
        Document.Type.NEWS,
        "KOR",
        2024,
        "forum, gender, innovation",
    ),
    (
        "dpidg-capacity-development-2023.md",
        "Capacity development in 2023: the Division's year",
        Document.Type.REPORT,
        None,
        2023,
        "snapshot, Quintet of Change",
    ),
    (
        "unpog-review.md",
        "UNPOG: a review of the UN Project Office on Governance",
        Document.Type.PRESENTATION,
        "KOR",
        2021,
        "UNPOG, digital government",
    ),
    (
        "lao-pdr-country-note.md",
        "Country note: Lao PDR",
        Document.Type.NATIONAL_REVIEW,
        "LAO",
        2024,
        "Lao PDR, gender, digital government",
    ),
]


def load(stdout) -> None:
    countries = {c.iso3: c for c in Country.objects.filter(iso3__in=["KOR", "LAO"])}
    for filename, title, kind, iso3, year, tags in DOCUMENTS:
        result = document_ingest(
            data=(DEMO_DIR / filename).read_bytes(),
            filename=filename,
            title=title,
            type=kind,
            country=countries.get(iso3) if iso3 else None,
            year=year,
            tags=tags,
        )
        if not result.ok:
            stdout.write(f"  {filename}: {result.message}")
    stdout.write(f"documents: {Document.objects.count()}")
