"""Issue 11: translated text in attributes is escaped: data-msg-need-level carried
'Choose a level or "Don't know"...' and was cut at the first quote."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest
from flask import render_template_string


class _Attributes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        self.found.update({k: v for k, v in attrs if k.startswith("data-msg-")})


def test_need_level_message_is_whole_in_its_attribute(app, client, person):
    page = client.get(f"/r/{person.token}/block/1")
    parser = _Attributes()
    parser.feed(page.text)
    assert parser.found["data-msg-need-level"] == (
        'Choose a level or "Don\'t know" so that your note can be saved.')
    assert set(parser.found) >= {"data-msg-saving", "data-msg-saved", "data-msg-failed",
                                 "data-msg-closed"}


@pytest.mark.parametrize("text", ['say "hi"', "it's", "<b>bold</b>", "a & b"])
def test_every_translated_text_is_escaped_in_templates(app, text):
    with app.test_request_context():
        html = render_template_string('<p title="{{ _(text) }}">{{ _(text) }}</p>', text=text)
        plural = render_template_string("{{ ngettext(text, text, 2) }}", text=text)
    parser = HTMLParser()
    parser.handle_starttag = lambda tag, attrs: seen.update(attrs)  # type: ignore[method-assign]
    seen: dict = {}
    parser.feed(html)
    assert seen == {"title": text} and "<b>" not in html and "<b>" not in plural


def test_values_are_still_escaped_once(app):
    with app.test_request_context():
        html = render_template_string("{{ _('Hello %(name)s', name=name) }}", name="<i>&")
    assert html == "Hello &lt;i&gt;&amp;"
