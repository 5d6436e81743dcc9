"""Scores and levels from answers, as pure functions over a framework's definition.

A criterion scores its answer option's `score` (0 to 1) times its weight; options
marked `not_applicable` leave the criterion out of both sides of the fraction. A
dimension scores the weighted mean of its answered criteria, as a percentage, and
the framework the weighted mean of its dimensions (by dimension weight). A level is
reached when the overall score is at least its `min_score` and, if it sets one,
every scored dimension is at least its `min_dimension_score`. Unanswered criteria
are missing, not zero: a draft's score says how many criteria it rests on.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class DimensionScore:
    code: str
    score: float | None
    answered: int
    total: int


@dataclass(frozen=True)
class Result:
    score: float | None
    level: str
    answered: int
    total: int
    dimensions: list[DimensionScore] = field(default_factory=list)


def iter_criteria(definition: Mapping) -> Iterator[tuple[dict, dict, dict]]:
    """(dimension, benchmark, criterion) for every criterion, in the file's order."""
    for dimension in definition["dimensions"]:
        for benchmark in dimension["benchmarks"]:
            for criterion in benchmark["criteria"]:
                yield dimension, benchmark, criterion


def option_scores(definition: Mapping) -> dict[str, dict[str, float | None]]:
    """For each scale, each answer value's score (None for 'not applicable')."""
    return {
        name: {
            str(option["value"]): None if option.get("not_applicable") else float(option["score"])
            for option in options
        }
        for name, options in definition["scales"].items()
    }


def level_for(definition: Mapping, score: float | None, dimension_scores: list[float]) -> str:
    if score is None:
        return ""
    for level in definition.get("levels") or []:
        if score + 1e-9 < level["min_score"]:
            continue
        floor = level.get("min_dimension_score")
        if floor is not None and any(d + 1e-9 < floor for d in dimension_scores):
            continue
        return str(level["code"])
    return ""


def score_answers(
    definition: Mapping,
    answers: Mapping[str, str],
    *,
    scores: dict[str, dict[str, float | None]] | None = None,
) -> Result:
    """Score `answers` (criterion code → answer value) against `definition`."""
    scores = scores or option_scores(definition)
    dimensions = []
    answered_all = total_all = 0
    weighted_sum = weight_sum = 0.0
    for dimension in definition["dimensions"]:
        points = possible = 0.0
        answered = total = 0
        for benchmark in dimension["benchmarks"]:
            for criterion in benchmark["criteria"]:
                total += 1
                value = answers.get(str(criterion["code"]))
                if value is None:
                    continue
                answered += 1
                option_score = scores[str(criterion["scale"])].get(str(value))
                if option_score is None:
                    continue
                weight = float(criterion.get("weight", 1))
                points += option_score * weight
                possible += weight
        exact = 100 * points / possible if possible else None
        score = round(exact, 2) if exact is not None else None
        dimensions.append(DimensionScore(str(dimension["code"]), score, answered, total))
        answered_all += answered
        total_all += total
        if exact is not None:
            # The overall score uses the exact dimension scores, not the rounded ones.
            dimension_weight = float(dimension.get("weight", 1))
            weighted_sum += exact * dimension_weight
            weight_sum += dimension_weight
    overall = round(weighted_sum / weight_sum, 2) if weight_sum else None
    scored = [d.score for d in dimensions if d.score is not None]
    return Result(
        score=overall,
        level=level_for(definition, overall, scored),
        answered=answered_all,
        total=total_all,
        dimensions=dimensions,
    )


def gaps(
    definition: Mapping, answers: Mapping[str, str], *, threshold: float | None = None
) -> list[str]:
    """Codes of criteria answered below the gap threshold (not-applicable ones excluded)."""
    if threshold is None:
        threshold = float((definition.get("scoring") or {}).get("gap_threshold", 1.0))
    scores = option_scores(definition)
    found = []
    for _dimension, _benchmark, criterion in iter_criteria(definition):
        value = answers.get(str(criterion["code"]))
        if value is None:
            continue
        option_score = scores[str(criterion["scale"])].get(str(value))
        if option_score is not None and option_score < threshold:
            found.append(str(criterion["code"]))
    return found
