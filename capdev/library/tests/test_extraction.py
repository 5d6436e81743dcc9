import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capdev.library.extraction import ExtractionError, extract
from capdev.library.testing import make_docx, make_encrypted_pdf, make_pdf, make_pptx


def test_pdf_gives_one_section_per_page():
    sections = list(extract(make_pdf(["Budget of the project", "Second page: Bhutan"]), "pdf"))
    assert [s.number for s in sections] == [1, 2]
    assert "Budget" in sections[0].text and "Bhutan" in sections[1].text


def test_docx_sections_follow_headings():
    data = make_docx([("Objectives", "Review the plans.\n\nShare experience."), ("Budget", "USD")])
    sections = list(extract(data, "docx"))
    assert [(s.heading, s.text) for s in sections] == [
        ("Objectives", "Review the plans.\n\nShare experience."),
        ("Budget", "USD"),
    ]


def test_pptx_gives_one_section_per_slide_with_its_title():
    sections = list(extract(make_pptx([("Timeline", "2022 to 2024"), ("Budget", "Italy")]), "pptx"))
    assert [(s.number, s.heading, s.text) for s in sections] == [
        (1, "Timeline", "2022 to 2024"),
        (2, "Budget", "Italy"),
    ]


def test_html_drops_scripts_and_splits_on_headings():
    html = b"<html><body><h1>News</h1><p>Forum in <b>Incheon</b></p><script>x()</script></body>"
    sections = list(extract(html, "html"))
    assert [(s.heading, s.text) for s in sections] == [("News", "Forum in Incheon")]


def test_markdown_splits_on_headings():
    sections = list(extract(b"# One\n\nFirst *part*\n\n## Two\n\nSecond", "markdown"))
    assert [(s.heading, s.text) for s in sections] == [("One", "First part"), ("Two", "Second")]


def test_text_pages_split_on_form_feeds():
    assert [s.text for s in extract("one\fdeux é".encode(), "text")] == ["one", "deux é"]


def test_encrypted_pdf_is_reported():
    with pytest.raises(ExtractionError, match="encrypted"):
        list(extract(make_encrypted_pdf(["secret"]), "pdf"))


@pytest.mark.parametrize("kind", ["pdf", "docx", "pptx"])
def test_corrupt_files_are_reported(kind):
    data = {"pdf": b"%PDF-1.7\n1 0 obj broken", "docx": b"PK\x03\x04broken", "pptx": b"PK\x03"}
    with pytest.raises(ExtractionError):
        list(extract(data[kind], kind))


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["pdf", "docx", "pptx", "html", "markdown"]))
def test_any_bytes_either_extract_or_raise_extraction_error(data, kind):
    with contextlib.suppress(ExtractionError):
        list(extract(data, kind))
