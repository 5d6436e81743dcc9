"""Demo programmes drawn from the seed documents.

Real facts (from the seeds): the gender equality project (2022-2024, USD 750,000 from
the Government of Italy, its countries, partners and milestones), the April 2024
regional workshop and its four-day agenda, the 2024 UN Public Service Forum in
Incheon, UNPOG's 2006-2013 capacity development totals, and the 2023 headline
figures (9 projects, 30 workshops, over 13,000 people trained) with the country
results of that year.

Everything else is illustrative and flagged `is_illustrative`: the other eight
projects' titles and dates, how the 2023 events and head-counts are split, the
individual participants and the feedback. The 2023 Snapshot computes its figures
from these records like any other; nothing in it is typed in.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from capdev.core.models import Country, Organisation, SdgGoal, Theme
from capdev.core.services import organisation_upsert
from capdev.programmes import services
from capdev.programmes.models import (
    Activity,
    AgendaSession,
    Feedback,
    HeadCount,
    Milestone,
    Project,
    Resource,
    Result,
)
from capdev.programmes.selectors import snapshot_data

D = datetime.date
T = Activity.Type
GENDER_PROJECT = "women-leadership-public-institutions"
GENDER_PROJECT_URL = (
    "https://publicadministration.desa.un.org/projects/"
    "building-capacities-promoting-presence-and-leadership-women-within-public-institutions"
)


def _countries(*iso3: str) -> list[Country]:
    found = {c.iso3: c for c in Country.objects.filter(iso3__in=iso3)}
    return [found[code] for code in iso3 if code in found]


def _themes(*slugs: str) -> list[Theme]:
    return list(Theme.objects.filter(slug__in=slugs))


def _organisations() -> dict[str, Organisation]:
    un = Organisation.Type.UN_ENTITY
    for name, acronym in [
        ("United Nations Development Programme", "UNDP"),
        ("United Nations Economic Commission for Africa", "ECA"),
        ("United Nations Economic and Social Commission for Asia and the Pacific", "ESCAP"),
        ("UN Resident Coordinator Offices and UN Country Teams", "RCOs/UNCTs"),
        ("UN Women", "UN Women"),
        ("United Nations Project Office on Governance", "UNPOG"),
    ]:
        existing = Organisation.objects.filter(name=name).first()
        if existing is None:
            organisation_upsert(name=name, acronym=acronym, type=un)
    italy = Organisation.objects.filter(name="Government of Italy").first()
    if italy is None:
        italy = organisation_upsert(
            name="Government of Italy",
            type=Organisation.Type.DEVELOPMENT_PARTNER,
            country=Country.objects.filter(iso3="ITA").first(),
        )
    by_acronym = {o.acronym: o for o in Organisation.objects.exclude(acronym="")}
    by_acronym["ITALY"] = italy
    return by_acronym


def _project(code: str, many: dict, **fields) -> Project:
    project = Project.objects.filter(code=code).first()
    return services.project_save(project=project, code=code, many=many, **fields)


def _activity(title: str, start: datetime.date, end: datetime.date | None = None, **fields):
    many = {
        name: fields.pop(name)
        for name in ("participating_countries", "themes", "sdgs")
        if name in fields
    }
    activity = Activity.objects.filter(title=title, start_date=start).first()
    fields.setdefault("is_published", True)
    return services.activity_save(
        activity=activity, title=title, start_date=start, end_date=end or start, many=many, **fields
    )


def _headcounts(activity: Activity, rows: list[tuple[Country | None, int, int, int]]) -> None:
    """Replace the activity's head-counts: (country, women, men, sex not recorded)."""
    HeadCount.objects.filter(activity=activity).delete()
    for country, female, male, unknown in rows:
        if female + male + unknown:
            services.headcount_save(
                activity=activity, country=country, female=female, male=male, unknown=unknown
            )


def _split(total: int, women_share: float, rng: random.Random) -> tuple[int, int, int]:
    """An illustrative split of `total` into women, men and a few not recorded."""
    unknown = round(total * rng.uniform(0.0, 0.06))
    female = round((total - unknown) * women_share)
    return female, total - unknown - female, unknown


