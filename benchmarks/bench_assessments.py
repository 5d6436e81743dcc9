"""Assessments: scoring and cross-country comparison over 1,000 assessments."""

import random
import time

from django.test import Client

from benchmarks.common import summary, timings_ms
from capdev.accounts.models import User
from capdev.accounts.roles import Role
from capdev.accounts.services import roles_sync, user_create
from capdev.assessments import scoring, selectors, services
from capdev.assessments.models import Answer, Assessment, Framework
from capdev.core.models import Country

SLUG = "gender-equality-public-institutions"
COUNT = 1_000


def _officer():
    roles_sync()
    user = User.objects.filter(email="bench.officer@example.org").first()
    return user or user_create(email="bench.officer@example.org", roles=[Role.PROGRAMME_OFFICER])


def _build(framework: Framework, officer) -> list[Assessment]:
    Assessment.objects.filter(framework__slug=SLUG).delete()
    rng = random.Random(7)
    countries = list(Country.objects.order_by("iso3")[:100])
    assessments = Assessment.objects.bulk_create(
        Assessment(
            framework=framework,
            country=countries[i % len(countries)],
            year=2016 + (i // len(countries)),
            status=Assessment.Status.VALIDATED,
            is_published=True,
            created_by=officer,
        )
        for i in range(COUNT)
    )
    criteria = list(framework.criteria.all())
    scores = scoring.option_scores(framework.definition)
    answers = []
    for assessment in assessments:
        for criterion in criteria:
            value = rng.choice(list(scores[criterion.scale]))
            answers.append(
                Answer(
                    assessment=assessment,
                    criterion=criterion,
                    value=value,
                    score=scores[criterion.scale][value],
                )
            )
    Answer.objects.bulk_create(answers, batch_size=2_000)
    return assessments


def run(out) -> None:
    services.frameworks_load()
    framework = Framework.objects.get(slug=SLUG, is_current=True)
    officer = _officer()
    started = time.perf_counter()
    assessments = _build(framework, officer)
    criteria = framework.criteria.count()
    out.figure(
        f"build {COUNT} assessments x {criteria} answers", time.perf_counter() - started, "s"
    )

    answer_sets = {}
    for assessment_id, code, value in Answer.objects.filter(
        assessment__framework=framework
    ).values_list("assessment_id", "criterion__code", "value"):
        answer_sets.setdefault(assessment_id, {})[code] = value
    option_scores = scoring.option_scores(framework.definition)

    def score_all():
        for answers in answer_sets.values():
            scoring.score_answers(framework.definition, answers, scores=option_scores)

    pure = summary(timings_ms(score_all, repeat=10))
    out.figure(f"score {COUNT} assessments in Python (pure) p50", pure["p50"], "ms", target=500)
    out.line(f"  per assessment: {pure['p50'] / COUNT * 1000:.0f} µs")

    started = time.perf_counter()
    for assessment in assessments:
        services.assessment_recompute(assessment=assessment)
    recompute = time.perf_counter() - started
    out.figure(f"recompute and store {COUNT} assessments (DB)", recompute, "s", target=60)

    def compare():
        result = selectors.comparison(officer, framework=framework)
        assert len(result.rows) == COUNT

    figures = summary(timings_ms(compare, repeat=10))
    out.figure(f"comparison over {COUNT} assessments (SQL) p50", figures["p50"], "ms")
    out.figure(f"comparison over {COUNT} assessments (SQL) p95", figures["p95"], "ms", target=1000)

    client = Client()
    client.force_login(officer)

    def page():
        response = client.get("/assessments/compare/", {"framework": SLUG})
        assert response.status_code == 200

    page_figures = summary(timings_ms(page, repeat=5, warmup=1))
    out.figure("comparison page (chart + table) p50", page_figures["p50"], "ms", target=2000)
    out.line(
        f"  ratio page / query: {page_figures['p50'] / figures['p50']:.1f}x; "
        f"recompute / pure scoring: {recompute * 1000 / pure['p50']:.0f}x"
    )
