"""The question bank: import, export, versions, the import_gift command."""

import json

import pytest
from django.core.management import CommandError, call_command

from capdev.quizzes import gift, services
from capdev.quizzes.models import Question, QuestionCategory, QuestionVersion, Tag
from capdev.quizzes.tests.factories import GIFT_SAMPLE, mc_question, standard_quiz

pytestmark = pytest.mark.django_db

FULL = (
    GIFT_SAMPLE
    + """
$CATEGORY: $course$/top/Module 1/Quotas

::Match::Match the text to its year.{=CEDAW -> 1979 =Beijing -> 1995 = -> 2030}

::Essay::Describe one barrier.{####A model answer names a barrier.}

::Intro::[markdown]Read **carefully**.

::Pi::{#=3.1416:0.0001 =%50%3.14:0.01 ~#No}
"""
)


def test_import_creates_categories_versions_and_tags(trainer):
    result = services.gift_import(data=FULL, user=trainer, category_name="Leadership")
    assert result.created == 8
    assert result.categories == ["Leadership", "Leadership/Module 1/Quotas"]
    root = QuestionCategory.objects.get(name="Leadership", parent=None)
    quotas = QuestionCategory.objects.get(name="Quotas")
    assert quotas.parent.name == "Module 1" and quotas.parent.parent == root
    parity = Question.objects.get(name="Parity")
    assert parity.idnumber == "LEAD-1"
    assert [t.name for t in parity.tags.all()] == ["leadership"]
    assert parity.current_version.number == 1
    assert parity.current_version.data["answers"][1]["feedback"] == "No: the data says otherwise."
    assert Question.objects.get(name="Intro").current_version.default_mark == 0


def test_import_twice_reuses_categories(trainer):
    services.gift_import(data=FULL, user=trainer, category_name="Leadership")
    services.gift_import(data=FULL, user=trainer, category_name="Leadership")
    assert QuestionCategory.objects.filter(name="Quotas").count() == 1
    assert Question.objects.count() == 16
    assert Tag.objects.count() == 1


def test_import_is_all_or_nothing(trainer):
    broken = FULL + "\n\n::Bad::{~only one}\n"
    with pytest.raises(gift.GiftError, match=r"line 2[0-9]"):
        services.gift_import(data=broken, user=trainer)
    assert not Question.objects.exists()
    assert not QuestionCategory.objects.exists()


def test_dry_run_imports_nothing(trainer):
    result = services.gift_import(data=FULL, user=trainer, dry_run=True)
    assert len(result.questions) == 8
    assert result.created == 0
    assert not Question.objects.exists()


def test_export_then_import_gives_the_same_questions(trainer):
    services.gift_import(data=FULL, user=trainer, category_name="Source")
    source = QuestionCategory.objects.get(name="Source", parent=None)
    exported = services.gift_export(category=source)
    services.gift_import(data=exported, user=trainer, category_name="Copy")
    copy = QuestionCategory.objects.get(name="Copy", parent=None)

    def snapshot(root):
        ids = services.category_descendants(root)
        rows = []
        for q in Question.objects.filter(category_id__in=ids).order_by("name"):
            path = services.category_path(q.category).split("/", 1)[1:]
            rows.append(
                (q.name, q.idnumber, sorted(t.name for t in q.tags.all()), path,
                 q.current_version.data, q.current_version.default_mark)
            )  # fmt: skip
        return rows

    assert snapshot(copy) == snapshot(source)
    assert len(snapshot(copy)) == 8
    # And exporting the copy gives the same text again.
    assert services.gift_export(category=copy) == exported


def test_editing_adds_a_version_and_keeps_finished_attempts(trainer, learner):
    quiz = standard_quiz(owner=trainer)
    attempt = services.attempt_start(quiz=quiz, user=learner)
    row = attempt.questions.get(position=1)
    services.attempt_save(attempt=attempt, responses={1: {"choice": 0}})
    services.attempt_submit(attempt_id=attempt.pk)
    question = row.version.question
    data = dict(question.current_version.data)
    data["answers"] = [
        {"text": "Fewer than a third", "fraction": 0},
        {"text": "About half", "fraction": 1},
    ]
    services.question_update(question=question, data=data, user=trainer)
    question.refresh_from_db()
    assert question.current_version.number == 2
    assert question.versions.count() == 2
    row.refresh_from_db()
    assert row.version.number == 1
    assert row.fraction == 1
    # Regrading uses the version the attempt was given, not the edit.
    services.attempts_regrade(quiz=quiz)
    row.refresh_from_db()
    assert row.fraction == 1
    # A new attempt gets the new version.
    second = services.attempt_start(quiz=quiz, user=learner)
    assert second.questions.get(position=1).version.number == 2