# --- The gender equality project (real) ----------------------------------------

MILESTONES = [
    (
        D(2022, 11, 1),
        None,
        "Global review of laws and policies, with a compilation of good practices",
    ),
    (
        D(2022, 12, 1),
        None,
        "Workshop validating the review of good practices, laws and organisational policies",
    ),
    (D(2023, 1, 1), None, "Online learning platform (Moodle) opened"),
    (
        D(2023, 3, 1),
        D(2023, 9, 30),
        "National reviews in Bhutan, Lao PDR and Senegal (Mauritius started in 2024)",
    ),
    (
        D(2023, 9, 1),
        None,
        "Capacity-building modules on gender equality in public administration online",
    ),
    (D(2023, 10, 1), None, "Capacity development workshops in Bhutan and Lao PDR"),
    (D(2023, 11, 1), None, "Capacity development workshops in Mauritius and Senegal"),
]

APRIL_2024_AGENDA = [
    # day, slot, title
    (0, "Morning", "Welcome and introduction to the workshop"),
    (0, "Morning", "Participants' introductions and group photo"),
    (0, "Afternoon", "Gender equality in public institutions"),
    (0, "Afternoon", "Country experiences"),
    (1, "Morning", "Country experiences (continued)"),
    (1, "Morning", "Gender action plans for public administration"),
    (1, "Afternoon", "Gender action plans in Bhutan and Lao PDR"),
    (1, "Afternoon", "Institutional and policy framework in public administration"),
    (2, "Morning", "Human resource policies and practices"),
    (2, "Morning", "HR policies and practices in Bhutan and Lao PDR; group work"),
    (2, "Afternoon", "Evidence and data-based analysis"),
    (2, "Afternoon", "Institutional and policy framework in Bhutan and Lao PDR; group work"),
    (3, "Morning", "Evidence and data-based analysis in Bhutan and Lao PDR; group work"),
    (3, "Morning", "Refining the action plans of Bhutan and Lao PDR"),
    (3, "Afternoon", "Group work on the action plans"),
    (3, "Afternoon", "Next steps and closing"),
]

# Illustrative participants of the April 2024 workshop (fictitious people).
APRIL_2024_PARTICIPANTS = [
    ("BTN", "Karma", "Choden", "female", "national", "senior", "Royal Civil Service Commission"),
    ("BTN", "Sonam", "Dorji", "male", "national", "middle", "Royal Civil Service Commission"),
    ("BTN", "Pema", "Yangzom", "female", "subnational", "middle", "Thimphu Dzongkhag"),
    ("BTN", "Dechen", "Wangmo", "female", "national", "professional", "Gender commission"),
    ("LAO", "Bounmy", "Sisouk", "female", "national", "senior", "Ministry of Home Affairs"),
    ("LAO", "Somphone", "Keola", "male", "national", "middle", "Ministry of Home Affairs"),
    ("LAO", "Vanida", "Phanthavong", "female", "subnational", "middle", "Vientiane province"),
    ("LAO", "Noy", "Inthavong", "female", "national", "professional", "Lao Women's Union"),
    ("KHM", "Sophea", "Chan", "female", "national", "senior", "Ministry of Civil Service"),
    ("VUT", "Grace", "Tari", "female", "national", "middle", "Public Service Commission"),
    ("SLB", "John", "Maeke", "male", "national", "middle", "Ministry of Public Service"),
]


