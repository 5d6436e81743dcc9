"""Demo assessments: Bhutan, Lao PDR, Mauritius and Senegal, some over two years.

The answers are illustrative, generated from a fixed profile per country so that
every run gives the same results; they describe no real government.
"""

import hashlib

from django.core.files.base import ContentFile

from capdev.accounts.models import User
from capdev.assessments import services
from capdev.assessments.models import Assessment, Framework
from capdev.assessments.scoring import iter_criteria
from capdev.core.models import Country

# A tiny valid PDF standing in for the evidence files a real assessment attaches.
EVIDENCE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
GENDER = "gender-equality-public-institutions"
DIGITAL = "digital-government-readiness"
CEPA = "cepa-principles"

# framework, country, year, institution, maturity (0 to 1), final status, published
PLAN = [
    (GENDER, "BTN", 2023, "Royal Civil Service Commission", 0.55, "validated", True),
    (GENDER, "BTN", 2025, "Royal Civil Service Commission", 0.78, "validated", True),
    (GENDER, "LAO", 2023, "Ministry of Home Affairs", 0.45, "validated", True),
    (GENDER, "LAO", 2025, "Ministry of Home Affairs", 0.64, "validated", True),
    (GENDER, "MUS", 2024, "", 0.72, "validated", True),
    (GENDER, "SEN", 2024, "", 0.6, "validated", True),
    (DIGITAL, "BTN", 2024, "", 0.7, "validated", True),
    (DIGITAL, "MUS", 2024, "", 0.85, "validated", True),
    (DIGITAL, "SEN", 2024, "", 0.62, "validated", True),
    (DIGITAL, "LAO", 2024, "", 0.4, "validated", True),
    (CEPA, "SEN", 2023, "", 0.5, "validated", True),
    (CEPA, "SEN", 2025, "", 0.63, "validated", True),
    (CEPA, "MUS", 2025, "", 0.7, "validated", False),
    (DIGITAL, "BTN", 2026, "", 0.75, "submitted", False),
    (GENDER, "LAO", 2026, "Ministry of Home Affairs", 0.7, "draft", False),
]


def _answer(framework: Framework, criterion: dict, maturity: float, key: str) -> str:
    """An answer option near `maturity`, varied by a stable hash of the criterion."""
    options = [o for o in framework.scales[criterion["scale"]] if not o.get("not_applicable")]
    options = [o for o in options if o.get("score") is not None]
    options.sort(key=lambda o: o["score"])
    digest = hashlib.sha256(f"{key}:{criterion['code']}".encode()).digest()
    jitter = (digest[0] / 255 - 0.5) * 0.5
    target = min(1.0, max(0.0, maturity + jitter))
    return str(min(options, key=lambda o: abs(o["score"] - target))["value"])


def _fill(assessment: Assessment, officer, maturity: float, *, complete: bool) -> None:
    framework = assessment.framework
    key = f"{assessment.country.iso3}{assessment.year}{framework.slug}"
    answers = {}
    for index, (_d, _b, criterion) in enumerate(iter_criteria(framework.definition)):
        if complete or index % 2 == 0:
            answers[str(criterion["code"])] = _answer(framework, criterion, maturity, key)
    services.assessment_answer(user=officer, assessment=assessment, answers=answers)
    if not complete:
        return
    for criterion in framework.criteria.filter(evidence="required"):
        services.evidence_add(
            user=officer,
            assessment=assessment,
            criterion=criterion,
            file=ContentFile(EVIDENCE_PDF, name=f"evidence-{criterion.code}.pdf"),
            description="Illustrative demo file",
        )


def load(stdout) -> None:
    for outcome in services.frameworks_load():
        stdout.write(f"framework {outcome.slug}: version {outcome.version}")
    officer = User.objects.filter(email="officer@demo.capdev.org").first()
    if officer is None:
        stdout.write("assessments: no demo officer; skipped")
        return
    countries = {c.iso3: c for c in Country.objects.filter(iso3__in=["BTN", "LAO", "MUS", "SEN"])}
    created = 0
    for slug, iso3, year, institution, maturity, status, published in PLAN:
        framework = Framework.objects.get(slug=slug, is_current=True)
        exists = Assessment.objects.filter(
            framework__slug=slug, country=countries[iso3], year=year, institution_name=institution
        ).exists()
        if exists:
            continue
        assessment = services.assessment_create(
            user=officer,
            framework=framework,
            country=countries[iso3],
            year=year,
            institution_name=institution,
        )
        _fill(assessment, officer, maturity, complete=status != "draft")
        if status in {"submitted", "validated"}:
            services.assessment_submit(user=officer, assessment=assessment)
        if status == "validated":
            services.assessment_validate(
                user=officer, assessment=assessment, comment="Checked against the evidence."
            )
        if published:
            services.assessment_publish(user=officer, assessment=assessment)
        created += 1
    stdout.write(f"assessments: {Assessment.objects.count()} ({created} new)")
