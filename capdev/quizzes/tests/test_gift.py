"""The GIFT reader and writer: every syntax element, malformed input, random input."""

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capdev.quizzes import gift
from capdev.quizzes.gift import GiftError


def one(text):
    questions = gift.parse(text)
    assert len(questions) == 1
    return gift.public_form(questions[0])


def test_title_text_and_default_format():
    q = one("::My title::What is CEDAW?{=A convention ~A court}")
    assert q["name"] == "My title"
    assert q["text"] == "What is CEDAW?"
    assert q["text_format"] == "moodle"
    assert q["category"] is None


def test_name_defaults_to_the_text():
    q = one("Who chairs the commission?{=The minister ~Nobody}")
    assert q["name"] == "Who chairs the commission?"


@pytest.mark.parametrize("fmt", ["html", "moodle", "plain", "markdown"])
def test_text_formats(fmt):
    q = one(f"::T::[{fmt}]Some *text*{{=a ~b}}")
    assert q["text_format"] == fmt
    assert q["text"] == "Some *text*"


def test_unknown_format_marker_stays_in_the_text():
    assert one("::T::[wiki]Text{=a ~b}")["text"] == "[wiki]Text"


def test_category_applies_to_following_questions():
    questions = gift.parse(
        "::A::a{=x ~y}\n\n$CATEGORY: $course$/top/Module 1/Quotas\n\n::B::b{=x ~y}\n\n::C::c{}"
    )
    assert [q["category"] for q in questions] == [None, "$course$/top/Module 1/Quotas"] * 1 + [
        "$course$/top/Module 1/Quotas"
    ]


def test_comments_give_idnumber_and_tags_of_their_block_only():
    text = (
        "// a file comment [tag:ignored]\n\n"
        "// [id:Q-1] [tag:leadership] [tag: gender ]\n// [tag:a\\]b]\n"
        "::Q::text{=x ~y}\n"
    )
    q = one(text)
    assert q["idnumber"] == "Q-1"
    assert q["tags"] == ["leadership", "gender", "a]b"]


def test_comment_lines_inside_a_question_are_dropped():
    q = one("::Q::Which?{\n// the right one:\n=x\n~y\n}")
    assert [a["text"] for a in q["answers"]] == ["x", "y"]


def test_escapes():
    q = one(r"::A\:B::Use \~ \= \# \{ \} \: and \\ here{=x\=1 ~y\#2#fb\}}")
    assert q["name"] == "A:B"
    assert q["text"] == "Use ~ = # { } : and \\ here"
    assert [a["text"] for a in q["answers"]] == ["x=1", "y#2"]
    assert q["answers"][1]["feedback"] == "fb}"


def test_multichoice_weights_and_feedback():
    q = one("::Q::Pick{=right#Yes ~%50%half#Half ~%-25%bad#Oops ~wrong}")
    assert q["type"] == "multichoice"
    assert q["single"] is True
    assert q["answers"] == [
        {"text": "right", "fraction": 1.0, "feedback": "Yes"},
        {"text": "half", "fraction": 0.5, "feedback": "Half"},
        {"text": "bad", "fraction": -0.25, "feedback": "Oops"},
        {"text": "wrong", "fraction": 0.0, "feedback": None},
    ]


def test_multiple_answers_are_not_single():
    q = one("::Q::Pick two{~%50%a ~%50%b ~%-100%c}")
    assert q["single"] is False
    assert one("::Q::x{~%33.33333%a ~%33.33333%b ~%33.33334%c ~d}")["answers"][0]["fraction"] == (
        0.3333333
    )


def test_general_feedback():
    q = one("::Q::Pick{=a ~b####Read section 2.}")
    assert q["general_feedback"] == "Read section 2."
    assert one("::Q::Write{####Model answer}")["type"] == "essay"


@pytest.mark.parametrize(
    ("body", "correct"), [("T", True), ("TRUE", True), ("F", False), ("FALSE", False)]
)
def test_true_false(body, correct):
    q = one(f"::Q::Quotas are temporary.{{{body}}}")
    assert q["type"] == "truefalse"
    assert q["correct"] is correct
    assert q["feedback_true"] is None and q["feedback_false"] is None


def test_true_false_feedback_goes_to_the_answer_chosen():
    q = one("::Q::S{T#Wrong answer chosen#Right answer chosen}")
    assert q["feedback_true"] == "Right answer chosen"
    assert q["feedback_false"] == "Wrong answer chosen"
    q = one("::Q::S{FALSE#You said true#You said false}")
    assert q["correct"] is False
    assert q["feedback_true"] == "You said true"
    assert q["feedback_false"] == "You said false"