def _gender_project(orgs: dict[str, Organisation]) -> Project:
    project = _project(
        GENDER_PROJECT,
        many={
            "donors": [orgs["ITALY"]],
            "partners": [
                orgs[a] for a in ("UNDP", "ECA", "ESCAP", "RCOs/UNCTs", "UN Women") if a in orgs
            ],
            "target_countries": _countries("BTN", "LAO", "MUS", "SEN"),
            "partnering_countries": _countries("KHM", "SLE", "SLB", "VUT", "ZMB"),
            "themes": _themes("gender-equality-public-administration", "institutional-capacity"),
            "sdgs": list(SdgGoal.objects.filter(number__in=[5, 16])),
        },
        title=(
            "Building capacities for promoting the presence and leadership of women "
            "within public institutions at national and local levels"
        ),
        summary=(
            "Helps governments prepare and carry out action plans that put gender equality "
            "at the centre of public administration, nationally and locally, and open the way "
            "for women to reach leadership posts in the public sector. Knowledge is shared "
            "between the target and partnering countries."
        ),
        objectives=(
            "1. Governments able to develop and implement an action plan for gender equality "
            "in public administration at national and local levels.\n"
            "2. Women's career progression to leadership positions promoted.\n"
            "3. Knowledge transferred and awareness raised across governments."
        ),
        budget=Decimal("750000"),
        currency="USD",
        start_date=D(2022, 1, 1),
        end_date=D(2024, 12, 31),
        status=Project.Status.ACTIVE,
        gender_marker=Project.GenderMarker.PRINCIPAL,
        website=GENDER_PROJECT_URL,
        is_published=True,
    )
    project.milestones.all().delete()
    for date, until, deliverable in MILESTONES:
        Milestone.objects.create(
            project=project,
            date=date,
            end_date=until,
            deliverable=deliverable,
            status=Milestone.Status.COMPLETED,
        )
    return project


