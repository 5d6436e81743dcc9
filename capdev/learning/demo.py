"""Demo courses: the gender project's course laid out as its Moodle site was, and two short ones.

The main course, slug ``women-in-public-administration``, has these sections and items
(item titles and keys are stable: other apps' demos look them up)::

    Overview                      page "Overview" (key overview)
    Country documents             links "Bhutan", "Lao People's Democratic Republic",
                                  "Mauritius", "Senegal" to /library/countries/<ISO3>/
                                  (keys country-btn, country-lao, country-mus, country-sen)
    Introduction                  page "Introduction" (key introduction)
    Module 1 … Module 4           page "Module N" (key module-N) and quiz
                                  "Module N self-assessment" (key module-N-self-assessment);
                                  the section of Module N+1 is locked until
                                  "Module N self-assessment" is marked complete
                                  (quiz items complete on receiving a grade);
                                  Module 4 also has the assignment "Draft action plan"
    Forum                         forum "Forum" (key forum)
    Event recordings, resources and guidance material
                                  recordings of the 8 December 2022 validation workshop
                                  (key validation-workshop-2022-12-08) and the trainings of
                                  national consultants of 15 December 2022 and 23 January
                                  2023 (keys consultants-training-1, consultants-training-2)

The quizzes demo attaches a quiz to each "Module N self-assessment" item, found with
``Item.objects.get(course__slug=COURSE_SLUG, key=f"module-{n}-self-assessment")``;
the community demo does the same for the "forum" item.

trainer@ teaches every demo course; learner@, focal.lao@ and focal.bhutan@ are enrolled
in the main course, and learner@ has started it.
"""

import datetime as dt

from capdev.accounts.models import User
from capdev.core.models import Theme
from capdev.learning import services
from capdev.learning.models import Course, Enrolment, Item

COURSE_SLUG = "women-in-public-administration"
COURSE_TITLE = "Promoting the presence and leadership of women in public administration"
COUNTRY_DOCUMENTS = [
    ("BTN", "Bhutan"),
    ("LAO", "Lao People's Democratic Republic"),
    ("MUS", "Mauritius"),
    ("SEN", "Senegal"),
]
MODULES = [
    (
        "Why gender equality in public administration matters",
        "<p>Public institutions serve everyone better when they reflect the people they "
        "serve. This module sets out the case: representation, trust in government, the "
        "quality of decisions and the commitments of SDG 5 and SDG 16.</p>"
        "<ul><li>Where women are in the public workforce, and where they are not.</li>"
        "<li>The difference between parity in numbers and parity in decision-making.</li>"
        "<li>How occupational segregation builds up over a career.</li></ul>",
    ),
    (
        "Laws, policies and institutional frameworks",
        "<p>Gender parity provisions often stop short of the civil service. This module "
        "walks through the kinds of legal and policy levers countries use: parity laws, "
        "civil service statutes, quotas and targets, and the role of the national gender "
        "machinery in coordinating them.</p>"
        "<p>It closes with questions to map your own country's framework.</p>",
    ),
    (
        "Human resources measures for women's career progression",
        "<p>Recruitment, promotion, pay, flexible working and training are where equality "
        "is won or lost. This module reviews measures that are gender-aware rather than "
        "gender-blind: equal pay audits, flexible working arrangements, mentorship and "
        "leadership programmes, and training opportunities at the subnational level.</p>",
    ),
    (
        "Data, monitoring and accountability",
        "<p>What is not measured is not managed. This module shows how to track women's "
        "share of the workforce and of decision-making posts, pay gaps and promotion "
        "rates, how to set measurable targets, and who should be accountable for "
        "reporting on them. It ends with drafting an action plan for your institution.</p>",
    ),
]
RECORDINGS = [
    (
        "validation-workshop-2022-12-08",
        "Workshop to validate the findings of the review of good practices, laws and "
        "organizational policies for gender equality",
        dt.date(2022, 12, 8),
        "<p>The validation workshop discussed the global review of laws, policies and "
        "good practices for gender equality and the promotion of women's leadership at "
        "the national and subnational levels of the public sector.</p>",
    ),
    (
        "consultants-training-1",
        "First training of national consultants on the analytical framework",
        dt.date(2022, 12, 15),
        "<p>National consultants were introduced to the analytical framework used for "
        "the national reviews and gap analyses, with presentations by UNDP and UN DESA.</p>",
    ),
    (
        "consultants-training-2",
        "Second training of national consultants on the analytical framework",
        dt.date(2023, 1, 23),
        "<p>The second session went through data collection for the national reviews and "
        "how to report findings consistently across countries.</p>",
    ),
]


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _theme(slug: str) -> Theme | None:
    return Theme.objects.filter(slug=slug).first()


