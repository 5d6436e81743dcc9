"""About 60 Member States' requests, 2019 to 2026, with their workflow history and comments.

Countries and themes follow the programme's documents (Bhutan, Lao PDR, Mauritius,
Senegal, Guyana, Pakistan, Namibia, Seychelles, Sierra Leone, …); the wording is ours.
The Lao PDR requests are submitted by the Lao focal point, the Bhutan ones by the
Bhutan focal point, so each sees their own in the demo. Idempotent: a request with the
same country and title is not created twice.
"""

import datetime as dt
import random

from django.utils import timezone

from capdev.accounts.models import User
from capdev.core.models import CepaPrinciple, Country, SdgGoal, Theme
from capdev.support.models import SupportRequest, SupportType
from capdev.support.services import (
    request_comment_add,
    request_create,
    request_transition,
    support_types_ensure,
)
from capdev.support.workflow import PATH_TO

S = SupportRequest.Status

# iso3, year, title, organisation, themes, support types, SDGs, CEPA principles
REQUESTS = [
    (
        "LAO",
        2019,
        "Pilot one door service centres in two provinces",
        "Ministry of Home Affairs",
        ["public-service-innovation", "digital-government"],
        ["advisory", "training"],
        [16],
        [6],
    ),
    (
        "LAO",
        2021,
        "Inter-ministerial steering committee for service delivery innovation",
        "Ministry of Home Affairs",
        ["public-service-innovation", "effective-governance"],
        ["advisory"],
        [16, 17],
        [3],
    ),
    (
        "LAO",
        2023,
        "Gender action plan for the civil service",
        "Ministry of Home Affairs",
        ["gender-equality-public-administration"],
        ["advisory", "peer-exchange"],
        [5, 16],
        [9],
    ),
    (
        "LAO",
        2024,
        "Workforce data by sex and grade for provincial administrations",
        "Department of Civil Service Management",
        ["gender-equality-public-administration", "data-governance"],
        ["research", "training"],
        [5],
        [9],
    ),
    (
        "LAO",
        2025,
        "Digital skills for district officials",
        "Ministry of Technology and Communications",
        ["digital-government", "quintet-digital"],
        ["training"],
        [9, 16],
        [2],
    ),
    (
        "LAO",
        2026,
        "Changing mindsets module for the national school of administration",
        "National Academy of Politics and Public Administration",
        ["changing-mindsets", "quintet-behavioural-science"],
        ["toolkit", "training"],
        [4, 16],
        [2],
    ),
    (
        "BTN",
        2020,
        "Review of recruitment and promotion rules from a gender perspective",
        "Royal Civil Service Commission",
        ["gender-equality-public-administration", "institutional-capacity"],
        ["research"],
        [5],
        [9],
    ),
    (
        "BTN",
        2022,
        "Gender equality action plan for the civil service",
        "Royal Civil Service Commission",
        ["gender-equality-public-administration"],
        ["advisory", "training"],
        [5, 16],
        [9],
    ),
    (
        "BTN",
        2024,
        "Leadership programme for women in the civil service",
        "Royal Civil Service Commission",
        ["gender-equality-public-administration", "institutional-capacity"],
        ["training", "peer-exchange"],
        [5],
        [9, 2],
    ),
    (
        "BTN",
        2025,
        "Data governance framework for civil service records",
        "Royal Civil Service Commission",
        ["data-governance", "quintet-data"],
        ["advisory"],
        [16],
        [4],
    ),
    (
        "BTN",
        2026,
        "Foresight scenarios for the public service in 2040",
        "Cabinet Secretariat",
        ["strategic-foresight", "quintet-foresight"],
        ["training"],
        [16],
        [5],
    ),
    (
        "MUS",
        2019,
        "Strategic foresight training for senior planners",
        "Ministry of Public Service",
        ["strategic-foresight", "quintet-foresight"],
        ["training"],
        [13, 16],
        [5],
    ),
    (
        "MUS",
        2021,
        "Climate change scenarios for national development planning",
        "Ministry of Finance and Economic Development",
        ["strategic-foresight"],
        ["advisory", "training"],
        [13],
        [5],
    ),
    (
        "MUS",
        2023,
        "Gender-responsive human resource policies",
        "Ministry of Public Service",
        ["gender-equality-public-administration"],
        ["advisory"],
        [5],
        [9],
    ),
    (
        "MUS",
        2025,
        "Integrated e-services portal assessment",
        "Ministry of Information Technology",
        ["digital-government", "e-government-survey"],
        ["research"],
        [9, 16],
        [4],
    ),
    (
        "SEN",
        2019,
        "Formation des formateurs en gouvernance pour les ODD",
        "Ministère de la Fonction publique",
        ["effective-governance"],
        ["training"],
        [16],
        [1],
    ),
    (
        "SEN",
        2020,
        "Stratégie de transformation numérique de l'administration",
        "Ministère de la Fonction publique",
        ["digital-government", "quintet-digital"],
        ["advisory"],
        [9, 16],
        [4],
    ),
    (
        "SEN",
        2022,
        "Égalité des genres dans la fonction publique",
        "Ministère de la Fonction publique",
        ["gender-equality-public-administration"],
        ["research", "advisory"],
        [5],
        [9],
    ),
    (
        "SEN",
        2024,
        "Localisation des ODD dans les collectivités territoriales",
        "Ministère des Collectivités territoriales",
        ["sdg-localization"],
        ["training", "peer-exchange"],
        [11, 16],
        [11],
    ),
    (
        "SEN",
        2026,
        "Innovation dans la prestation des services publics",
        "Ministère de la Fonction publique",
        ["public-service-innovation"],
        ["toolkit"],
        [16],
        [6],
    ),
    (
        "GUY",
        2020,
        "Inter-ministerial steering committee for public sector transformation",
        "Office of the Prime Minister",
        ["effective-governance", "public-service-innovation"],
        ["advisory"],
        [16, 17],
        [3],
    ),
    (
        "GUY",
        2022,
        "Training on changing mindsets and systems thinking",
        "Public Service Ministry",
        ["changing-mindsets", "quintet-behavioural-science"],
        ["training"],
        [16],
        [2],
    ),
    (
        "GUY",
        2024,
        "Data governance and digital government workshop",
        "Ministry of Public Service",
        ["data-governance", "digital-government"],
        ["training"],
        [16, 9],
        [4],
    ),
    (
        "PAK",
        2021,
        "Mindsets toolkit in the national public policy curriculum",
        "National School of Public Policy",
        ["changing-mindsets"],
        ["toolkit", "training"],
        [4, 16],
        [2],
    ),
    (
        "PAK",
        2023,
        "Strategic foresight for the Chitral district administration",
        "Government of Khyber Pakhtunkhwa",
        ["strategic-foresight", "sdg-localization"],
        ["training", "advisory"],
        [11, 16],
        [5],
    ),
    (
        "PAK",
        2025,
        "Behavioural insights unit for public services",
        "Planning Commission",
        ["quintet-behavioural-science", "public-service-innovation"],
        ["advisory"],
        [16],
        [6],
    ),
    (
        "NAM",
        2019,
        "Roadmap for evidence-based climate, land, energy and water planning",
        "National Planning Commission",
        ["strategic-foresight", "data-governance"],
        ["advisory", "training"],
        [6, 7, 13],
        [5],
    ),
    (
        "NAM",
        2022,
        "Peer learning on integrated resource modelling",
        "National Planning Commission",
        ["data-governance"],
        ["peer-exchange"],
        [7, 13],
        [4],
    ),
    (
        "NAM",
        2025,
        "Public sector innovation lab",
        "Office of the Prime Minister",
        ["public-service-innovation", "quintet-innovation"],
        ["advisory", "study-tour"],
        [16],
        [6],
    ),
    (
        "SYC",
        2021,
        "Foresight and systems thinking for strategic planning and SDG financing",
        "Ministry of Finance, National Planning and Trade",
        ["strategic-foresight", "quintet-foresight"],
        ["training"],
        [16, 17],
        [5],
    ),
    (
        "SYC",
        2023,
        "Training of trainers for permanent secretaries",
        "Ministry of Finance, National Planning and Trade",
        ["strategic-foresight", "institutional-capacity"],
        ["training"],
        [16, 17],
        [5],
    ),
    (
        "SYC",
        2026,
        "Foresight briefings for Cabinet and Parliament",
        "Ministry of Finance, National Planning and Trade",
        ["strategic-foresight"],
        ["advisory"],
        [16],
        [5],
    ),
    (
        "SLE",
        2022,
        "Applying the CEPA principles to civil service reform",
        "Ministry of Public Administration and Political Affairs",
        ["effective-governance", "institutional-capacity"],
        ["training", "advisory"],
        [16],
        [1, 2],
    ),
    (
        "SLE",
        2023,
        "Multi-stakeholder consultations on an efficient and inclusive public service",
        "Ministry of Public Administration and Political Affairs",
        ["participation-engagement", "effective-governance"],
        ["advisory"],
        [16],
        [9, 10],
    ),
    (
        "SLE",
        2025,
        "Competency framework for civil servants",
        "Human Resource Management Office",
        ["institutional-capacity"],
        ["toolkit"],
        [16],
        [2],
    ),
    (
        "ETH",
        2020,
        "Digital government strategy review",
        "Ministry of Innovation and Technology",
        ["digital-government"],
        ["research", "advisory"],
        [9, 16],
        [4],
    ),
    (
        "ETH",
        2023,
        "Curriculum on governance for the SDGs for regional states",
        "Ethiopian Civil Service University",
        ["effective-governance"],
        ["training", "toolkit"],
        [16],
        [1],
    ),
    (
        "ETH",
        2026,
        "Anti-corruption risk assessment in public procurement",
        "Federal Ethics and Anti-Corruption Commission",
        ["transparency-accountability"],
        ["research"],
        [16],
        [7],
    ),
    (
        "TON",
        2021,
        "E-government readiness assessment",
        "Prime Minister's Office",
        ["digital-government", "e-government-survey"],
        ["research"],
        [9, 16],
        [4],
    ),
    (
        "TON",
        2024,
        "Innovation in public services for small island States",
        "Public Service Commission",
        ["public-service-innovation", "quintet-innovation"],
        ["training", "peer-exchange"],
        [16, 17],
        [6],
    ),
    (
        "KHM",
        2020,
        "Women in leadership positions in public administration",
        "Ministry of Civil Service",
        ["gender-equality-public-administration"],
        ["research", "training"],
        [5],
        [9],
    ),
    (
        "KHM",
        2023,
        "One window service offices at district level",
        "Ministry of Interior",
        ["public-service-innovation", "sdg-localization"],
        ["study-tour", "advisory"],
        [11, 16],
        [6],
    ),
    (
        "KHM",
        2025,
        "Data sharing between ministries",
        "Ministry of Economy and Finance",
        ["data-governance", "quintet-data"],
        ["advisory"],
        [16, 17],
        [4],
    ),
    (
        "NPL",
        2019,
        "Local governance capacities after federalisation",
        "Ministry of Federal Affairs and General Administration",
        ["sdg-localization", "institutional-capacity"],
        ["training"],
        [11, 16],
        [11],
    ),
    (
        "NPL",
        2024,
        "Gender audit of the civil service",
        "Ministry of Federal Affairs and General Administration",
        ["gender-equality-public-administration"],
        ["research"],
        [5],
        [9],
    ),
    (
        "JAM",
        2022,
        "Digital transformation and innovation mindsets in Caribbean public services",
        "Cabinet Office",
        ["digital-government", "changing-mindsets"],
        ["training"],
        [9, 16],
        [2],
    ),
    (
        "BRB",
        2023,
        "Public service innovation awards preparation",
        "Ministry of the Public Service",
        ["public-service-innovation"],
        ["peer-exchange"],
        [16],
        [6],
    ),
    (
        "FJI",
        2021,
        "Open government data policy",
        "Ministry of Communications",
        ["data-governance", "transparency-accountability"],
        ["advisory"],
        [16],
        [7],
    ),
    (
        "WSM",
        2025,
        "Digital identity and service delivery",
        "Ministry of Communications and Information Technology",
        ["digital-government"],
        ["advisory", "research"],
        [9, 16],
        [4],
    ),
    (
        "KEN",
        2020,
        "County-level SDG localization training",
        "Council of Governors",
        ["sdg-localization"],
        ["training"],
        [11],
        [11],
    ),
    (
        "KEN",
        2024,
        "Citizen engagement in budget processes",
        "National Treasury",
        ["participation-engagement", "transparency-accountability"],
        ["advisory"],
        [16],
        [10],
    ),
    (
        "RWA",
        2022,
        "Performance contracts and results-based management",
        "Ministry of Public Service and Labour",
        ["institutional-capacity", "effective-governance"],
        ["study-tour"],
        [16],
        [3],
    ),
    (
        "GHA",
        2023,
        "Digital skills for the civil service",
        "Office of the Head of Civil Service",
        ["digital-government", "institutional-capacity"],
        ["training"],
        [4, 16],
        [2],
    ),
    (
        "MNG",
        2021,
        "Strategic foresight for long-term development vision",
        "National Development Agency",
        ["strategic-foresight"],
        ["training", "advisory"],
        [16],
        [5],
    ),
    (
        "TLS",
        2024,
        "Civil service gender policy",
        "Civil Service Commission",
        ["gender-equality-public-administration"],
        ["advisory"],
        [5],
        [9],
    ),
    (
        "BGD",
        2026,
        "Behavioural science for public service delivery",
        "Cabinet Division",
        ["quintet-behavioural-science"],
        ["training", "toolkit"],
        [16],
        [6],
    ),
    (
        "UZB",
        2025,
        "Public administration reform and service centres",
        "Agency for Public Services",
        ["public-service-innovation", "digital-government"],
        ["peer-exchange", "study-tour"],
        [16],
        [6],
    ),
    (
        "CRI",
        2022,
        "Participatory policymaking with young people",
        "Ministry of Planning",
        ["participation-engagement"],
        ["advisory"],
        [16],
        [10],
    ),
    (
        "MAR",
        2024,
        "Indicateurs de performance de l'administration",
        "Ministère de la Transition numérique et de la Réforme de l'Administration",
        ["effective-governance", "data-governance"],
        ["research"],
        [16],
        [3],
    ),
    (
        "ZMB",
        2026,
        "Integrity and accountability in local authorities",
        "Ministry of Local Government",
        ["transparency-accountability", "sdg-localization"],
        ["training"],
        [16],
        [7],
    ),
]