def _gender_activities(project: Project, rng: random.Random) -> None:
    gender = _themes("gender-equality-public-administration")
    validation = _activity(
        "Workshop to validate the review of good practices, laws and policies for gender "
        "equality in the public sector",
        D(2022, 12, 8),
        type=T.WEBINAR,
        project=project,
        is_online=True,
        themes=gender,
        participating_countries=_countries("BTN", "LAO", "MUS", "SEN"),
    )
    for kind, title in [
        (Resource.Kind.EVENT_PAGE, "Event page"),
        (Resource.Kind.SUMMARY, "Summary"),
        (Resource.Kind.RECORDING, "Recording"),
    ]:
        Resource.objects.get_or_create(activity=validation, kind=kind, title=title)
    for number, date in ((1, D(2022, 12, 15)), (2, D(2023, 1, 23))):
        training = _activity(
            f"Training of national consultants on the analytical framework ({number})",
            date,
            type=T.TRAINING_OF_TRAINERS,
            project=project,
            is_online=True,
            themes=gender,
            participating_countries=_countries("BTN", "LAO", "MUS", "SEN"),
        )
        for kind, title in [
            (Resource.Kind.PRESENTATION, "UNDP presentation"),
            (Resource.Kind.PRESENTATION, "UN DESA presentation"),
            (Resource.Kind.RECORDING, "Recording"),
        ]:
            Resource.objects.get_or_create(activity=training, kind=kind, title=title)
        _headcounts(training, [(None, *_split(14, 0.7, rng))])
    for iso3, start in (("BTN", D(2023, 10, 9)), ("LAO", D(2023, 10, 16))):
        (country,) = _countries(iso3)
        workshop = _activity(
            f"National workshop on gender equality in public administration: {country.name}",
            start,
            start + datetime.timedelta(days=2),
            type=T.NATIONAL_TRAINING,
            project=project,
            host_country=country,
            participating_countries=[country],
            themes=gender,
        )
        _headcounts(workshop, [(country, *_split(rng.randint(35, 55), 0.65, rng))])
    for iso3, start, language in (
        ("MUS", D(2023, 11, 6), Activity.Language.ENGLISH),
        ("SEN", D(2023, 11, 20), Activity.Language.FRENCH),
    ):
        (country,) = _countries(iso3)
        workshop = _activity(
            f"National workshop on gender equality in public administration: {country.name}",
            start,
            start + datetime.timedelta(days=2),
            type=T.NATIONAL_TRAINING,
            project=project,
            host_country=country,
            participating_countries=[country],
            themes=gender,
            language=language,
        )
        _headcounts(workshop, [(country, *_split(rng.randint(35, 55), 0.6, rng))])

    april = _activity(
        "Promoting the presence and leadership of women within public institutions at the "
        "national and local levels in Asia and the Pacific: regional workshop",
        D(2024, 4, 22),
        D(2024, 4, 25),
        type=T.REGIONAL_WORKSHOP,
        project=project,
        participating_countries=_countries("BTN", "LAO", "KHM", "SLB", "VUT"),
        themes=gender,
        summary=(
            "Four days to review the draft action plans of Bhutan and Lao PDR for gender "
            "equality at all levels of public administration, exchange experience of what "
            "raises the presence and leadership of women, and build awareness of action "
            "planning for the national and subnational levels."
        ),
    )
    april.sessions.all().delete()
    for order, (day, slot, title) in enumerate(APRIL_2024_AGENDA):
        AgendaSession.objects.create(
            activity=april,
            date=D(2024, 4, 22) + datetime.timedelta(days=day),
            slot=slot,
            title=title,
            order=order,
        )
    opening = april.sessions.order_by("order").first()
    Resource.objects.get_or_create(
        activity=april,
        kind=Resource.Kind.PRESENTATION,
        title="Overview of the workshop objectives and programme",
        defaults={"session": opening},
    )
    for iso3, first, last, sex, level, seniority, organisation in APRIL_2024_PARTICIPANTS:
        services.participant_register(
            activity=april,
            email=f"{first}.{last}@example.org".lower(),
            first_name=first,
            last_name=last,
            sex=sex,
            country=_countries(iso3)[0],
            organisation=organisation,
            government_level=level,
            seniority=seniority,
        )
    # Some of them had attended their national workshop in October 2023: the same
    # e-mail address makes them the same people in every figure.
    for first, last in (("Karma", "Choden"), ("Bounmy", "Sisouk")):
        iso3 = "BTN" if first == "Karma" else "LAO"
        national = Activity.objects.get(
            project=project, host_country__iso3=iso3, start_date__year=2023
        )
        services.participant_register(
            activity=national,
            email=f"{first}.{last}@example.org".lower(),
            first_name=first,
            last_name=last,
            sex="female",
            country=_countries(iso3)[0],
        )

    forum = _activity(
        "2024 United Nations Public Service Forum: workshop on gender equality in public "
        "administration",
        D(2024, 6, 24),
        D(2024, 6, 26),
        type=T.INTERNATIONAL_CONFERENCE,
        project=project,
        city="Incheon",
        host_country=_countries("KOR")[0],
        themes=_themes(
            "gender-equality-public-administration",
            "public-service-innovation",
            "digital-government",
        ),
        summary=(
            "The Forum, organised by UN DESA with the Ministry of the Interior and Safety of "
            "the Republic of Korea under the theme of innovation amid global challenges, "
            "included a workshop on gender-inclusive leadership and public sector innovation, "
            "co-led by the UNDP Gender Equality Seal team and UN DESA."
        ),
        outcomes=(
            "Participants reviewed gender equality action plans and discussed political "
            "commitment, legal frameworks, mentoring, work-life balance and sex-disaggregated "
            "data. Countries of the project showed strong interest in the Gender Equality Seal "
            "for Public Institutions; the lessons collected will shape proposals to introduce it."
        ),
    )
    forum.sessions.all().delete()
    for day, title in [
        (0, "Opening ceremony"),
        (0, "Plenary: artificial intelligence and the future of government"),
        (1, "Workshops on digital sandboxes and AI for public sector innovation"),
        (1, "Workshop: gender-inclusive leadership and public sector innovation"),
        (2, "Plenary: revitalising global partnerships for sustainable development"),
        (2, "UN Public Service Awards ceremony"),
    ]:
        AgendaSession.objects.create(
            activity=forum, date=D(2024, 6, 24) + datetime.timedelta(days=day), title=title
        )


def _link_requests(project: Project) -> None:
    """Link the gender project to the demo's gender requests from its target countries."""
    from capdev.support.models import SupportRequest

    requests = SupportRequest.objects.filter(
        country__in=project.target_countries.all(),
        themes__slug="gender-equality-public-administration",
    ).distinct()
    project.linked_requests.add(*requests)


