"""Demo data: institutions of four countries, three years of illustrative workforce data,
and draft gender action plans for Bhutan and Lao PDR.

Every workforce figure here is invented (and flagged `illustrative`): it shows what
the dashboards do, it is not a statistic about any real institution.
"""

import random
from datetime import date
from decimal import Decimal

from capdev.accounts.models import User
from capdev.core.models import Country
from capdev.gender import services
from capdev.gender.models import (
    ActionPlan,
    GradeBand,
    GradeMapping,
    Institution,
    Level,
    Sector,
    WorkforceRecord,
)

YEARS = [2022, 2023, 2024]
N, S = Level.NATIONAL, Level.SUBNATIONAL

# name, acronym, level, sector, area, staff, starting share of women (%)
INSTITUTIONS = {
    "BTN": [
        ("Royal Civil Service Commission", "RCSC", N, Sector.CENTRAL, "", 160, 44),
        ("Ministry of Finance", "MoF", N, Sector.FINANCE, "", 900, 38),
        ("Ministry of Health", "MoH", N, Sector.HEALTH, "", 2400, 52),
        ("Thimphu Thromde", "", S, Sector.LOCAL, "Thimphu", 700, 35),
        ("Paro Dzongkhag Administration", "", S, Sector.LOCAL, "Paro", 420, 31),
    ],
    "LAO": [
        ("Ministry of Home Affairs", "MOHA", N, Sector.CENTRAL, "", 1200, 41),
        ("Ministry of Education and Sports", "MOES", N, Sector.EDUCATION, "", 3000, 49),
        ("Ministry of Finance", "MOF", N, Sector.FINANCE, "", 1500, 43),
        ("Vientiane Capital Administration", "", S, Sector.LOCAL, "Vientiane Capital", 900, 37),
        ("Luang Prabang Provincial Office", "", S, Sector.LOCAL, "Luang Prabang", 650, 30),
    ],
    "MUS": [
        (
            "Ministry of Public Service, Administrative and Institutional Reforms",
            "MPSAIR",
            N,
            Sector.CENTRAL,
            "",
            600,
            55,
        ),
        ("Ministry of Health and Wellness", "MOHW", N, Sector.HEALTH, "", 2600, 58),
        ("Municipal Council of Port Louis", "", S, Sector.LOCAL, "Port Louis", 800, 40),
        ("Rodrigues Regional Assembly", "RRA", S, Sector.CENTRAL, "Rodrigues", 500, 46),
    ],
    "SEN": [
        (
            "Ministère de la Fonction publique et de la Transformation du Secteur public",
            "MFPTSP",
            N,
            Sector.CENTRAL,
            "",
            700,
            33,
        ),
        ("Ministère de la Santé et de l'Action sociale", "MSAS", N, Sector.HEALTH, "", 2800, 45),
        ("Ville de Dakar", "", S, Sector.LOCAL, "Dakar", 1100, 29),
        ("Conseil départemental de Thiès", "", S, Sector.LOCAL, "Thiès", 450, 26),
    ],
}
# How the staff spread over the bands, and how much rarer women become going up.
BAND_SPREAD = {
    GradeBand.DECISION_MAKING: (0.02, 0.45),
    GradeBand.SENIOR: (0.06, 0.65),
    GradeBand.MIDDLE: (0.14, 0.85),
    GradeBand.PROFESSIONAL: (0.48, 1.05),
    GradeBand.SUPPORT: (0.30, 1.15),
}
BAND_PAY = {
    GradeBand.DECISION_MAKING: 4.2,
    GradeBand.SENIOR: 2.8,
    GradeBand.MIDDLE: 1.9,
    GradeBand.PROFESSIONAL: 1.3,
    GradeBand.SUPPORT: 0.8,
}
# Monthly base pay of the support band, in local currency (illustrative).
BASE_PAY = {"BTN": 18000, "LAO": 2500000, "MUS": 22000, "SEN": 180000}
GRADE_MAPPINGS = {
    "BTN": [
        ("EX", "decision_making"),
        ("ES", "senior"),
        ("P1", "middle"),
        ("P3", "professional"),
        ("S2", "support"),
    ],
    "LAO": [
        ("Grade VI", "decision_making"),
        ("Grade V", "senior"),
        ("Grade IV", "middle"),
        ("Grade III", "professional"),
        ("Grade I", "support"),
    ],
}


