"""What a logo and a colour must be (readiness/branding/checks.py): judged by the bytes."""
import pytest
from flask_babel import force_locale

from readiness.branding.checks import (
    MAX_LOGO_BYTES,
    PNG,
    SVG,
    BrandError,
    check_colour,
    check_logo,
    contrast_on_white,
)
from readiness.branding.messages import message
from tests.branding.helpers import CLEAN_SVG, png, svg


def _refusal(app, data: bytes) -> tuple[str, str]:
    with pytest.raises(BrandError) as caught:
        check_logo(data)
    with app.test_request_context(), force_locale("en"):
        return caught.value.code, message(caught.value)


def test_a_png_and_a_clean_svg_are_accepted():
    assert check_logo(png()) == PNG
    assert check_logo(CLEAN_SVG) == SVG
    assert check_logo(b"\xef\xbb\xbf  " + svg('<rect width="10" height="10"/>')) == SVG


@pytest.mark.parametrize(("data", "code", "says"), [
    (b"", "logo-empty", "The uploaded file is empty."),
    (b"%PDF-1.7 not a logo", "logo-not-image", "This file is not a PNG or SVG image."),
    (b"GIF89a" + b"\x00" * 40, "logo-not-image", "This file is not a PNG or SVG image."),
    (b"<html><body>hello</body></html>", "logo-not-image", "not a PNG or SVG image"),
    (png()[:60], "logo-broken-png", "This PNG file is damaged or incomplete."),
    (b"<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>", "svg-malformed", "not well-formed SVG"),
    (b"<svg><rect/></svg>", "svg-malformed", "not well-formed SVG"),  # no SVG namespace
])
def test_files_that_are_no_logo_are_refused_clearly(app, data, code, says):
    refused_code, text = _refusal(app, data)
    assert refused_code == code and says in text


def test_an_oversize_file_is_refused_with_its_size_and_the_limit(app):
    code, text = _refusal(app, png(pad=MAX_LOGO_BYTES))
    assert code == "logo-too-large"
    assert "The logo is 513 KB; the limit is 512 KB." in text
    assert check_logo(png(pad=MAX_LOGO_BYTES - 1024)) == PNG  # just under the limit


@pytest.mark.parametrize(("data", "code", "names"), [
    (svg('<script>alert(1)</script>'), "svg-script", "contains a script"),
    (svg('<circle r="4"/>', 'onload="alert(1)"'), "svg-handler", "(onload)"),
    (svg('<rect width="3" height="3" onclick="alert(1)"/>'), "svg-handler", "(onclick)"),
    (svg('<a xlink:href="javascript:alert(1)"><rect/></a>'), "svg-script", "contains a script"),
    (svg('<set attributeName="href" to="javascript:alert(1)"/>'), "svg-script", "script"),
    (svg('<image href="https://tracker.example/p.png"/>'), "svg-external",
     "outside file (https://tracker.example/p.png)"),
    (svg('<use xlink:href="other.svg#logo"/>'), "svg-external", "outside file (other.svg#logo)"),
    (svg('<rect style="fill: url(https://x.example/f.svg#a)"/>'), "svg-external", "outside file"),
    (svg('<style>@import url(https://x.example/a.css);</style>'), "svg-external", "@import"),
    (svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>'),
     "svg-element", "<foreignobject>"),
    (b'<?xml-stylesheet href="https://x.example/a.css"?>' + svg("<rect/>"), "svg-external",
     "outside file"),
    (b'<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
     + svg("<text>&b;</text>"), "svg-doctype", "DOCTYPE or entities"),
    (b'<!DOCTYPE svg SYSTEM "http://x.example/svg.dtd">' + svg("<rect/>"), "svg-doctype", "DOCTYPE"),
])
def test_hostile_svgs_are_refused_with_the_reason(app, data, code, names):
    refused = _refusal(app, data)
    assert refused[0] == code
    assert names in refused[1]


def test_an_inlined_raster_image_inside_an_svg_is_allowed():
    assert check_logo(svg('<image href="data:image/png;base64,iVBORw0KGgo="/>')) == SVG


def test_contrast_on_white():
    assert contrast_on_white("#ffffff") == pytest.approx(1.0)
    assert contrast_on_white("#000000") == pytest.approx(21.0)
    assert contrast_on_white("#2f6fb0") > 4.5  # the standard look passes its own rule


@pytest.mark.parametrize("colour", ["#2f6fb0", "#0B5D3B", " #1f2a44 ", "#000000"])
def test_dark_colours_are_accepted_and_stored_lower_case(colour):
    assert check_colour(colour) == colour.strip().lower()


@pytest.mark.parametrize(("colour", "code", "says"), [
    ("#ffff00", "colour-too-light", "too light to read as text on white: its contrast is 1.1:1"),
    ("#8fb4e0", "colour-too-light", "at least 4.5:1"),
    ("blue", "bad-colour", "six hexadecimal digits"),
    ("#12345", "bad-colour", "six hexadecimal digits"),
    ("#12345g", "bad-colour", "is not one"),
    ("red;}body{display:none", "bad-colour", "six hexadecimal digits"),
])
def test_bad_and_light_colours_are_refused_saying_why(app, colour, code, says):
    with pytest.raises(BrandError) as caught:
        check_colour(colour)
    assert caught.value.code == code
    with app.test_request_context(), force_locale("en"):
        assert says in message(caught.value)