# --- UNPOG 2006-2013 (real totals, known only as aggregates) --------------------


def _unpog_history(orgs: dict[str, Organisation]) -> None:
    project = _project(
        "unpog-governance-2006-2013",
        many={"partners": [orgs["UNPOG"]] if "UNPOG" in orgs else []},
        title="UNPOG capacity development on governance and e-government, 2006-2013",
        summary=(
            "National training programmes, regional workshops and international conferences "
            "run by the United Nations Project Office on Governance in its first years, "
            "recorded by their totals."
        ),
        start_date=D(2006, 1, 1),
        end_date=D(2013, 12, 31),
        status=Project.Status.CLOSED,
        is_published=True,
    )
    for title, type_, events, countries, participants in [
        ("UNPOG national training programmes, 2006-2013", T.NATIONAL_TRAINING, 11, 11, 752),
        ("UNPOG regional workshops, 2006-2013", T.REGIONAL_WORKSHOP, 8, 70, 872),
        ("UNPOG international conferences, 2006-2013", T.INTERNATIONAL_CONFERENCE, 11, 94, 3144),
    ]:
        activity = _activity(
            title,
            D(2006, 1, 1),
            D(2013, 12, 31),
            type=type_,
            project=project,
            events_count=events,
            countries_count=countries,
            themes=_themes("effective-governance", "digital-government"),
        )
        _headcounts(activity, [(None, 0, 0, participants)])


# --- 2023: the year of the seed's Snapshot --------------------------------------

ILLUSTRATIVE_PROJECTS = [
    # code, title, start, end, targets, themes
    (
        "curriculum-governance-sdgs",
        "Curriculum on Governance for the SDGs: training of trainers",
        D(2021, 1, 1),
        D(2025, 12, 31),
        ["SLE", "PAK", "GUY"],
        ["changing-mindsets", "effective-governance", "public-service-innovation"],
    ),
    (
        "au-un-framework-africa",
        "Senior civil servants in Africa for the 2030 Agenda and Agenda 2063",
        D(2022, 1, 1),
        D(2024, 12, 31),
        [],
        ["effective-governance", "institutional-capacity"],
    ),
    (
        "caribbean-sids-innovation",
        "New mindsets for digital transformation and innovation in Caribbean SIDS",
        D(2023, 1, 1),
        D(2025, 6, 30),
        ["JAM", "BRB", "TTO", "LCA"],
        ["public-service-innovation", "digital-government", "changing-mindsets"],
    ),
    (
        "guyana-public-sector-transformation",
        "Public sector transformation in Guyana",
        D(2023, 1, 1),
        D(2024, 12, 31),
        ["GUY"],
        ["changing-mindsets", "data-governance", "strategic-foresight"],
    ),
    (
        "lao-service-delivery",
        "Innovation and effective service delivery in Lao PDR",
        D(2022, 6, 1),
        D(2024, 12, 31),
        ["LAO"],
        ["public-service-innovation", "digital-government"],
    ),
    (
        "foresight-sound-policymaking",
        "Strategic foresight for sound policymaking in Mauritius and Seychelles",
        D(2023, 1, 1),
        D(2024, 6, 30),
        ["MUS", "SYC"],
        ["strategic-foresight"],
    ),
    (
        "pakistan-changing-mindsets",
        "Changing mindsets for the SDGs in Pakistan",
        D(2023, 1, 1),
        D(2024, 12, 31),
        ["PAK"],
        ["changing-mindsets", "strategic-foresight"],
    ),
    (
        "clews-evidence-policy",
        "Evidence-based policy on climate, land, energy and water systems (CLEWS)",
        D(2021, 1, 1),
        D(2023, 12, 31),
        ["NAM"],
        ["effective-governance", "data-governance"],
    ),
]

