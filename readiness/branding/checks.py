"""What a logo and a colour must be before every page and report shows them (no Flask, no DB).

A logo is served to every visitor and drawn into every PDF, so an uploaded file is judged by its
bytes, never by its name or the browser's content type: a real PNG, or an SVG that is only
drawing (no script, no event handler, nothing fetched from elsewhere, no DOCTYPE or entities).
"""
from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import XMLParser as DefusedParser

from ..errors import DomainError

MAX_LOGO_BYTES = 512 * 1024
PNG, SVG = "image/png", "image/svg+xml"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: WCAG 2 AA for normal text: the colour is used for links and button text on white.
MIN_CONTRAST = 4.5
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")

SVG_NS = "http://www.w3.org/2000/svg"
#: Elements that run code or pull in another document.
FORBIDDEN_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
#: The only references a logo may hold: to its own parts, or an inlined raster image.
SAFE_REFERENCE = re.compile(r"\s*(#|data:image/(png|jpeg|gif|webp);base64,)", re.IGNORECASE)
#: Processing instructions (<?target ...?>); only the XML declaration (<?xml ...?>) is allowed.
PI_TARGET = re.compile(rb"<\?([A-Za-z_:][-\w.:]*)")
CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)


class BrandError(DomainError):
    """A logo or colour refused; its words are in messages.py."""


# Colour ------------------------------------------------------------------------------------------

def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def contrast_on_white(colour: str) -> float:
    """WCAG 2 contrast ratio of `colour` (#rrggbb) against white: 1.0 (white) .. 21.0 (black)."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)
    return 1.05 / (luminance + 0.05)


def check_colour(text: str) -> str:
    """The colour as stored (#rrggbb, lower case), or a BrandError saying why not."""
    colour = text.strip()
    if not HEX_COLOUR.fullmatch(colour):
        raise BrandError("bad-colour", field="colour", value=colour[:20])
    ratio = contrast_on_white(colour)
    if ratio < MIN_CONTRAST:
        raise BrandError("colour-too-light", field="colour", ratio=f"{ratio:.1f}",
                         needed=f"{MIN_CONTRAST:.1f}")
    return colour.lower()


# Logo --------------------------------------------------------------------------------------------

def check_logo(data: bytes) -> str:
    """The logo's content type (PNG or SVG, told by its bytes), or a BrandError."""
    if not data:
        raise BrandError("logo-empty", field="logo")
    if len(data) > MAX_LOGO_BYTES:
        raise BrandError("logo-too-large", field="logo", size=-(-len(data) // 1024),
                         limit=MAX_LOGO_BYTES // 1024)
    if data.startswith(PNG_SIGNATURE):
        _check_png(data)
        return PNG
    if _looks_like_svg(data):
        _check_svg(data)
        return SVG
    raise BrandError("logo-not-image", field="logo")


def _check_png(data: bytes) -> None:
    """Signature, then an IHDR chunk with a size, and the IEND chunk at the end: a file that only
    starts like a PNG is no logo."""
    if len(data) < 45 or data[12:16] != b"IHDR" or not data.endswith(b"IEND\xaeB`\x82"):
        raise BrandError("logo-broken-png", field="logo")
    width, height = struct.unpack(">II", data[16:24])
    if not width or not height:
        raise BrandError("logo-broken-png", field="logo")


def _looks_like_svg(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype")) and b"<svg" in data.lower()


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _check_svg(data: bytes) -> None:
    if b"<!doctype" in data.lower() or b"<!entity" in data.lower():
        raise BrandError("svg-doctype", field="logo")
    # An <?xml-stylesheet?> instruction would fetch a stylesheet from elsewhere; the parser drops
    # the ones outside the root element, so the bytes are searched.
    if any(target != b"xml" for target in PI_TARGET.findall(data)):
        raise BrandError("svg-external", field="logo", reference="<?...?>")
    parser = DefusedParser(target=ET.TreeBuilder(insert_pis=True), forbid_dtd=True,
                           forbid_entities=True, forbid_external=True)
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException:
        raise BrandError("svg-doctype", field="logo") from None
    except ET.ParseError:
        raise BrandError("svg-malformed", field="logo") from None
    if not isinstance(root.tag, str) or root.tag != f"{{{SVG_NS}}}svg":
        raise BrandError("svg-malformed", field="logo")
    for element in root.iter():
        if not isinstance(element.tag, str):  # a processing instruction
            raise BrandError("svg-external", field="logo", reference="<?...?>")
        tag = _local(element.tag)
        if tag in FORBIDDEN_ELEMENTS:
            raise BrandError("svg-script" if tag == "script" else "svg-element", field="logo",
                             element=tag)
        if tag == "style" and element.text:
            _check_css(element.text)
        for name, value in element.attrib.items():
            _check_attribute(_local(name), value)


def _check_attribute(name: str, value: str) -> None:
    if name.startswith("on"):
        raise BrandError("svg-handler", field="logo", attribute=name)
    if "javascript:" in re.sub(r"\s", "", value).lower():
        raise BrandError("svg-script", field="logo", element=name)
    if name == "href" and not SAFE_REFERENCE.match(value):
        raise BrandError("svg-external", field="logo", reference=value[:60])
    if name == "attributename" and (value.lower().startswith("on") or _local(value) == "href"):
        # <set>/<animate> that rewrites a link or a handler: a script by other means.
        raise BrandError("svg-script", field="logo", element=value)
    _check_css(value)


def _check_css(text: str) -> None:
    if "@import" in text.lower():
        raise BrandError("svg-external", field="logo", reference="@import")
    for target in CSS_URL.findall(text):
        if not SAFE_REFERENCE.match(target or "#"):
            raise BrandError("svg-external", field="logo", reference=target[:60])
