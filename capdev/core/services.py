"""Writes to reference data. Every loader is idempotent: run it again, get the same rows."""

import csv
from pathlib import Path
from xml.etree import ElementTree

import yaml
from django.db import transaction

from capdev.core.models import (
    CepaPrinciple,
    Country,
    Organisation,
    SdgGoal,
    SdgTarget,
    Theme,
)
from capdev.core.places import french_country_name

DATA_DIR = Path(__file__).resolve().parent / "data"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _upsert(model, rows: list[dict], *, unique_field: str) -> int:
    objects = [model(**row) for row in rows]
    update_fields = [key for key in rows[0] if key != unique_field]
    model.objects.bulk_create(
        objects, update_conflicts=True, unique_fields=[unique_field], update_fields=update_fields
    )
    return len(objects)


def read_m49(path: Path = DATA_DIR / "UNSD-m49-en.csv") -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [
            {
                "m49_code": row["M49 Code"],
                "iso2": row["ISO-alpha2 Code"],
                "iso3": row["ISO-alpha3 Code"],
                "name": row["Country or Area"],
                "name_fr": french_country_name(row["ISO-alpha2 Code"]),
                "region_code": row["Region Code"],
                "region": row["Region Name"],
                "sub_region_code": row["Sub-region Code"],
                "sub_region": row["Sub-region Name"],
                "intermediate_region_code": row["Intermediate Region Code"],
                "intermediate_region": row["Intermediate Region Name"],
                "is_ldc": row["Least Developed Countries (LDC)"].strip().lower() == "x",
                "is_lldc": row["Land Locked Developing Countries (LLDC)"].strip().lower() == "x",
                "is_sids": row["Small Island Developing States (SIDS)"].strip().lower() == "x",
            }
            for row in csv.DictReader(handle)
        ]


def read_iati_codelist(path: Path) -> list[dict]:
    """Codes with English and French names from an IATI codelist XML file."""
    items = []
    # Only the codelists shipped in core/data are parsed here, never user uploads.
    for item in ElementTree.parse(path).getroot().iter("codelist-item"):  # noqa: S314
        names = {n.get(_XML_LANG, "en"): (n.text or "").strip() for n in item.iterfind("name/*")}
        code = (item.findtext("code") or "").strip()
        items.append({"code": code, "en": names["en"], "fr": names.get("fr", "")})
    return items


def _sdg_rows() -> tuple[list[dict], list[tuple[str, dict]]]:
    goals = [
        {"number": int(item["code"]), "name": item["en"], "name_fr": item["fr"]}
        for item in read_iati_codelist(DATA_DIR / "UNSDG-Goals.xml")
    ]
    targets = []
    for item in read_iati_codelist(DATA_DIR / "UNSDG-Targets.xml"):
        goal, _dot, suffix = item["code"].partition(".")
        # Targets are numbered 1, 2, ... then lettered a, b, c for means of implementation.
        position = int(suffix) if suffix.isdigit() else 100 + ord(suffix.lower()) - ord("a")
        targets.append(
            (
                goal,
                {
                    "code": item["code"],
                    "name": item["en"],
                    "name_fr": item["fr"],
                    "position": position,
                },
            )
        )
    return goals, targets


@transaction.atomic
def reference_load() -> dict[str, int]:
    """Load or refresh countries and taxonomies from the files in core/data."""
    counts = {"countries": _upsert(Country, read_m49(), unique_field="m49_code")}

    goals, targets = _sdg_rows()
    counts["sdg_goals"] = _upsert(SdgGoal, goals, unique_field="number")
    goal_ids = dict(SdgGoal.objects.values_list("number", "id"))
    counts["sdg_targets"] = _upsert(
        SdgTarget,
        [{**row, "goal_id": goal_ids[int(goal)]} for goal, row in targets],
        unique_field="code",
    )

    taxonomies = yaml.safe_load((DATA_DIR / "taxonomies.yaml").read_text(encoding="utf-8"))
    counts["cepa_principles"] = _upsert(
        CepaPrinciple, taxonomies["cepa_principles"], unique_field="number"
    )
    counts["themes"] = _upsert(Theme, taxonomies["themes"], unique_field="slug")
    return counts


@transaction.atomic
def organisation_upsert(
    *, name: str, type: str, country: Country | None = None, acronym: str = "", website: str = ""
) -> Organisation:
    organisation, _created = Organisation.objects.update_or_create(
        name=name,
        country=country,
        defaults={"type": type, "acronym": acronym, "website": website},
    )
    return organisation
