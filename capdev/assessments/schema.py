"""Checking a framework file before anything is written.

`validate_framework` walks the parsed YAML and collects every problem it finds, each
with the path of the offending value (`dimensions[1].benchmarks[0].criteria[2].weight`),
so that an author can fix a file in one pass. docs/assessments.md documents the schema.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
EVIDENCE_VALUES = ("required", "optional", "none")
SCORING_METHODS = ("weighted_mean",)

TOP_KEYS = {"slug", "title", "title_fr", "description", "description_fr"}
TOP_KEYS |= {"scales", "scoring", "levels", "dimensions"}
DIMENSION_KEYS = {"code", "title", "title_fr", "weight", "benchmarks"}
BENCHMARK_KEYS = {"code", "title", "title_fr", "criteria"}
CRITERION_KEYS = {"code", "text", "text_fr", "guidance", "scale", "weight", "evidence"}
CRITERION_KEYS |= {"cepa_principle"}
OPTION_KEYS = {"value", "label", "label_fr", "score", "not_applicable"}
LEVEL_KEYS = {"code", "label", "label_fr", "min_score", "min_dimension_score"}
SCORING_KEYS = {"method", "gap_threshold"}


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path or '(top)'}: {self.message}"


class FrameworkInvalid(Exception):
    """A framework file cannot be loaded; `problems` says every reason."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = problems
        lines = [f"{source}: {problem}" for problem in problems]
        super().__init__("\n".join(lines))


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Checker:
    def __init__(self, cepa_numbers: set[int]):
        self.problems: list[Problem] = []
        self.cepa_numbers = cepa_numbers

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def mapping(self, value, path: str, keys: set[str], required: tuple[str, ...]) -> bool:
        if not isinstance(value, dict):
            self.add(path, f"must be a mapping (key: value), not {type(value).__name__}")
            return False
        for key in sorted(set(value) - keys, key=str):
            self.add(_join(path, str(key)), f"unknown key; allowed keys: {', '.join(sorted(keys))}")
        for key in required:
            if key not in value or value[key] in (None, ""):
                self.add(_join(path, key), "is required")
        return True

    def text(self, value: dict, key: str, path: str) -> None:
        if key in value and value[key] is not None and not isinstance(value[key], str):
            self.add(_join(path, key), "must be text")

    def code(self, value: dict, path: str, seen: set[str], what: str) -> None:
        code = value.get("code")
        if code is None:
            return
        code = str(code)
        if not CODE_RE.match(code):
            self.add(
                _join(path, "code"),
                f"{code!r} is not a valid code (letters, digits, '.', '_' or '-', "
                "at most 40 characters)",
            )
        elif code in seen:
            self.add(_join(path, "code"), f"{what} code {code!r} is used twice")
        seen.add(code)

    def weight(self, value: dict, path: str) -> None:
        if "weight" in value and (not _is_number(value["weight"]) or value["weight"] <= 0):
            self.add(_join(path, "weight"), f"must be a number above 0, not {value['weight']!r}")

    def percentage(self, value: dict, key: str, path: str) -> None:
        if key in value and (not _is_number(value[key]) or not 0 <= value[key] <= 100):
            self.add(_join(path, key), f"must be a percentage from 0 to 100, not {value[key]!r}")


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _check_scales(check: _Checker, scales) -> set[str]:
    if not isinstance(scales, dict) or not scales:
        check.add("scales", "must map scale names to lists of answer options")
        return set()
    for name, options in scales.items():
        path = _join("scales", str(name))
        if not isinstance(options, list) or len(options) < 2:
            check.add(path, "must be a list of at least two answer options")
            continue
        values: set[str] = set()
        for index, option in enumerate(options):
            option_path = _join(path, index)
            if not check.mapping(option, option_path, OPTION_KEYS, ("value", "label")):
                continue
            value = str(option.get("value", ""))
            if value in values:
                check.add(_join(option_path, "value"), f"answer value {value!r} is used twice")
            values.add(value)
            check.text(option, "label", option_path)
            not_applicable = option.get("not_applicable", False)
            if not isinstance(not_applicable, bool):
                check.add(_join(option_path, "not_applicable"), "must be true or false")
            if not_applicable:
                if "score" in option:
                    check.add(
                        _join(option_path, "score"),
                        "a 'not applicable' option has no score: it is left out of the total",
                    )
            elif "score" not in option:
                check.add(_join(option_path, "score"), "is required (a number from 0 to 1)")
            elif not _is_number(option["score"]) or not 0 <= option["score"] <= 1:
                check.add(
                    _join(option_path, "score"),
                    f"must be a number from 0 to 1, not {option['score']!r}",
                )
    return {str(name) for name in scales}


def _check_scoring(check: _Checker, scoring) -> None:
    if scoring is None:
        return
    if not check.mapping(scoring, "scoring", SCORING_KEYS, ()):
        return
    method = scoring.get("method", "weighted_mean")
    if method not in SCORING_METHODS:
        check.add(
            "scoring.method", f"{method!r} is unknown; use one of: {', '.join(SCORING_METHODS)}"
        )
    threshold = scoring.get("gap_threshold")
    if threshold is not None and (not _is_number(threshold) or not 0 < threshold <= 1):
        check.add(
            "scoring.gap_threshold", f"must be a number above 0 and at most 1, not {threshold!r}"
        )


