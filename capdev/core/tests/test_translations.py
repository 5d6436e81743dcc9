"""The French catalogues: complete, without fuzzy guesses, with the placeholders of their
English strings, compiled from their current source, and agreeing with each other.

A missing or empty translation shows English in a French page; a fuzzy one is ignored at
run time; a dropped or misspelt placeholder loses a figure or raises while rendering; a
stale .mo (they are committed) shows yesterday's wording. Django merges every catalogue
into one, so when two translate the same English string (in the same context) differently,
only one wording survives on every page: the other page needs a context (pgettext).
"""

import ast
import gettext
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import django
import pytest
from django.apps import apps
from django.utils.translation import gettext as _
from django.utils.translation import override, pgettext

PACKAGE = Path(__file__).resolve().parents[2]
CATALOGUES = [
    PACKAGE / "locale/fr/LC_MESSAGES/django.po",
    *sorted(PACKAGE.glob("*/locale/fr/LC_MESSAGES/django.po")),
]
# Their strings live in the project catalogue, capdev/locale.
SHARED_CATALOGUE_APPS = {"core", "accounts"}

_NAMED = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdifeEgGxXr]")
_POSITIONAL = re.compile(r"%[-#0 +]*\d*(?:\.\d+)?[sdifeEgGxXr]")


@dataclass
class Entry:
    line: int
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def label(self) -> str:
        return f"line {self.line}: {self.msgid[:60]!r}"


def read_po(path: Path) -> list[Entry]:
    """The live entries of a .po file (obsolete `#~` entries are left out)."""
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int] = ("", 0)
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            if entry is not None and not line:
                entries.append(entry)
                entry = None
            continue
        if entry is None:
            entry = Entry(line=number)
        if line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        keyword, _space, rest = line.partition(" ")
        if line.startswith('"'):
            text = ast.literal_eval(line)
        else:
            text = ast.literal_eval(rest)
            match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            target = ("msgstr", int(match.group(1))) if match else (keyword, 0)
            if target[0] == "msgstr":
                entry.msgstr[target[1]] = ""
        if target[0] == "msgstr":
            entry.msgstr[target[1]] += text
        elif target[0] == "msgid":
            entry.msgid += text
        elif target[0] == "msgid_plural":
            entry.msgid_plural = (entry.msgid_plural or "") + text
        elif target[0] == "msgctxt":
            entry.msgctxt = (entry.msgctxt or "") + text
    if entry is not None:
        entries.append(entry)
    return [e for e in entries if e.msgid or e.msgctxt]  # the header has neither


def _placeholders(text: str) -> tuple[set[str], int]:
    without_named = _NAMED.sub("", text.replace("%%", ""))
    return set(_NAMED.findall(text)), len(_POSITIONAL.findall(without_named))


def problems_in(path: Path) -> list[str]:
    problems = []
    for entry in read_po(path):
        if "fuzzy" in entry.flags:
            problems.append(f"{entry.label} is fuzzy")
        forms = 2 if entry.msgid_plural is not None else 1
        translations = [entry.msgstr.get(index, "") for index in range(forms)]
        if not all(translations):
            problems.append(f"{entry.label} is not translated")
            continue
        if "python-format" not in entry.flags:
            continue
        names, positional = _placeholders(entry.msgid)
        plural_names, _count = _placeholders(entry.msgid_plural or "")
        for translation in translations:
            got_names, got_positional = _placeholders(translation)
            if got_names != names | plural_names or got_positional != positional:
                problems.append(f"{entry.label}: placeholders differ in {translation!r}")
            if "%" in _POSITIONAL.sub("", _NAMED.sub("", translation.replace("%%", ""))):
                problems.append(f"{entry.label}: a lone % in {translation!r} (write %%)")
    return problems


def as_catalog(entries: list[Entry]) -> dict:
    """The entries keyed as gettext keys a compiled catalogue: context\x04msgid, plurals by form."""
    catalog: dict = {}
    for entry in entries:
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt is not None else entry.msgid
        if entry.msgid_plural is None:
            catalog[key] = entry.msgstr[0]
        else:
            catalog.update({(key, index): text for index, text in entry.msgstr.items()})
    return catalog


def disagreements(ours: dict[str, dict], others: dict[str, dict]) -> list[str]:
    """Our strings that two catalogues translate differently, with each one's wording.

    Other packages' catalogues count where they share a string with ours; their quarrels
    among themselves (Django's admin and Django itself differ on "Change") are not ours.
    """
    wordings: dict = defaultdict(lambda: defaultdict(list))
    for name, catalog in {**ours, **others}.items():
        for key, text in catalog.items():
            if key:  # not the header
                wordings[key][text].append(name)
    shared = {key for catalog in ours.values() for key in catalog if key}
    return [
        f"{key!r}: " + "; ".join(f"{text!r} in {', '.join(names)}" for text, names in seen.items())
        for key, seen in wordings.items()
        if key in shared and len(seen) > 1
    ]


