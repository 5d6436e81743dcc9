"""Moodle's GIFT format: a parser and a writer, with no database access.

The parser reads GIFT as Moodle's `qformat_gift` does (questions are blocks of lines
separated by blank lines; `//` lines are comments whose `[id:…]` and `[tag:…]` apply to
the question of their block) and returns one dictionary per question in the JSON form
documented in docs/quizzes.md. Anything it cannot read raises `GiftError`, naming the
line and the reason; it never raises anything else.

The writer turns the same dictionaries back into GIFT, so that export → import gives
the same questions.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

QUESTION_TYPES = (
    "multichoice",
    "truefalse",
    "shortanswer",
    "numerical",
    "matching",
    "essay",
    "description",
)
TEXT_FORMATS = ("moodle", "html", "plain", "markdown")
DEFAULT_FORMAT = "moodle"
MISSING_WORD = "_____"

# Escaped characters become private-use placeholders while the structure is parsed,
# then turn back into the characters they stand for.
_ESCAPABLE = {
    ":": "\ue001",
    "#": "\ue002",
    "=": "\ue003",
    "{": "\ue004",
    "}": "\ue005",
    "~": "\ue006",
    "n": "\ue007",
}
_UNESCAPE = {placeholder: char for char, placeholder in _ESCAPABLE.items()}
_UNESCAPE["\ue007"] = "\n"
_ESCAPE_RE = re.compile(r"\\([\\:#=\{\}~n])")
_PLACEHOLDER_RE = re.compile("[\ue001-\ue007]")
_WEIGHT_RE = re.compile(r"^%(-?[0-9]+(?:\.[0-9]*)?)%")
_NUMERIC_SPEC_RE = re.compile(r"^[0-9eE+\-.:]+$")
_NUMBER_RE = re.compile(r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$")
_ID_RE = re.compile(r"\[id:((?:\\\]|[^\]\x00-\x1f\x7f])+)\]")
_TAG_RE = re.compile(r"\[tag:((?:\\\]|[^\]<>`\x00-\x1f\x7f])+)\]")
_LINE_SPLIT_RE = re.compile(r"\r\n|\r|\n")
_PHP_TRIM = " \t\n\r\0\x0b"
_TAG_STRIP_RE = re.compile(r"<[^>]*>")
NAME_MAX = 255


class GiftError(ValueError):
    """A GIFT file that cannot be read: every problem found, each with its line."""

    def __init__(self, problems: list[tuple[int | None, str]] | str):
        if isinstance(problems, str):
            problems = [(None, problems)]
        self.problems = problems
        super().__init__(str(self))

    def __str__(self) -> str:
        return "; ".join(
            _("line %(line)s: %(message)s") % {"line": line, "message": message}
            if line
            else message
            for line, message in self.problems
        )


@dataclass
class _Block:
    line: int  # the first line of the block
    lines: list[tuple[int, str]]


def decode(data: bytes | str) -> str:
    """The text of a GIFT file: UTF-8, with or without a byte-order mark."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise GiftError(
            [
                (
                    line,
                    _(
                        "the file is not UTF-8 text (byte %(byte)s cannot be read); "
                        "save it as UTF-8 and import it again"
                    )
                    % {"byte": error.start + 1},
                )
            ]
        ) from None


def _unescape(text: str) -> str:
    return _PLACEHOLDER_RE.sub(lambda match: _UNESCAPE[match.group()], text)


def _escape_pre(text: str) -> str:
    def replace(match: re.Match) -> str:
        char = match.group(1)
        return "\\" if char == "\\" else _ESCAPABLE[char]

    return _ESCAPE_RE.sub(replace, text)


def _blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    current: list[tuple[int, str]] = []
    for number, raw in enumerate(_LINE_SPLIT_RE.split(text), start=1):
        line = raw.strip(_PHP_TRIM)
        if line:
            current.append((number, line))
        elif current:
            blocks.append(_Block(current[0][0], current))
            current = []
    if current:
        blocks.append(_Block(current[0][0], current))
    return blocks


def _with_format(text: str, default: str) -> tuple[str, str]:
    """Split a leading `[html]`-style format marker off `text`."""
    text_format = default
    if text.startswith("["):
        end = text.find("]")
        name = text[1:end].lower() if end > 0 else ""
        if name in TEXT_FORMATS:
            text_format = name
            text = text[end + 1 :]
    return _unescape(text).strip(_PHP_TRIM), text_format


