"""The roadmap's refusals (RoadmapError codes) in words: shown after "Not saved: "."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..errors import Catalogue

MESSAGES = Catalogue({
    "unknown-element": _l("unknown roadmap element '%(target)s'"),
    "not-editable": _l("'%(field)s' cannot be edited on %(target)s"),
    "bad-date": _l("dates are written YYYY-MM-DD"),
    "empty-text": _l("the new text is empty"),
    "text-too-long": _l("the text is longer than %(max)d characters"),
    "unknown-department": _l("no such department in this engagement"),
    "track-too-early": _l("a track starts after phase 0, on %(first)s or later"),
    "bad-cap": _l("the cap is crawl, walk or run"),
    "cap-reason-required": _l("say why the department is capped"),
    "edits-would-be-lost": _l("%(count)d edits would be discarded"),
})
message = MESSAGES.message