def other_packages_catalogues() -> dict[str, dict]:
    """Django's and the installed packages' French catalogues, merged with ours at run time."""
    locales = {"django": Path(django.__file__).parent / "conf/locale"}
    for config in apps.get_app_configs():
        if not config.name.startswith("capdev."):
            locales[config.label] = Path(config.path) / "locale"
    catalogues = {}
    for name, locale in locales.items():
        mo = locale / "fr/LC_MESSAGES/django.mo"
        if mo.exists():
            with mo.open("rb") as compiled_file:
                catalogues[name] = dict(gettext.GNUTranslations(compiled_file)._catalog)  # type: ignore[attr-defined]
    return catalogues


def _name(path: Path) -> str:
    return str(path.relative_to(PACKAGE).parts[0])


def test_every_app_with_pages_has_a_french_catalogue():
    apps = {path.parent.name for path in PACKAGE.glob("*/templates")}
    with_catalogue = {_name(path) for path in CATALOGUES}
    assert apps - SHARED_CATALOGUE_APPS - with_catalogue == set()


@pytest.mark.parametrize("path", CATALOGUES, ids=_name)
def test_french_catalogue_is_complete_and_keeps_the_placeholders(path):
    assert problems_in(path) == []


@pytest.mark.parametrize("path", CATALOGUES, ids=_name)
def test_compiled_catalogue_matches_its_source(path):
    with path.with_suffix(".mo").open("rb") as compiled:
        catalog = dict(gettext.GNUTranslations(compiled)._catalog)  # type: ignore[attr-defined]
    catalog.pop("", None)  # the header
    expected = as_catalog(read_po(path))
    assert catalog == expected, "run `make messages` (or compilemessages) and commit the .mo"


def test_catalogues_agree_on_every_shared_string():
    """One wording per English string and context, across our catalogues and Django's.

    Otherwise the project catalogue, then the app listed first in INSTALLED_APPS (Django's
    admin and allauth come first), silently decides what every other page shows.
    """
    ours = {_name(path): as_catalog(read_po(path)) for path in CATALOGUES}
    assert disagreements(ours, other_packages_catalogues()) == []


def test_the_agreement_check_names_both_wordings():
    community = {"Report": "Signaler", "report a post\x04Report": "Signaler", ("%s post", 1): "%s"}
    programmes = {"Report": "Rapport", ("%s post", 1): "%s"}
    admin = {"Search": "Rechercher", "Change": "Modification", ("%s post", 1): "%s"}
    django_itself = {"Search": "Rechercher", "Change": "Modifier", "Report": "Rapport"}
    ours = {"community": community, "programmes": programmes}
    assert disagreements(ours, {"admin": admin, "django": django_itself}) == [
        "'Report': 'Signaler' in community; 'Rapport' in programmes, django"
    ]


def test_the_check_catches_each_kind_of_problem(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
        '#, fuzzy\nmsgid "Saved"\nmsgstr "Enregistré"\n\n'
        'msgid "Empty"\nmsgstr ""\n\n'
        '#, python-format\nmsgid "%(count)s of %(total)s"\nmsgstr "%(count)s sur %(totl)s"\n\n'
        '#, python-format\nmsgid "%(share)s%% women"\nmsgstr "femmes : %(share)s %."\n\n'
        '#, python-format\nmsgid "%(counter)s result"\nmsgid_plural "%(counter)s results"\n'
        'msgstr[0] "%(counter)s résultat"\nmsgstr[1] ""\n\n'
        '#, python-format\nmsgid "Fine: %(name)s"\nmsgstr ""\n"Bien : "\n"%(name)s"\n',
        encoding="utf-8",
    )
    problems = problems_in(po)
    assert [problem.split(":", 1)[0] for problem in problems] == [
        f"line {number}" for number in (5, 9, 12, 16, 20)
    ]
    assert "is fuzzy" in problems[0] and "not translated" in problems[1]
    assert "placeholders differ" in problems[2] and "lone %" in problems[3]
    assert "not translated" in problems[4]


def _french(label) -> str:
    with override("fr"):
        return str(label)


def test_the_wordings_a_french_review_asked_for():
    from capdev.learning.models import Completion, Submission
    from capdev.programmes.models import Participation, Result
    from capdev.support.models import SupportRequest
    from capdev.support.workflow import ACTION_LABELS

    assert _french(ACTION_LABELS[SupportRequest.Status.CLOSED]) == "Clôturer"
    assert _french(Participation._meta.get_field("position").verbose_name) == "fonction"
    assert _french(Result.Type.OUTCOME.label) == "Effet"
    assert _french(Completion._meta.get_field("completed_at").verbose_name) == "achevé le"
    assert _french(Submission._meta.get_field("feedback").verbose_name) == "commentaires"
    with override("fr"):
        assert _("Search") == "Rechercher"
        assert pgettext("report a post", "Report") == "Signaler"
        assert _("Gender equality") == "Égalité femmes-hommes"