def _default_name(text: str) -> str:
    plain = " ".join(_TAG_STRIP_RE.sub(" ", text).split())
    if len(plain) > 80:
        plain = plain[:77].rsplit(" ", 1)[0] + "..."
    return plain or "Question"


def _clean_name(name: str) -> str:
    return " ".join(_unescape(name).split())[:NAME_MAX]


def _tags_and_idnumber(comments: str) -> tuple[str | None, list[str]]:
    match = _ID_RE.search(comments)
    idnumber = match.group(1).replace("\\]", "]").strip() if match else None
    tags = []
    for raw in _TAG_RE.findall(comments):
        tag = raw.replace("\\]", "]").strip()
        if tag and tag not in tags:
            tags.append(tag)
    return idnumber or None, tags


def _weight(answer: str, line: int) -> tuple[float | None, str]:
    """A leading `%50%` weight as a fraction, and the rest of the answer."""
    match = _WEIGHT_RE.match(answer)
    if not match:
        return None, answer
    fraction = float(match.group(1)) / 100
    if not -1 <= fraction <= 1:
        message = _("the weight %(weight)s is outside -100%% to 100%%") % {"weight": match.group()}
        raise GiftError([(line, message)])
    return round(fraction, 7), answer[match.end() :]


def _answer_and_feedback(answer: str, text_format: str) -> tuple[str, str | None]:
    text, _sep, feedback = answer.partition("#")
    text, _format = _with_format(text.strip(_PHP_TRIM), text_format)
    feedback_text, _format = _with_format(feedback, text_format)
    return text, feedback_text or None


def _split_answers(answer_text: str, separator: str) -> list[str]:
    answers = answer_text.split(separator)
    answers[0] = answers[0].strip(_PHP_TRIM)
    if not answers[0]:
        answers.pop(0)
    return [answer.strip(_PHP_TRIM) for answer in answers]


def _number(text: str, line: int, what: str) -> float:
    text = text.strip(_PHP_TRIM)
    if not _NUMBER_RE.match(text):
        # Translators: "what" is "the answer", "the tolerance", "the range start" or
        # "the range end".
        message = _("%(what)s '%(text)s' is not a number")
        raise GiftError([(line, message % {"what": what, "text": _unescape(text)})])
    value = float(text)
    if not math.isfinite(value):
        message = _("%(what)s '%(text)s' is too large")
        raise GiftError([(line, message % {"what": what, "text": _unescape(text)})])
    return value


def _question_type(answer_text: str, description: bool) -> str:
    if description:
        return "description"
    if answer_text == "":
        return "essay"
    if answer_text.startswith("#"):
        return "numerical"
    if "~" in answer_text:
        return "multichoice"
    if "=" in answer_text and "->" in answer_text:
        return "matching"
    check = answer_text
    if answer_text.find("#") > 0:
        check = answer_text[: answer_text.find("#")].strip(_PHP_TRIM)
    if check in ("T", "TRUE", "F", "FALSE"):
        return "truefalse"
    return "shortanswer"


def _multichoice(question: dict, answer_text: str, line: int) -> None:
    answers = _split_answers(answer_text.replace("=", "~="), "~")
    if len(answers) < 2:
        raise GiftError([(line, _("a multiple-choice question needs at least two answers"))])
    parsed = []
    for answer in answers:
        if answer.startswith("="):
            fraction: float | None = 1.0
            answer = answer[1:]
        else:
            fraction, answer = _weight(answer, line)
        text, feedback = _answer_and_feedback(answer, question["text_format"])
        if not text:
            raise GiftError([(line, _("a multiple-choice answer is empty"))])
        parsed.append({"text": text, "fraction": fraction or 0.0, "feedback": feedback})
    question["single"] = sum(1 for answer in parsed if answer["fraction"] == 1) == 1
    question["answers"] = parsed


