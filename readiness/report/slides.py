"""The executive report as an editable PowerPoint deck (python-pptx), from the same context as
the PDF (context.build_context): title, headline, block profile, perception gaps, heat map, key
pains, roadmap swimlanes, first 90 days. Charts are pictures at print resolution (PNG through the
same warm chromium as the PDF's SVGs), each with its numbers as a native table."""
from __future__ import annotations

import io
from collections.abc import Callable

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from ..engagements.models import Engagement
from .chart_export import figure_png
from .context import build_context
from .slides_content import (
    Slides,
    gaps_slide,
    headline_slide,
    heatmap_slides,
    profile_slide,
    title_slide,
)
from .slides_layout import Deck, shorten
from .slides_roadmap import first_days_slide, pains_slides, roadmap_slides

#: In presenting order; a builder may add continuation slides after its own.
BUILDERS = (title_slide, headline_slide, profile_slide, gaps_slide, heatmap_slides,
            pains_slides, roadmap_slides, first_days_slide)


def build_slides(engagement: Engagement, lang: str = "en",
                 progress: Callable[[str], None] = lambda stage: None, *,
                 working_copy: bool = False) -> Slides:
    """The deck, not yet saved, with the tables it holds (tests compare them to the engine)."""
    with force_locale("zh" if lang == "zh" else "en"):
        progress("scores")
        context = build_context(engagement, lang)
        progress("charts")
        chromium = current_app.config["CHROMIUM_PATH"]
        pictures = {name: figure_png(fig, width, height, chromium)
                    for name, (fig, width, height) in context.pop("figures").items()}
        progress("layout")
        # A long client name gives way in the footer, the report's name stays.
        footer = f"{shorten(engagement.client, 6, 10)} · {_('CRM readiness report')}"
        if working_copy:
            footer += f" · {_('Working copy')}"
        slides = Slides(Deck(lang, footer), context, pictures, lang, working_copy)
        for builder in BUILDERS:
            builder(slides)
        core = slides.deck.prs.core_properties
        core.title = f"{_('CRM readiness report')} · {engagement.client}"
        core.author = engagement.owner.name or "Readiness"
        core.language = "zh-CN" if lang == "zh" else "en-GB"
        return slides


def render_pptx(engagement: Engagement, lang: str = "en",
                progress: Callable[[str], None] | None = None, *,
                working_copy: bool = False) -> bytes:
    slides = build_slides(engagement, lang, progress or (lambda stage: None),
                          working_copy=working_copy)
    out = io.BytesIO()
    slides.deck.prs.save(out)
    return out.getvalue()