CHANNELS = list(SupportRequest.Channel.values)
NOTES = {
    S.UNDER_REVIEW: "Acknowledged to the requesting ministry; scoping call planned.",
    S.ACCEPTED: "Fits the work programme; resources identified.",
    S.DECLINED: "Outside the Division's mandate; the ministry was informed.",
    S.REFERRED: "Referred to the UN Country Team, which leads on this topic.",
    S.IN_PROGRESS: "Mission and workshop dates agreed with the focal point.",
    S.COMPLETED: "Deliverables handed over; feedback collected.",
    S.CLOSED: "Closed after the follow-up report.",
}
COMMENTS = [
    "The Resident Coordinator Office offers to host the first meeting.",
    "Could the training be delivered partly online for provincial staff?",
    "Draft concept note shared for comments.",
    "We would like to involve the national school of administration.",
]


def _target_status(rng: random.Random, age_days: int) -> str:
    if age_days < 60:
        return rng.choice([S.RECEIVED, S.RECEIVED, S.UNDER_REVIEW])
    if age_days < 400:
        return rng.choice([S.UNDER_REVIEW, S.ACCEPTED, S.IN_PROGRESS, S.IN_PROGRESS, S.REFERRED])
    return rng.choice(
        [S.COMPLETED, S.CLOSED, S.CLOSED, S.DECLINED, S.REFERRED, S.IN_PROGRESS, S.COMPLETED]
    )