def _records(iso3, name, staff, share, rng):
    """Three years of figures per band, with women slowly gaining ground."""
    rows = []
    for offset, year in enumerate(YEARS):
        year_share = min(0.7, (share + offset * 1.2) / 100)
        for band, (spread, relative) in BAND_SPREAD.items():
            total = max(1, round(staff * spread * rng.uniform(0.9, 1.1)))
            women_share = min(0.9, year_share * relative * (1 + offset * 0.05))
            women = round(total * women_share)
            other = 1 if band == GradeBand.PROFESSIONAL and total > 200 else 0
            men = max(0, total - women - other)
            pay = BASE_PAY[iso3] * BAND_PAY[band]
            has_pay = not (band == GradeBand.DECISION_MAKING and offset == 0)  # missing data
            rows.append(
                {
                    "year": year,
                    "band": band,
                    "women": women,
                    "men": men,
                    "other": other,
                    "pay_women": Decimal(round(pay * rng.uniform(0.86, 0.98)))
                    if has_pay and women
                    else None,
                    "pay_men": Decimal(round(pay)) if has_pay and men else None,
                    "promoted_women": round(women * 0.06) if women else 0,
                    "promoted_men": round(men * 0.07) if men else 0,
                    "trained_women": round(women * rng.uniform(0.15, 0.3)),
                    "trained_men": round(men * rng.uniform(0.2, 0.35)),
                    "recruited_women": round(women * 0.05),
                    "recruited_men": round(men * 0.05),
                }
            )
    return rows


def _load_workforce(officer, countries, stdout):
    rng = random.Random(2024)  # noqa: S311 - the same invented figures on every run
    for iso3, institutions in INSTITUTIONS.items():
        country = countries[iso3]
        for name, acronym, level, sector, area, staff, share in institutions:
            institution = Institution.objects.filter(country=country, name=name).first()
            if institution is None:
                institution = services.institution_create(
                    user=officer,
                    name=name,
                    acronym=acronym,
                    country=country,
                    level=level,
                    sector=sector,
                    area=area,
                )
            for row in _records(iso3, name, staff, share, rng):
                year, band = row.pop("year"), row.pop("band")
                services.workforce_record_save(
                    user=officer,
                    institution=institution,
                    year=year,
                    band=band,
                    illustrative=True,
                    **row,
                )
        for local, band in GRADE_MAPPINGS.get(iso3, []):
            GradeMapping.objects.update_or_create(
                country=country, local_grade=local, defaults={"band": band}
            )
    stdout.write(f"workforce records (illustrative): {WorkforceRecord.objects.count()}")