def _check_levels(check: _Checker, levels) -> None:
    if levels is None:
        return
    if not isinstance(levels, list):
        check.add("levels", "must be a list of levels")
        return
    seen: set[str] = set()
    previous = None
    for index, level in enumerate(levels):
        path = _join("levels", index)
        if not check.mapping(level, path, LEVEL_KEYS, ("code", "label", "min_score")):
            continue
        check.code(level, path, seen, "level")
        check.percentage(level, "min_score", path)
        check.percentage(level, "min_dimension_score", path)
        minimum = level.get("min_score")
        if _is_number(minimum):
            if previous is not None and minimum >= previous:
                check.add(
                    _join(path, "min_score"),
                    "levels must be listed from the highest to the lowest min_score",
                )
            previous = minimum


def _check_criterion(check, criterion, path, scales, seen) -> None:
    if not check.mapping(criterion, path, CRITERION_KEYS, ("code", "text", "scale")):
        return
    check.code(criterion, path, seen, "criterion")
    for key in ("text", "text_fr", "guidance"):
        check.text(criterion, key, path)
    check.weight(criterion, path)
    scale = criterion.get("scale")
    if scale is not None and str(scale) not in scales:
        known = ", ".join(sorted(scales)) or "none defined"
        check.add(_join(path, "scale"), f"unknown scale {scale!r}; defined scales: {known}")
    evidence = criterion.get("evidence", "optional")
    if evidence not in EVIDENCE_VALUES:
        check.add(
            _join(path, "evidence"),
            f"{evidence!r} is not one of: {', '.join(EVIDENCE_VALUES)}",
        )
    principle = criterion.get("cepa_principle")
    if principle is not None and (
        not isinstance(principle, int) or isinstance(principle, bool) or principle < 1
    ):
        check.add(_join(path, "cepa_principle"), f"must be a principle number, not {principle!r}")
    elif principle is not None and check.cepa_numbers and principle not in check.cepa_numbers:
        check.add(
            _join(path, "cepa_principle"),
            f"there is no CEPA principle {principle} (known: 1 to {max(check.cepa_numbers)})",
        )


def _check_dimensions(check: _Checker, dimensions, scales: set[str]) -> None:
    if not isinstance(dimensions, list) or not dimensions:
        check.add("dimensions", "must be a non-empty list of dimensions")
        return
    dimension_codes: set[str] = set()
    benchmark_codes: set[str] = set()
    criterion_codes: set[str] = set()
    for d_index, dimension in enumerate(dimensions):
        d_path = _join("dimensions", d_index)
        if not check.mapping(dimension, d_path, DIMENSION_KEYS, ("code", "title", "benchmarks")):
            continue
        check.code(dimension, d_path, dimension_codes, "dimension")
        check.text(dimension, "title", d_path)
        check.weight(dimension, d_path)
        benchmarks = dimension.get("benchmarks")
        if benchmarks is None:
            continue
        if not isinstance(benchmarks, list) or not benchmarks:
            check.add(_join(d_path, "benchmarks"), "must be a non-empty list of benchmarks")
            continue
        for b_index, benchmark in enumerate(benchmarks):
            b_path = _join(_join(d_path, "benchmarks"), b_index)
            if not check.mapping(benchmark, b_path, BENCHMARK_KEYS, ("code", "title", "criteria")):
                continue
            check.code(benchmark, b_path, benchmark_codes, "benchmark")
            criteria = benchmark.get("criteria")
            if criteria is None:
                continue
            if not isinstance(criteria, list) or not criteria:
                check.add(_join(b_path, "criteria"), "must be a non-empty list of criteria")
                continue
            for c_index, criterion in enumerate(criteria):
                c_path = _join(_join(b_path, "criteria"), c_index)
                _check_criterion(check, criterion, c_path, scales, criterion_codes)


def validate_framework(data, *, cepa_numbers: set[int] | None = None) -> list[Problem]:
    """Every problem in a parsed framework, or an empty list when it can be loaded."""
    check = _Checker(cepa_numbers or set())
    if not check.mapping(data, "", TOP_KEYS, ("slug", "title", "scales", "dimensions")):
        return check.problems
    slug = data.get("slug")
    if slug is not None and (not isinstance(slug, str) or not SLUG_RE.match(slug)):
        check.add("slug", f"{slug!r} must be lower-case letters, digits and '-' (at most 80)")
    for key in ("title", "title_fr", "description", "description_fr"):
        check.text(data, key, "")
    scales = _check_scales(check, data.get("scales")) if "scales" in data else set()
    _check_scoring(check, data.get("scoring"))
    _check_levels(check, data.get("levels"))
    if "dimensions" in data:
        _check_dimensions(check, data["dimensions"], scales)
    return check.problems


def read_framework_file(path: Path, *, cepa_numbers: set[int] | None = None) -> dict:
    """The parsed and validated content of a framework file, or FrameworkInvalid."""
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FrameworkInvalid(source, [Problem("", f"cannot be read: {exc}")]) from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise FrameworkInvalid(source, [Problem(where, f"is not valid YAML: {problem}")]) from exc
    problems = validate_framework(data, cepa_numbers=cepa_numbers)
    if problems:
        raise FrameworkInvalid(source, problems)
    return data