def _noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def load(stdout) -> None:
    users = {u.email: u for u in User.objects.filter(email__endswith="@demo.capdev.org")}
    officer = users.get("officer@demo.capdev.org")
    if officer is None:
        stdout.write("requests: skipped (the demo officer is missing)")
        return
    submitters = {
        "LAO": users.get("focal.lao@demo.capdev.org"),
        "BTN": users.get("focal.bhutan@demo.capdev.org"),
    }
    support_types_ensure()
    countries = {c.iso3: c for c in Country.objects.filter(iso3__in={r[0] for r in REQUESTS})}
    themes = {t.slug: t for t in Theme.objects.all()}
    kinds = {t.slug: t for t in SupportType.objects.all()}
    goals = {g.number: g for g in SdgGoal.objects.all()}
    principles = {p.number: p for p in CepaPrinciple.objects.all()}
    today = timezone.localdate()
    rng = random.Random(2024)  # noqa: S311 - demo data, reproducible
    created = 0
    for iso3, year, title, organisation, theme_slugs, kind_slugs, sdgs, cepa in REQUESTS:
        # Draw every random number even for existing rows, so reruns stay deterministic.
        received = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        if received > today - dt.timedelta(days=3):
            received = today - dt.timedelta(days=rng.randint(3, 40))
        channel = rng.choice(CHANNELS)
        target = _target_status(rng, (today - received).days)
        gaps = [rng.randint(3, 30)] + [rng.randint(10, 120) for _ in range(5)]
        priority = rng.choice(["normal", "normal", "high", "low", "urgent"])
        comment_count = rng.randint(0, 2)
        if SupportRequest.objects.filter(country__iso3=iso3, title=title).exists():
            continue
        submitter = submitters.get(iso3) or officer
        request = request_create(
            user=submitter,
            country=countries[iso3],
            title=title,
            received_on=received,
            requesting_organisation=organisation,
            channel=SupportRequest.Channel.ONLINE_FORM if submitter != officer else channel,
            priority=priority,
            description=(
                f"{organisation} asks for support: {title[0].lower() + title[1:]}. "
                "The request names the units concerned, the expected participants and "
                "the timeline the government has in mind."
            ),
            due_on=received + dt.timedelta(days=rng.choice([90, 120, 180])),
            support_types=[kinds[s] for s in kind_slugs],
            themes=[themes[s] for s in theme_slugs],
            sdgs=[goals[n] for n in sdgs],
            cepa_principles=[principles[n] for n in cepa],
            created_at=_noon(received),
        )
        request.assigned_officer = officer
        request.partner_entities = rng.choice(["RCO", "RCO, UNDP", "UNCT", "", "RCO, UNCT"])
        request.save(update_fields=["assigned_officer", "partner_entities"])
        day = received
        for step, status in enumerate(PATH_TO[target]):
            day = day + dt.timedelta(days=gaps[step])
            if day >= today:
                break
            request = request_transition(
                user=officer, request=request, to_status=status, note=NOTES[status], at=_noon(day)
            )
        if request.status in (S.COMPLETED, S.CLOSED):
            request.outcome = (
                "Activities delivered as planned; the ministry reported follow-up actions."
            )
            request.save(update_fields=["outcome"])
        for n in range(comment_count):
            author = submitters.get(iso3) if n % 2 else officer
            request_comment_add(
                user=author or officer,
                request=request,
                body=COMMENTS[(len(title) + n) % len(COMMENTS)],
                is_internal=author is None and n == 1,
            )
        created += 1
    stdout.write(f"requests: {created} created, {SupportRequest.objects.count()} in all")
