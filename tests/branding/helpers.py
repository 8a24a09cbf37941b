"""Logo files for the brand tests: a real PNG built byte by byte, clean and hostile SVGs."""
from __future__ import annotations

import io
import struct
import zlib

from tests.helpers import csrf_token


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def png(width=120, height=40, rgb=(47, 111, 176), pad=0) -> bytes:
    """A solid-colour RGB PNG; `pad` adds an ancillary text chunk to make the file larger."""
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    extra = _chunk(b"tEXt", b"Comment\x00" + b"x" * pad) if pad else b""
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + extra + _chunk(b"IDAT", zlib.compress(raw)) + _chunk(b"IEND", b""))


CLEAN_SVG = b"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     viewBox="0 0 240 60" width="240" height="60">
  <defs><linearGradient id="g">
    <stop offset="0" stop-color="#0b5d3b"/><stop offset="1" stop-color="#1f8f5f"/>
  </linearGradient></defs>
  <style>.t { font: bold 22px sans-serif; fill: #0b5d3b; }</style>
  <circle cx="30" cy="30" r="24" fill="url(#g)"/>
  <use xlink:href="#g"/>
  <text x="62" y="38" class="t">Northwind</text>
</svg>"""


def svg(body: str, root_attrs: str = "") -> bytes:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'{root_attrs}>{body}</svg>').encode()


def upload(client, logo: bytes | None = None, filename="logo.png", **fields):
    """POST the brand settings form as an admin's browser does (multipart)."""
    token = csrf_token(client.get("/admin/branding").text)
    data = {"name": "", "colour": "", "csrf_token": token, **fields}
    if logo is not None:
        data["logo"] = (io.BytesIO(logo), filename)
    return client.post("/admin/branding", data=data, content_type="multipart/form-data")