def _build_main_course(trainer: User | None) -> Course:
    course = services.course_create(
        title=COURSE_TITLE,
        slug=COURSE_SLUG,
        summary=(
            "Knowledge, resources and tools to help prioritise gender equality in public "
            "administration and promote women's career progression towards leadership "
            "positions at the national and subnational levels of government."
        ),
        description=(
            "<p>This course supports the project on building capacities for promoting the "
            "presence and leadership of women within public institutions at national and "
            "local levels, in Bhutan, Lao PDR, Mauritius and Senegal.</p>"
            "<p>Start with the Overview. Each training module ends with a short "
            "self-assessment that opens the next module. Questions and comments are "
            "welcome in the Forum.</p>"
        ),
        theme=_theme("gender-equality-public-administration"),
        level=Course.Level.INTRODUCTORY,
        status=Course.Status.PUBLISHED,
        trainers=[trainer] if trainer else [],
    )
    overview = services.section_create(course=course, title="Overview")
    services.item_create(
        section=overview,
        kind=Item.Kind.PAGE,
        title="Overview",
        key="overview",
        body=(
            "<p>Welcome. This course gathers what the project has learned about women's "
            "presence and leadership in public administration: country documents, four "
            "training modules with self-assessments, a forum and the recordings of the "
            "project's events.</p><p>We recommend reading the Introduction first, then "
            "the modules in order.</p>"
        ),
    )
    documents = services.section_create(
        course=course,
        title="Country documents",
        summary="National reviews, gap analyses and action plans, in each country's library.",
    )
    for iso3, name in COUNTRY_DOCUMENTS:
        services.item_create(
            section=documents,
            kind=Item.Kind.LINK,
            title=name,
            key=f"country-{iso3.lower()}",
            url=f"/library/countries/{iso3}/",
            body=f"<p>Documents of {name} in the country library.</p>",
            required_for_completion=False,
        )
    introduction = services.section_create(course=course, title="Introduction")
    services.item_create(
        section=introduction,
        kind=Item.Kind.PAGE,
        title="Introduction",
        key="introduction",
        body=(
            "<p>The four modules follow the analytical framework of the national reviews: "
            "why equality matters, the legal and policy framework, human resources "
            "measures, and data and accountability.</p><p>Each module takes about an "
            "hour. Its self-assessment asks a few questions on what you have read; "
            "completing it opens the next module.</p>"
        ),
    )
    previous_assessment = None
    for number, (subtitle, body) in enumerate(MODULES, start=1):
        rule = None
        if previous_assessment is not None:
            rule = {
                "op": "all",
                "rules": [{"type": "item", "item": previous_assessment.pk, "state": "complete"}],
            }
        section = services.section_create(
            course=course, title=f"Module {number}: {subtitle}", access_rule=rule
        )
        services.item_create(
            section=section,
            kind=Item.Kind.PAGE,
            title=f"Module {number}",
            key=f"module-{number}",
            body=body,
        )
        previous_assessment = services.item_create(
            section=section,
            kind=Item.Kind.QUIZ,
            title=f"Module {number} self-assessment",
            key=f"module-{number}-self-assessment",
            body=f"<p>Having completed Module {number}, please answer the following questions.</p>",
            completion_rule=Item.CompletionRule.GRADED,
        )
        if number == len(MODULES):
            services.item_create(
                section=section,
                kind=Item.Kind.ASSIGNMENT,
                title="Draft action plan",
                key="draft-action-plan",
                body=(
                    "<p>Upload a first draft of a gender equality action plan for your "
                    "institution (Word, PDF or text), or write its main objectives below. "
                    "A trainer will send feedback.</p>"
                ),
                completion_rule=Item.CompletionRule.SUBMITTED,
                required_for_completion=False,
            )
    forum = services.section_create(course=course, title="Forum")
    services.item_create(
        section=forum,
        kind=Item.Kind.FORUM,
        title="Forum",
        key="forum",
        body="<p>Pose a question to the community or leave a comment.</p>",
    )
    events = services.section_create(
        course=course, title="Event recordings, resources and guidance material"
    )
    for key, title, day, body in RECORDINGS:
        services.item_create(
            section=events,
            kind=Item.Kind.RECORDING,
            title=title,
            key=key,
            event_date=day,
            body=body,
            required_for_completion=False,
        )
    return course