def _matching(question: dict, answer_text: str, line: int) -> None:
    pairs = _split_answers(answer_text, "=")
    if len(pairs) < 2:
        raise GiftError([(line, _("a matching question needs at least two pairs"))])
    subquestions = []
    for pair in pairs:
        if "->" not in pair:
            message = _("the pair '%(pair)s' has no '->'") % {"pair": _unescape(pair)}
            raise GiftError([(line, message)])
        text, _arrow, answer = pair.partition("->")
        text, _format = _with_format(text.strip(_PHP_TRIM), question["text_format"])
        answer = _unescape(answer).strip(_PHP_TRIM)
        if not answer:
            message = _("the pair '%(pair)s' has no answer after '->'") % {"pair": _unescape(pair)}
            raise GiftError([(line, message)])
        subquestions.append({"text": text, "answer": answer})
    if sum(1 for sub in subquestions if sub["text"]) < 2:
        raise GiftError([(line, _("a matching question needs at least two questions to match"))])
    question["subquestions"] = subquestions


def _truefalse(question: dict, answer_text: str) -> None:
    bits = answer_text.split("#", 2)
    fmt = question["text_format"]
    wrong = _with_format(bits[1], fmt)[0] if len(bits) > 1 else ""
    right = _with_format(bits[2], fmt)[0] if len(bits) > 2 else ""
    correct = bits[0].strip(_PHP_TRIM) in ("T", "TRUE")
    question["correct"] = correct
    question["feedback_true"] = (right if correct else wrong) or None
    question["feedback_false"] = (wrong if correct else right) or None


def _shortanswer(question: dict, answer_text: str, line: int) -> None:
    answers = _split_answers(answer_text, "=")
    parsed = []
    for answer in answers:
        fraction, answer = _weight(answer, line)
        text, feedback = _answer_and_feedback(answer, question["text_format"])
        if not text:
            raise GiftError([(line, _("a short answer is empty"))])
        parsed.append(
            {"text": text, "fraction": 1.0 if fraction is None else fraction, "feedback": feedback}
        )
    if not parsed:
        raise GiftError([(line, _("a short-answer question needs at least one answer"))])
    question["answers"] = parsed


def _numerical(question: dict, answer_text: str, line: int) -> None:
    answer_text = answer_text[1:]
    wrong_feedback = None
    if "~" in answer_text:
        position = answer_text.index("~")
        answer_text, wrong = answer_text[:position], answer_text[position + 1 :]
        wrong_feedback = _answer_and_feedback(wrong, question["text_format"])[1]
    parsed = []
    for answer in _split_answers(answer_text, "="):
        fraction, answer = _weight(answer, line)
        text, feedback = _answer_and_feedback(answer, question["text_format"])
        value, tolerance = _numerical_answer(text, line)
        parsed.append(
            {
                "text": text,
                "fraction": 1.0 if fraction is None else fraction,
                "feedback": feedback,
                "value": value,
                "tolerance": tolerance,
            }
        )
    if not parsed:
        raise GiftError([(line, _("a numerical question needs at least one number"))])
    if wrong_feedback is not None:
        parsed.append(
            {"text": "*", "fraction": 0.0, "feedback": wrong_feedback, "value": None,
             "tolerance": None}
        )  # fmt: skip
    question["answers"] = parsed


def _numerical_answer(text: str, line: int) -> tuple[float, float]:
    """Value and tolerance of `3.14:0.01`, `1..5` (midpoint, half-width) or `42`."""
    if text.find("..") > 0:
        low_text, _dots, high_text = text.partition("..")
        low = _number(low_text, line, _("the range start"))
        high = _number(high_text, line, _("the range end"))
        if high < low:
            message = _("the range %(range)s ends before it starts") % {"range": text}
            raise GiftError([(line, message)])
        return (low + high) / 2, (high - low) / 2
    if text.find(":") > 0:
        value_text, _colon, tolerance_text = text.partition(":")
        value = _number(value_text, line, _("the answer"))
        tolerance = _number(tolerance_text, line, _("the tolerance"))
        if tolerance < 0:
            message = _("the tolerance in %(answer)s is negative") % {"answer": text}
            raise GiftError([(line, message)])
        return value, tolerance
    return _number(text, line, _("the answer")), 0.0