def test_short_answer():
    q = one("::Q::Which convention?{=CEDAW =%50%The convention#Which one? =Convention on*}")
    assert q["type"] == "shortanswer"
    assert q["answers"] == [
        {"text": "CEDAW", "fraction": 1.0, "feedback": None},
        {"text": "The convention", "fraction": 0.5, "feedback": "Which one?"},
        {"text": "Convention on*", "fraction": 1.0, "feedback": None},
    ]
    assert one("::Q::Name it{CEDAW}")["answers"][0]["text"] == "CEDAW"


def test_matching():
    q = one("::Q::Match{=CEDAW -> 1979 =Beijing -> 1995 = -> 2030}")
    assert q["type"] == "matching"
    assert q["subquestions"] == [
        {"text": "CEDAW", "answer": "1979"},
        {"text": "Beijing", "answer": "1995"},
        {"text": "", "answer": "2030"},
    ]


def test_numerical_forms():
    assert one("::Q::Pi{#3.14:0.01}")["answers"] == [
        {"text": "3.14:0.01", "fraction": 1.0, "feedback": None, "value": 3.14, "tolerance": 0.01}
    ]
    ranged = one("::Q::Range{#1..5}")["answers"][0]
    assert (ranged["value"], ranged["tolerance"]) == (3.0, 2.0)
    exact = one("::Q::Year{#1995}")["answers"][0]
    assert (exact["value"], exact["tolerance"]) == (1995.0, 0.0)


def test_several_numerical_answers_with_weights_and_wrong_feedback():
    q = one("::Q::Pi{#=3.1416:0.0001#Exact =%50%3.14:0.01#Close ~#Not even close}")
    assert q["type"] == "numerical"
    assert [(a["fraction"], a["value"], a["feedback"]) for a in q["answers"]] == [
        (1.0, 3.1416, "Exact"),
        (0.5, 3.14, "Close"),
        (0.0, None, "Not even close"),
    ]


def test_essay_and_description():
    assert one("::E::Describe a barrier.{}")["type"] == "essay"
    description = one("::D::Read the case study below before answering.")
    assert description["type"] == "description"
    assert description["answers"] == []


def test_missing_word():
    q = one("Women hold {=a third ~half} of senior posts.")
    assert q["type"] == "multichoice"
    assert q["text"] == "Women hold _____ of senior posts."


def test_multi_line_questions_and_crlf():
    text = "::Q::First line\r\nsecond line{\r\n=a\r\n~b\r\n}\r\n\r\n::R::x{T}\r\n"
    questions = gift.parse(text.encode())
    assert [q["name"] for q in questions] == ["Q", "R"]
    assert questions[0]["text"] == "First line\nsecond line"


def test_byte_order_mark_is_ignored():
    assert gift.parse(b"\xef\xbb\xbf::Q::x{T}")[0]["name"] == "Q"


def test_other_encodings_are_refused_clearly():
    with pytest.raises(GiftError, match="not UTF-8"):
        gift.parse("::Q::Égalité{T}".encode("latin-1"))
    with pytest.raises(GiftError, match="not UTF-8"):
        gift.parse("::Q::x{T}".encode("utf-16"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("::Q::no closing{=a ~b", "line 4: an opening brace"),
        ("::Q::no opening =a ~b}", "line 4: a closing brace"),
        ("::Q::backwards} text {", "comes before"),
        ("::Q::one choice{~a}", "at least two answers"),
        ("::Q::bad weight{~%150%a ~b}", "outside -100% to 100%"),
        ("::Q::nan{#abc}", "is not a number"),
        ("::Q::range{#5..1}", "ends before it starts"),
        ("::Q::tol{#5:-1}", "is negative"),
        ("::Q::no numbers{#}", "at least one number"),
        ("::Q::match{=a -> 1 =b}", "has no '->'"),
        ("::Q::match{=a -> 1 = -> 2}", "at least two questions"),
        ("$CATEGORY:", "names no category"),
        ("::Q::empty{~ ~a ~b}", "is empty"),
    ],
)
def test_malformed_input_names_line_and_reason(text, message):
    with pytest.raises(GiftError) as error:
        gift.parse("// header\n\n\n" + text)
    assert message in str(error.value)
    assert error.value.problems[0][0] == 4


def test_every_error_is_reported():
    with pytest.raises(GiftError) as error:
        gift.parse("::A::{~a}\n\n::B::fine{T}\n\n::C::{#x}")
    assert [line for line, _ in error.value.problems] == [1, 5]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parser_raises_only_its_own_error_on_any_text(text):
    with contextlib.suppress(GiftError):
        gift.parse(text)