def _build_digital_course(trainer: User | None) -> Course:
    course = services.course_create(
        title="Digital government essentials",
        slug="digital-government-essentials",
        summary="A short introduction to digital government strategies and services.",
        theme=_theme("digital-government"),
        level=Course.Level.INTRODUCTORY,
        status=Course.Status.PUBLISHED,
        trainers=[trainer] if trainer else [],
    )
    basics = services.section_create(course=course, title="Basics")
    services.item_create(
        section=basics,
        kind=Item.Kind.PAGE,
        title="What digital government means",
        key="what-it-means",
        body=(
            "<p>Digital government is more than putting forms online: it is redesigning "
            "services around people, with data shared safely across agencies and no one "
            "left behind.</p>"
        ),
    )
    check = services.item_create(
        section=basics,
        kind=Item.Kind.PAGE,
        title="Checklist: your ministry's digital services",
        key="checklist",
        body=(
            "<ol><li>List the five services people use most.</li><li>Note which can be "
            "completed online from start to finish.</li><li>Mark when you have done "
            "it.</li></ol>"
        ),
        completion_rule=Item.CompletionRule.MANUAL,
    )
    next_steps = services.section_create(
        course=course,
        title="Plan the next step",
        access_rule={"op": "all", "rules": [{"type": "item", "item": check.pk}]},
    )
    services.item_create(
        section=next_steps,
        kind=Item.Kind.ASSIGNMENT,
        title="One service to improve",
        key="one-service",
        body="<p>Describe one service you would redesign first, and why.</p>",
    )
    return course


def _build_french_course(trainer: User | None) -> Course:
    course = services.course_create(
        title="Leadership des femmes dans la fonction publique : notions clés",
        slug="leadership-femmes-notions-cles",
        summary="Un court module en français sur les notions de base de la parité.",
        theme=_theme("gender-equality-public-administration"),
        language=Course.Language.FRENCH,
        level=Course.Level.INTRODUCTORY,
        status=Course.Status.PUBLISHED,
        trainers=[trainer] if trainer else [],
    )
    section = services.section_create(course=course, title="Notions clés")
    services.item_create(
        section=section,
        kind=Item.Kind.PAGE,
        title="Parité et leadership",
        key="parite",
        body=(
            "<p>La parité compte les femmes à tous les niveaux ; le leadership regarde "
            "qui prend les décisions. Ce module distingue les deux et présente les "
            "indicateurs qui les mesurent.</p>"
        ),
    )
    return course


def load(stdout) -> None:
    trainer = _user("trainer@demo.capdev.org")
    builders = [
        (COURSE_SLUG, _build_main_course),
        ("digital-government-essentials", _build_digital_course),
        ("leadership-femmes-notions-cles", _build_french_course),
    ]
    for slug, build in builders:
        if not Course.objects.filter(slug=slug).exists():
            build(trainer)
    course = Course.objects.get(slug=COURSE_SLUG)
    for email in (
        "learner@demo.capdev.org",
        "focal.lao@demo.capdev.org",
        "focal.bhutan@demo.capdev.org",
    ):
        user = _user(email)
        if user is None or Enrolment.objects.filter(course=course, user=user).exists():
            continue
        if trainer is not None:
            services.course_enrol(
                course=course, user=user, method=Enrolment.Method.TRAINER, enrolled_by=trainer
            )
    learner = _user("learner@demo.capdev.org")
    if learner is not None and Enrolment.objects.filter(course=course, user=learner).exists():
        for key in ("overview", "introduction", "module-1"):
            services.item_viewed(user=learner, item=Item.objects.get(course=course, key=key))
    stdout.write(
        f"Learning: {Course.objects.count()} courses; "
        f"{Enrolment.objects.filter(course=course).count()} enrolled in “{COURSE_TITLE}”.\n"
    )