def _read_block(block: _Block, category: str | None) -> dict | str | None:
    """A question dictionary, a new category (str), or None for a block of comments."""
    comments = []
    lines = []
    for _line_number, line in block.lines:
        if line.startswith("//"):
            comments.append(line)
            lines.append(" ")
        else:
            lines.append(line)
    text = "\n".join(lines).strip(_PHP_TRIM)
    if not text:
        return None
    line = next(number for number, content in block.lines if not content.startswith("//"))
    text = _escape_pre(text)
    if text.startswith("$CATEGORY:"):
        name = _unescape(text[10:]).strip(_PHP_TRIM)
        if not name:
            raise GiftError([(line, _("$CATEGORY: names no category"))])
        return name

    name = None
    if text.startswith("::"):
        text = text[2:]
        end = text.find("::")
        if end >= 0:
            name = _clean_name(text[:end])
            text = text[end + 2 :].strip(_PHP_TRIM)

    start, finish = text.find("{"), text.find("}")
    description = start < 0 and finish < 0
    if description:
        question_text, answer_text = text, ""
    elif start < 0:
        raise GiftError([(line, _("a closing brace } has no opening brace {"))])
    elif finish < 0:
        raise GiftError([(line, _("an opening brace { has no closing brace }"))])
    elif finish < start:
        raise GiftError([(line, _("a closing brace } comes before the opening brace {"))])
    else:
        answer_text = text[start + 1 : finish].strip(_PHP_TRIM)
        if text.endswith("}") and finish == len(text) - 1:
            question_text = text[:start]
        else:
            question_text = text[:start] + MISSING_WORD + text[finish + 1 :]

    general_feedback = ""
    separator = answer_text.rfind("####")
    if separator >= 0:
        general_feedback = answer_text[separator + 4 :]
        answer_text = answer_text[:separator].strip(_PHP_TRIM)

    body, text_format = _with_format(question_text.strip(_PHP_TRIM), DEFAULT_FORMAT)
    feedback, _format = _with_format(general_feedback.strip(_PHP_TRIM), text_format)
    idnumber, tags = _tags_and_idnumber("\n".join(comments))
    qtype = _question_type(answer_text, description)
    question: dict = {
        "type": qtype,
        "name": name or _default_name(body),
        "text": body,
        "text_format": text_format,
        "category": category,
        "general_feedback": feedback or None,
        "idnumber": idnumber,
        "tags": tags,
        "answers": [],
    }
    if qtype == "multichoice":
        _multichoice(question, answer_text, line)
    elif qtype == "matching":
        _matching(question, answer_text, line)
    elif qtype == "truefalse":
        _truefalse(question, answer_text)
    elif qtype == "shortanswer":
        _shortanswer(question, answer_text, line)
    elif qtype == "numerical":
        _numerical(question, answer_text, line)
    question["line"] = line
    return question


def parse(data: bytes | str) -> list[dict]:
    """Every question of a GIFT file, or GiftError listing every problem found.

    Each question carries the line it starts on under "line"; `public_form` drops it.
    """
    text = decode(data)
    if "\x00" in text:
        raise GiftError([(None, _("the file holds NUL characters: it is not a GIFT text file"))])
    questions = []
    problems: list[tuple[int | None, str]] = []
    category = None
    for block in _blocks(text):
        try:
            result = _read_block(block, category)
        except GiftError as error:
            problems.extend(error.problems)
            continue
        if isinstance(result, str):
            category = result
        elif result is not None:
            questions.append(result)
    if problems:
        raise GiftError(problems)
    return questions


def public_form(question: dict) -> dict:
    """The documented JSON form of a parsed question (without its line number)."""
    return {key: value for key, value in question.items() if key != "line"}


# Writing GIFT.


def escape(text: str | None) -> str:
    text = text or ""
    for char, escaped in (
        ("\\", "\\\\"),
        ("#", "\\#"),
        ("=", "\\="),
        ("~", "\\~"),
        ("{", "\\{"),
        ("}", "\\}"),
        (":", "\\:"),
        ("\r\n", "\\n"),
        ("\n", "\\n"),
        ("\r", "\\n"),
    ):
        text = text.replace(char, escaped)
    return text


def _format_number(value: float) -> str:
    return repr(float(value)) if value != int(value) or abs(value) >= 1e15 else str(int(value))


def _numerical_spec(answer: dict) -> str:
    """The answer as written (`1..5`, `3.14:0.01`) if it still says the same, else value:tol."""
    value, tolerance = float(answer["value"]), float(answer.get("tolerance") or 0)
    written = str(answer.get("text") or "")
    if _NUMERIC_SPEC_RE.match(written):
        try:
            parsed = _numerical_answer(written, 0)
        except GiftError:
            parsed = None
        if parsed == (value, tolerance):
            return written
    return f"{_format_number(value)}:{_format_number(tolerance)}"


