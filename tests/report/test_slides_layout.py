"""Slide furniture without rendering: text that fits its box, tables split over slides."""
from readiness.report.slides_layout import (
    Box,
    column_widths,
    fit_size,
    line_count,
    shorten,
    table_pages,
)


def test_long_names_are_shortened_never_spilled():
    name = "Regional Franchise Partners and Wholesale Distribution, North-East and Scandinavia"
    short = shorten(name, 2.0, 12, lines=2)
    assert short.endswith("…") and line_count(short, 2.0, 12) <= 2
    assert shorten("Sales", 2.0, 12) == "Sales"


def test_chinese_wraps_by_character():
    assert line_count("客户价值体验" * 10, 2.0, 12) > line_count("客户价值体验", 2.0, 12) == 1


def test_text_size_shrinks_to_fit_its_box():
    long = ["word " * 120]
    assert fit_size(long, 5, 1, 28, 10) < fit_size(["A short verdict."], 5, 1, 28, 10) == 28


def test_tables_continue_on_the_next_slide():
    rows = [[f"Department {i}", "42"] for i in range(40)]
    pages = table_pages(rows, Box(0, 0, 6, 3), [3, 1], 12, ["Department", "Score"])
    assert len(pages) > 1 and sum(len(p) for p in pages) == 40


def test_header_words_stay_whole():
    widths = column_widths(["Block", "Organisational"], [5, 1], 6, 12)
    assert widths[1] > 1.0 and abs(sum(widths) - 6) < 1e-6