PLANS = {
    "BTN": {
        "title": "Gender Action Plan for the Civil Service of Bhutan 2025-2028",
        "summary": (
            "Draft prepared with the Royal Civil Service Commission after the 2024 regional "
            "workshop. It aims at more women in executive and specialist positions, and at "
            "sex-disaggregated reporting by every agency."
        ),
        "objectives": [
            (
                "Measure and report gender gaps in every agency",
                [
                    (
                        "Add sex and grade to the annual civil service statistics",
                        "RCSC, HR Division",
                        date(2025, 1, 1),
                        date(2025, 9, 30),
                        8000,
                    ),
                    (
                        "Publish pay data by sex and position level",
                        "RCSC, HR Division",
                        date(2025, 7, 1),
                        date(2026, 6, 30),
                        5000,
                    ),
                ],
            ),
            (
                "Open the way to leadership for women",
                [
                    (
                        "Mentoring programme for women in the P1-P2 levels",
                        "RCSC, Civil Service Academy",
                        date(2025, 3, 1),
                        date(2027, 12, 31),
                        40000,
                    ),
                    (
                        "Gender-balanced selection panels for executive posts",
                        "RCSC",
                        date(2025, 1, 1),
                        date(2025, 12, 31),
                        2000,
                    ),
                ],
            ),
            (
                "Training opportunities at the subnational level",
                [
                    (
                        "Leadership modules on the learning platform for dzongkhag staff",
                        "Dzongkhag administrations",
                        date(2026, 1, 1),
                        date(2028, 6, 30),
                        25000,
                    ),
                ],
            ),
        ],
        "targets": [
            ("women_share_decision", "", 2024, None, 2028, 30.0),
            ("training_ratio", "", 2024, None, 2028, 1.0),
        ],
    },
    "LAO": {
        "title": "Action Plan on Gender Equality in the Public Administration of Lao PDR 2025-2028",
        "summary": (
            "Draft led by the Ministry of Home Affairs for national ministries and provincial "
            "offices. It extends parity provisions to the civil service and sets measurable "
            "targets, reported every year."
        ),
        "objectives": [
            (
                "Uniform reporting on measurable gender equality targets",
                [
                    (
                        "Annual gender report of each ministry and province",
                        "MOHA, Department of Civil Servants",
                        date(2025, 1, 1),
                        date(2025, 12, 31),
                        12000,
                    ),
                ],
            ),
            (
                "Equal pay and career progression",
                [
                    (
                        "Review grade and allowance rules for gender bias",
                        "MOHA, Legal Department",
                        date(2025, 4, 1),
                        date(2026, 3, 31),
                        15000,
                    ),
                    (
                        "Flexible working arrangements decree",
                        "MOHA",
                        date(2026, 1, 1),
                        date(2026, 12, 31),
                        None,
                    ),
                ],
            ),
        ],
        "targets": [
            ("women_share_decision", "", 2024, None, 2028, 25.0),
            ("pay_gap", "", 2024, None, 2028, 5.0),
        ],
    },
}


def _load_plans(officer, countries, stdout):
    from capdev.gender.metrics import indicator_rows

    for iso3, spec in PLANS.items():
        country = countries[iso3]
        if ActionPlan.objects.filter(country=country, title=spec["title"]).exists():
            continue
        plan = services.plan_create(
            user=officer,
            title=spec["title"],
            country=country,
            start_year=2025,
            end_year=2028,
            summary=spec["summary"],
        )
        for title, actions in spec["objectives"]:
            objective = services.objective_create(user=officer, plan=plan, title=title)
            for action, unit, start, end, budget in actions:
                services.action_create(
                    plan=plan,
                    objective=objective,
                    title=action,
                    user=officer,
                    responsible_unit=unit,
                    start_date=start,
                    end_date=end,
                    budget=Decimal(budget) if budget else None,
                )
        baseline = {
            r["year"]: r for r in indicator_rows(officer, level="country", countries=[iso3])
        }
        for code, band, base_year, _value, target_year, target in spec["targets"]:
            value = baseline.get(base_year, {}).get(code)
            services.target_create(
                user=officer,
                plan=plan,
                indicator=code,
                band=band,
                baseline_year=base_year,
                baseline_value=round(value if value is not None else 0.0, 1),
                target_year=target_year,
                target_value=target,
            )
    stdout.write(f"action plans: {ActionPlan.objects.count()}")


def load(stdout) -> None:
    officer = User.objects.filter(email="officer@demo.capdev.org").first()
    if officer is None:
        stdout.write("gender: no demo officer; skipped")
        return
    countries = {c.iso3: c for c in Country.objects.filter(iso3__in=list(INSTITUTIONS))}
    _load_workforce(officer, countries, stdout)
    _load_plans(officer, countries, stdout)
    # Open one year of every country's figures to the public, as an officer would.
    for country in countries.values():
        services.year_publish(user=officer, country=country, year=2023)