GIFT_ALPHABET = st.sampled_from(
    [
        *list("{}~=#:%->.\\/[]$ \n\r\tTFaz019_*"),
        "::",
        "####",
        "//",
        "..",
        "->",
        "[html]",
        "$CATEGORY:",
        "[id:",
        "[tag:",
        "{#",
        "%50%",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(GIFT_ALPHABET, max_size=60).map("".join))
def test_parser_raises_only_its_own_error_on_gift_like_text(text):
    try:
        questions = gift.parse(text)
    except GiftError:
        return
    for question in questions:
        assert question["type"] in gift.QUESTION_TYPES
        gift.write([question])


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_parser_raises_only_its_own_error_on_any_bytes(data):
    with contextlib.suppress(GiftError):
        gift.parse(data)


# Export → import.

SAFE_TEXT = (
    st.text(
        alphabet=st.characters(
            codec="utf-8",
            exclude_categories=("Cc", "Cs", "Co", "Zl", "Zp"),
            exclude_characters="%[>-",
        ),
        min_size=1,
        max_size=30,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(lambda s: s and "_____" not in s)
)
FRACTION = st.sampled_from([0.0, 0.1, 0.25, 0.5, -0.5, -1.0, 0.3333333])


@st.composite
def questions(draw):
    qtype = draw(st.sampled_from(gift.QUESTION_TYPES))
    question = {
        "type": qtype,
        "name": draw(SAFE_TEXT),
        "text": draw(SAFE_TEXT),
        "text_format": draw(st.sampled_from(gift.TEXT_FORMATS)),
        "category": None,
        "general_feedback": None if qtype == "description" else draw(st.none() | SAFE_TEXT),
        # Moodle has no escape for a backslash before the closing bracket of [id:] or [tag:].
        "idnumber": draw(st.none() | SAFE_TEXT.filter(lambda s: "\\" not in s)),
        "tags": draw(st.lists(SAFE_TEXT.filter(lambda s: not set(s) & set("<`\\")),
                              max_size=3, unique=True)),
        "answers": [],
    }  # fmt: skip
    if qtype == "multichoice":
        answers = [
            {"text": draw(SAFE_TEXT), "fraction": draw(FRACTION),
             "feedback": draw(st.none() | SAFE_TEXT)}
            for _ in range(draw(st.integers(2, 5)))
        ]  # fmt: skip
        answers[0]["fraction"] = 1.0
        question["answers"] = answers
        question["single"] = sum(1 for a in answers if a["fraction"] == 1) == 1
    elif qtype == "shortanswer":
        question["answers"] = [
            {"text": draw(SAFE_TEXT.filter(lambda s: s not in ("T", "TRUE", "F", "FALSE"))),
             "fraction": draw(st.sampled_from([1.0, 0.5])), "feedback": draw(st.none() | SAFE_TEXT)}
            for _ in range(draw(st.integers(1, 3)))
        ]  # fmt: skip
    elif qtype == "numerical":
        values = st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: round(v, 3))
        question["answers"] = [
            {"text": "", "fraction": draw(st.sampled_from([1.0, 0.5])),
             "feedback": draw(st.none() | SAFE_TEXT), "value": draw(values),
             "tolerance": draw(st.sampled_from([0.0, 0.5, 2.0]))}
            for _ in range(draw(st.integers(1, 3)))
        ]  # fmt: skip
    elif qtype == "matching":
        question["subquestions"] = [
            {"text": draw(SAFE_TEXT), "answer": draw(SAFE_TEXT)}
            for _ in range(draw(st.integers(2, 4)))
        ]
    elif qtype == "truefalse":
        question["correct"] = draw(st.booleans())
        question["feedback_true"] = draw(st.none() | SAFE_TEXT)
        question["feedback_false"] = draw(st.none() | SAFE_TEXT)
    return question


def _comparable(question):
    question = dict(question)
    for answer in question.get("answers") or []:
        if question["type"] == "numerical":
            answer.pop("text", None)
    return question


@settings(max_examples=300, deadline=None)
@given(st.lists(questions(), min_size=1, max_size=4))
def test_write_then_parse_gives_the_same_questions(originals):
    parsed = [gift.public_form(q) for q in gift.parse(gift.write(originals))]
    assert [_comparable(q) for q in parsed] == [_comparable(q) for q in originals]


def test_writer_keeps_categories_and_missing_words():
    source = (
        "$CATEGORY: $course$/top/Module 2\n\n// [id:7] [tag:x]\n"
        "Women hold {=a third ~half} of posts.\n\n::N::n{#1..5}\n\n::M::The answer is {=x ~y}"
    )
    first = [gift.public_form(q) for q in gift.parse(source)]
    again = [gift.public_form(q) for q in gift.parse(gift.write(first))]
    assert again == first
    assert first[2]["text"] == "The answer is"