# (project code, type, title, month, host ISO3 or None for online, participants, women share)
# Illustrative: the seed gives the year's totals, not the list of events.
EVENTS_2023 = [
    *[
        (
            "curriculum-governance-sdgs",
            T.TRAINING_OF_TRAINERS,
            f"Curriculum on Governance for the SDGs: training of trainers, {iso3}",
            month,
            iso3,
            people,
            0.5,
        )
        for iso3, month, people in [
            ("SLE", 3, 42),
            ("PAK", 4, 38),
            ("GUY", 5, 35),
            ("KEN", 6, 40),
            ("UGA", 8, 36),
            ("BGD", 10, 44),
        ]
    ],
    (
        "curriculum-governance-sdgs",
        T.NATIONAL_TRAINING,
        "CEPA principles workshop, Sierra Leone",
        7,
        "SLE",
        85,
        0.45,
    ),
    *[
        (
            "au-un-framework-africa",
            T.REGIONAL_WORKSHOP,
            f"Senior civil servants for Agenda 2030 and Agenda 2063: regional workshop {n}",
            month,
            host,
            104,
            0.42,
        )
        for n, month, host in [(1, 3, "ETH"), (2, 7, "MAR"), (3, 11, "ZAF")]
    ],
    (
        "caribbean-sids-innovation",
        T.REGIONAL_WORKSHOP,
        "Innovation mindsets in Caribbean SIDS: regional workshop 1",
        4,
        "BRB",
        60,
        0.6,
    ),
    (
        "caribbean-sids-innovation",
        T.REGIONAL_WORKSHOP,
        "Innovation mindsets in Caribbean SIDS: regional workshop 2",
        10,
        "TTO",
        55,
        0.6,
    ),
    *[
        (
            "guyana-public-sector-transformation",
            T.NATIONAL_TRAINING,
            f"Guyana public sector transformation: {topic}",
            month,
            "GUY",
            people,
            0.55,
        )
        for topic, month, people in [
            ("changing mindsets and systems thinking", 2, 70),
            ("data governance and digital government", 6, 65),
            ("strategic foresight and innovation", 9, 60),
        ]
    ],
    (
        "lao-service-delivery",
        T.NATIONAL_TRAINING,
        "Innovation in public service delivery, Lao PDR",
        5,
        "LAO",
        80,
        0.45,
    ),
    (
        "lao-service-delivery",
        T.NATIONAL_TRAINING,
        "One Door Service Centres: pilot training, Lao PDR",
        11,
        "LAO",
        75,
        0.5,
    ),
    (
        "foresight-sound-policymaking",
        T.NATIONAL_TRAINING,
        "Strategic foresight and climate scenarios, Mauritius",
        3,
        "MUS",
        45,
        0.55,
    ),
    (
        "foresight-sound-policymaking",
        T.NATIONAL_TRAINING,
        "Strategic foresight for government planners, Mauritius",
        9,
        "MUS",
        40,
        0.55,
    ),
    (
        "foresight-sound-policymaking",
        T.NATIONAL_TRAINING,
        "Foresight and systems thinking for strategic planning and SDG financing, Seychelles",
        5,
        "SYC",
        20,
        0.6,
    ),
    (
        "foresight-sound-policymaking",
        T.NATIONAL_TRAINING,
        "Foresight for permanent secretaries, chief executives and financial analysts, Seychelles",
        10,
        "SYC",
        222,
        0.5,
    ),
    (
        "pakistan-changing-mindsets",
        T.NATIONAL_TRAINING,
        "Mindsets for the SDGs at the National School of Public Policy, Pakistan",
        4,
        "PAK",
        120,
        0.35,
    ),
    (
        "pakistan-changing-mindsets",
        T.NATIONAL_TRAINING,
        "Strategic foresight for Chitral district, Pakistan",
        10,
        "PAK",
        45,
        0.3,
    ),
    (
        "clews-evidence-policy",
        T.NATIONAL_TRAINING,
        "CLEWS modelling for evidence-based decisions, Namibia",
        3,
        "NAM",
        40,
        0.5,
    ),
    (
        "clews-evidence-policy",
        T.REGIONAL_WORKSHOP,
        "CLEWS regional peer-learning workshop",
        8,
        "NAM",
        60,
        0.45,
    ),
    # Not workshops: online courses, webinars, forums, advisory missions.
    *[
        (
            "curriculum-governance-sdgs",
            T.ELEARNING,
            f"Online course: {course}",
            month,
            None,
            people,
            0.52,
        )
        for course, month, people in [
            ("Changing mindsets in public institutions", 1, 2450),
            ("Digital government transformation", 2, 2010),
            ("Innovation in public service delivery", 3, 1420),
            ("Strategic foresight for the SDGs", 4, 1230),
            ("Data governance for the SDGs", 5, 1180),
            ("Systems thinking for policymakers", 6, 980),
            ("Effective governance principles in practice", 9, 850),
        ]
    ],
    *[
        ("curriculum-governance-sdgs", T.WEBINAR, f"Webinar: {topic}", month, None, people, 0.5)
        for topic, month, people in [
            ("behavioural science in the public sector", 2, 260),
            ("anticipatory governance", 5, 230),
            ("digital public infrastructure", 8, 210),
            ("trust in public institutions", 11, 190),
        ]
    ],
    (
        "caribbean-sids-innovation",
        T.INTERNATIONAL_CONFERENCE,
        "Global forum on data governance and digital transformation",
        6,
        "KOR",
        420,
        0.45,
    ),
    (
        "guyana-public-sector-transformation",
        T.ADVISORY_MISSION,
        "Advisory mission: inter-ministerial steering committee, Guyana",
        1,
        "GUY",
        0,
        0.5,
    ),
    (
        "lao-service-delivery",
        T.ADVISORY_MISSION,
        "Advisory mission: service delivery innovation, Lao PDR",
        2,
        "LAO",
        0,
        0.5,
    ),
]