def test_delete_hides_a_used_question(trainer):
    cat = services.category_create(name="C")
    used = mc_question(cat)
    unused = mc_question(cat, name="Unused")
    standard = services.quiz_create(title="Q", owner=trainer)
    services.quiz_add_question(quiz=standard, question=used)
    assert services.question_delete(question=used) is False
    assert services.question_delete(question=unused) is True
    used.refresh_from_db()
    assert used.is_hidden
    assert not Question.objects.filter(name="Unused").exists()
    assert QuestionVersion.objects.filter(question=used).exists()


def test_question_content_is_validated():
    from django.core.exceptions import ValidationError

    cat = services.category_create(name="C")
    with pytest.raises(ValidationError):
        services.question_create(
            category=cat,
            data={"type": "multichoice", "name": "x", "answers": [{"text": "a", "fraction": 1}]},
        )
    with pytest.raises(ValidationError):
        services.question_create(category=cat, data={"type": "nope", "name": "x"})
    with pytest.raises(ValidationError):
        services.question_create(
            category=cat,
            data={"type": "shortanswer", "name": "x", "answers": [{"text": "a", "fraction": 2}]},
        )


# The command.


@pytest.fixture
def gift_file(tmp_path):
    path = tmp_path / "bank.gift"
    path.write_text(FULL, encoding="utf-8")
    return path


def test_command_dry_run_json_prints_the_documented_form(gift_file, capsys):
    call_command("import_gift", str(gift_file), "--dry-run", "--json")
    questions = json.loads(capsys.readouterr().out)
    assert not Question.objects.exists()
    assert len(questions) == 8
    parity = questions[0]
    assert parity == {
        "type": "multichoice",
        "name": "Parity",
        "text": "In most countries, who holds fewer senior posts?",
        "text_format": "moodle",
        "category": None,
        "general_feedback": None,
        "idnumber": "LEAD-1",
        "tags": ["leadership"],
        "single": True,
        "answers": [
            {"text": "Women", "fraction": 1.0, "feedback": None},
            {"text": "Men", "fraction": 0.0, "feedback": "No: the data says otherwise."},
        ],
    }
    quota = questions[1]
    assert (quota["type"], quota["correct"]) == ("truefalse", True)
    assert quota["feedback_true"] == "Right: it is temporary."
    assert quota["feedback_false"] == "Look again."
    match = next(q for q in questions if q["type"] == "matching")
    assert match["category"] == "$course$/top/Module 1/Quotas"
    assert match["subquestions"][0] == {"text": "CEDAW", "answer": "1979"}
    pi = next(q for q in questions if q["name"] == "Pi")
    assert pi["answers"][2] == {
        "text": "*", "fraction": 0.0, "feedback": "No", "value": None, "tolerance": None
    }  # fmt: skip


def test_command_imports_into_a_category(gift_file, capsys):
    call_command("import_gift", str(gift_file), "--category", "Module 1 bank")
    assert "Imported 8 questions" in capsys.readouterr().out
    assert Question.objects.filter(category__name="Module 1 bank").count() == 4


def test_command_errors_name_the_line(tmp_path):
    path = tmp_path / "bad.gift"
    path.write_bytes(b"::A::ok{T}\r\n\r\n::B::broken{=a ~b\r\n")
    with pytest.raises(CommandError, match="line 3: an opening brace"):
        call_command("import_gift", str(path))
    assert not Question.objects.exists()


def test_command_refuses_other_encodings(tmp_path):
    path = tmp_path / "latin.gift"
    path.write_bytes("::Q::Égalité{T}".encode("cp1252"))
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("import_gift", str(path))


def test_command_unknown_course_and_missing_file(gift_file, tmp_path):
    with pytest.raises(CommandError, match="No course"):
        call_command("import_gift", str(gift_file), "--course", "no-such-course")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_gift", str(tmp_path / "missing.gift"))
