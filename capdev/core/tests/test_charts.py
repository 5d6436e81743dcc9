import re
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from fontTools.ttLib import TTFont

from capdev.core.charts import Chart, Series, nice_ceiling


def chart(kind="bar", **kwargs):
    return Chart(
        title="People trained by year",
        labels=["2022", "2023", "2024 <b>"],
        series=[Series("Women", [120, None, 310.5]), Series("Men", [100, 90, 280])],
        kind=kind,
        **kwargs,
    )


@pytest.mark.parametrize("kind", ["bar", "hbar", "line"])
def test_svg_is_accessible_and_escaped(kind):
    svg = chart(kind).svg()
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'role="img"' in svg and "<title" in svg
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    assert "Women" in svg and "Men" in svg  # legend for two series


def test_missing_values_are_gaps_not_zero():
    rows = dict(chart().rows())
    assert rows["2023"] == ["—", "90"]
    line = Chart("x", ["a", "b", "c"], [Series("s", [1, None, 3])], kind="line").svg()
    assert line.count("<polyline") == 0  # two one-point segments, no line across the gap
    assert line.count("<circle") == 2


def test_table_formats_in_the_active_language():
    with translation.override("fr"):
        rows = dict(Chart("x", ["a"], [Series("s", [13250.5])], unit="%").rows())
    assert rows["a"] == ["13\xa0250,5%"]


def test_series_must_match_labels():
    with pytest.raises(ValueError, match="has 1 values for 2 labels"):
        Chart("x", ["a", "b"], [Series("s", [1])])


@pytest.mark.parametrize(("value", "ceiling"), [(0, 1), (7, 10), (13, 20), (230, 250), (0.4, 0.5)])
def test_nice_ceiling(value, ceiling):
    assert nice_ceiling(value) == pytest.approx(ceiling)


def test_template_shows_the_table_beside_the_chart():
    html = render_to_string("core/chart.html", {"chart": chart()})
    assert "<figure" in html and "<table" in html
    assert '<th scope="row">2024 &lt;b&gt;</th>' in html
    empty = Chart("Nothing", ["a"], [Series("s", [None])])
    assert "No data for this selection." in render_to_string("core/chart.html", {"chart": empty})


def test_figures_are_rounded_not_cut():
    rows = dict(Chart("x", ["a", "b"], [Series("s", [16.67, 0.96])], unit="%").rows())
    assert rows == {"a": ["16.7%"], "b": ["1.0%"]}


def test_long_horizontal_labels_keep_their_full_text():
    label = "Ministry of Public Administration and Civil Service Reform of the Republic"
    svg = Chart("x", [label, "Short"], [Series("s", [3, 4])], kind="hbar").svg()
    assert f"<title>{label}</title>" in svg
    assert "Ministry of Public Administration and Civil…" in svg


DEJAVU_SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def test_wide_horizontal_labels_stay_inside_the_drawing():
    """Measured in DejaVu Sans (the PDFs' font), a wide shortened label still starts at x >= 0."""
    if not Path(DEJAVU_SANS).exists():
        pytest.skip("DejaVu Sans is not installed")
    font = TTFont(DEJAVU_SANS)
    glyphs, metrics = font.getBestCmap(), font["hmtx"]
    label = "E-government assessment and the UN E-Government Survey"
    svg = Chart("x", [label, "Short"], [Series("s", [3, 4])], kind="hbar").svg()

    shown = "E-government assessment and the UN E-Govern…"
    assert f"</title>{shown}</text>" in svg
    right_edge = float(re.search(r'<text x="([\d.]+)"[^>]*text-anchor="end"', svg).group(1))
    width = sum(metrics[glyphs[ord(c)]][0] for c in shown) * 12 / font["head"].unitsPerEm
    assert right_edge - width >= 0