RESULTS_2023 = [
    (
        "GUY",
        "guyana-public-sector-transformation",
        "An inter-ministerial steering committee for public sector transformation",
        "With DPIDG's support Guyana set up a steering committee across ministries to lead the "
        "transformation of its public sector; officials were trained in mindsets, data "
        "governance, digital government, systems thinking, foresight and innovation.",
    ),
    (
        "LAO",
        "lao-service-delivery",
        "Commitment to a steering committee and pilot digital One Door Service Centres",
        "The government committed to an inter-ministerial steering committee for innovation and "
        "effective service delivery and opened its first pilot digital One Door Service Centres.",
    ),
    (
        "MUS",
        "foresight-sound-policymaking",
        "Stronger capacity for strategic foresight",
        "Government teams now build scenarios on critical questions such as climate change.",
    ),
    (
        "PAK",
        "pakistan-changing-mindsets",
        "Mindsets toolkit in the curriculum of the National School of Public Policy",
        "Future public servants learn the mindsets and behaviours the SDGs require; the district "
        "of Chitral is strengthening its strategic foresight.",
    ),
    (
        "NAM",
        "clews-evidence-policy",
        "A national roadmap for evidence-based decisions on climate, land, energy and water",
        "Namibia adopted a roadmap to institutionalise CLEWS-based decision-making.",
    ),
    (
        "SYC",
        "foresight-sound-policymaking",
        "Foresight and systems thinking in strategic planning",
        "Officials of the finance ministry and senior leaders were trained; the Minister of "
        "Finance intends to extend the approach to Cabinet and Parliament.",
    ),
    (
        "SLE",
        "curriculum-governance-sdgs",
        "Consultations on an efficient, effective and inclusive public service",
        "After the 2023 workshop on the CEPA principles, the Minister of Public Administration "
        "and Political Affairs convened consultations that recommended how to revamp the "
        "civil service.",
    ),
]

QUOTES_2023 = [
    (
        "Participant, ministry of public service, Sierra Leone",
        "The principles gave us a shared language to plan the reform of our civil service.",
    ),
    (
        "Participant, planning ministry, Seychelles",
        "Thinking in scenarios changed how our team prepares the budget discussions.",
    ),
    (
        "Participant, Ministry of Home Affairs, Lao PDR",
        "We left with a concrete plan for our first service centres and people to call on.",
    ),
]


