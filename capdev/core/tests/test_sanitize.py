import pytest

from capdev.core.sanitize import clean_html


@pytest.mark.parametrize(
    "dirty",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<p style="background:url(javascript:alert(1))">x</p>',
        "<iframe src='https://evil.example'></iframe>",
        "<svg><script>alert(1)</script></svg>",
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
        "<form action='/x'><input name=a></form>",
    ],
)
def test_dangerous_markup_is_made_inert(dirty):
    clean = clean_html(dirty).lower()
    for marker in (
        "<script",
        "onerror",
        "javascript:",
        "style=",
        "<iframe",
        "data:",
        "<form",
        "<input",
    ):
        assert marker not in clean


def test_structure_and_links_are_kept():
    clean = clean_html('<h2>Plan</h2><p>See <a href="https://un.org">UN</a></p><ul><li>a</li></ul>')
    assert "<h2>Plan</h2>" in clean
    assert 'href="https://un.org"' in clean
    assert 'rel="noopener noreferrer nofollow"' in clean
    assert "<li>a</li>" in clean


def test_none_and_plain_text():
    assert clean_html(None) == ""
    assert clean_html("5 < 6 & 7") == "5 &lt; 6 &amp; 7"