def _weight_prefix(fraction: float, *, always: bool = False) -> str:
    if fraction == 0 and not always:
        return ""
    percent = round(fraction * 100, 5)
    return f"%{_format_number(percent)}%"


def _answer_text(text: str) -> str:
    # A leading % would read as a weight and a leading [word] as a text format.
    escaped = escape(text)
    return escaped


def _feedback(feedback: str | None) -> str:
    return f"#{escape(feedback)}" if feedback else ""


def _question_text(question: dict) -> str:
    return f"[{question.get('text_format') or DEFAULT_FORMAT}]" + escape(question.get("text"))


def _answer_block(question: dict) -> str:
    qtype = question["type"]
    lines: list[str] = []
    if qtype == "multichoice":
        for answer in question["answers"]:
            fraction = float(answer["fraction"])
            text = _answer_text(answer["text"])
            if fraction == 1:
                lines.append(f"\t={text}{_feedback(answer.get('feedback'))}")
            else:
                always = text.startswith("%")
                prefix = _weight_prefix(fraction, always=always)
                lines.append(f"\t~{prefix}{text}{_feedback(answer.get('feedback'))}")
    elif qtype == "shortanswer":
        for answer in question["answers"]:
            prefix = _weight_prefix(float(answer["fraction"]), always=True)
            lines.append(f"\t={prefix}{_answer_text(answer['text'])}"
                         f"{_feedback(answer.get('feedback'))}")  # fmt: skip
    elif qtype == "numerical":
        lines.append("#")
        wrong = []
        for answer in question["answers"]:
            if answer.get("value") is None:
                wrong.append(f"\t~#{escape(answer.get('feedback'))}")
                continue
            prefix = _weight_prefix(float(answer["fraction"]), always=True)
            spec = _numerical_spec(answer)
            lines.append(f"\t={prefix}{spec}{_feedback(answer.get('feedback'))}")
        lines.extend(wrong[:1])
    elif qtype == "matching":
        for sub in question.get("subquestions") or []:
            lines.append(f"\t={escape(sub['text'])} -> {escape(sub['answer'])}")
    elif qtype == "truefalse":
        correct = bool(question.get("correct"))
        right = question.get("feedback_true") if correct else question.get("feedback_false")
        wrong = question.get("feedback_false") if correct else question.get("feedback_true")
        value = "TRUE" if correct else "FALSE"
        if right:
            value += f"#{escape(wrong)}#{escape(right)}"
        elif wrong:
            value += f"#{escape(wrong)}"
        lines.append(value)
    general = question.get("general_feedback")
    if general:
        lines.append(f"\t####{escape(general)}")
    if qtype == "numerical":
        return "{" + lines[0] + "\n" + "\n".join(lines[1:]) + "\n}"
    if qtype in ("truefalse",):
        return "{" + "".join(lines) + "}"
    if not lines:
        return "{}"
    return "{\n" + "\n".join(lines) + "\n}"


def _comment_lines(question: dict) -> list[str]:
    markers = []
    if question.get("idnumber"):
        markers.append("[id:{}]".format(str(question["idnumber"]).replace("]", "\\]")))
    for tag in question.get("tags") or []:
        markers.append("[tag:{}]".format(str(tag).replace("]", "\\]")))
    return ["// " + " ".join(markers)] if markers else []


def write_question(question: dict) -> str:
    lines = _comment_lines(question)
    head = f"::{escape(question['name'])}::"
    text = _question_text(question)
    if question["type"] == "description":
        lines.append(head + text)
        return "\n".join(lines)
    answers = _answer_block(question)
    if MISSING_WORD in text:
        before, _blank, after = text.partition(MISSING_WORD)
        # Text must follow the braces for a missing word; an escaped newline is trimmed away.
        after = after or "\\n"
        lines.append(f"{head}{before}{answers}{after}")
    else:
        lines.append(f"{head}{text}{answers}")
    return "\n".join(lines)


def write(questions: Iterable[dict]) -> str:
    """GIFT text for `questions` (dictionaries in the JSON form), grouped by category."""
    parts = []
    category: str | None = None
    for question in questions:
        if question.get("category") and question["category"] != category:
            category = question["category"]
            parts.append(f"$CATEGORY: {category}")
        parts.append(write_question(question))
    return "\n\n".join(parts) + "\n"