def _year_2023(rng: random.Random) -> None:
    projects = {}
    for code, title, start, end, targets, themes in ILLUSTRATIVE_PROJECTS:
        projects[code] = _project(
            code,
            many={"target_countries": _countries(*targets), "themes": _themes(*themes)},
            title=title,
            start_date=start,
            end_date=end,
            status=Project.Status.ACTIVE if end.year > 2023 else Project.Status.CLOSED,
            is_published=True,
            is_illustrative=True,
        )
    africa = list(Country.objects.filter(region="Africa").order_by("name")[:40])
    for index, (code, type_, title, month, host, people, women) in enumerate(EVENTS_2023):
        project = projects[code]
        start = D(2023, month, 6 + index % 15)
        host_country = _countries(host)[0] if host else None
        online = host is None
        duration = 0 if online else (2 if type_ != T.TRAINING_OF_TRAINERS else 4)
        if project.code == "au-un-framework-africa":
            countries = africa
        else:
            countries = [host_country] if host_country else list(project.target_countries.all())
        activity = _activity(
            title,
            start,
            start + datetime.timedelta(days=duration),
            type=type_,
            project=project,
            host_country=host_country,
            is_online=online,
            participating_countries=countries,
            themes=list(project.themes.all()),
            is_illustrative=True,
        )
        if not people:
            _headcounts(activity, [])
        elif project.code == "au-un-framework-africa":
            # Spread each workshop's participants over the African countries taking part.
            share, extra = divmod(people, len(countries))
            rows = []
            for n, country in enumerate(countries):
                count = share + (1 if n < extra else 0)
                female = round(count * women)
                rows.append((country, female, count - female, 0))
            _headcounts(activity, rows)
        elif online:
            _headcounts(activity, [(None, *_split(people, women, rng))])
        else:
            _headcounts(activity, [(host_country, *_split(people, women, rng))])

    Result.objects.filter(year=2023, is_featured=True).delete()
    for iso3, code, title, description in RESULTS_2023:
        Result.objects.create(
            project=projects[code],
            country=_countries(iso3)[0],
            year=2023,
            type=Result.Type.OUTCOME,
            title=title,
            description=description,
            is_featured=True,
        )
    sierra_leone = Activity.objects.get(title="CEPA principles workshop, Sierra Leone")
    seychelles = Activity.objects.get(title__startswith="Foresight and systems thinking")
    lao = Activity.objects.get(title="One Door Service Centres: pilot training, Lao PDR")
    Feedback.objects.filter(activity__in=[sierra_leone, seychelles, lao]).delete()
    for activity, (role, text) in zip([sierra_leone, seychelles, lao], QUOTES_2023, strict=True):
        for n in range(12):
            services.feedback_submit(
                activity=activity,
                relevance=rng.choice([4, 5, 5]),
                quality=rng.choice([4, 4, 5]),
                usefulness=rng.choice([3, 4, 5]),
                comment=text if n == 0 else "",
                quote_name="Participant (illustrative quote)" if n == 0 else "",
                quote_role=role if n == 0 else "",
                may_quote=n == 0,
            )
        services.feedback_feature(
            feedback=activity.feedback.exclude(comment="").get(), featured=True
        )


@transaction.atomic
def load(stdout) -> None:
    rng = random.Random(2023)  # noqa: S311 - the same illustrative figures on every run
    orgs = _organisations()
    project = _gender_project(orgs)
    _gender_activities(project, rng)
    _link_requests(project)
    _unpog_history(orgs)
    _year_2023(rng)
    figures = snapshot_data(2023)
    stdout.write(
        f"programmes: {Project.objects.count()} projects, {Activity.objects.count()} activities; "
        f"Snapshot 2023: {figures['projects']['count']} projects, "
        f"{figures['activities']['workshops']} workshops, "
        f"{figures['people']['total']:,} people trained"
    )
