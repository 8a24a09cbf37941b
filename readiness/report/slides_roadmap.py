"""The deck's last slides: key pains, the roadmap's swimlanes (the Gantt and its phases), and
the first 90 days."""
from __future__ import annotations

from flask_babel import gettext as _

from ..method.texts import level_name
from .context import first_checkpoints
from .slides_content import Slides
from .slides_layout import BODY_BOTTOM, BODY_TOP, MARGIN, MUTED, WIDTH, Box, fit_pages, table_pages

TOP_PAINS = 10  # the steering committee reads the head of the list; the PDF has all of them


def pains_slides(s: Slides) -> None:
    ctx, A = s.context, s.A
    details = ctx["pains"]
    parties = {"customer": _("Customer"), "competitor": _("Competitor"), "supplier": _("Supplier"),
               "partner": _("Partner"), "employee": _("Employee")}
    header = [_("Rank"), _("Pain point"), _("Affected"), _("Severity"), _("Frequency"), _("Votes"),
              _("Priority")]
    shown = list(A.pains[:TOP_PAINS])
    rows = []
    for p in shown:
        detail = details.get(p.id)
        party = parties.get(detail.affected_party, detail.affected_party) if detail else ""
        rows.append([str(p.rank), p.title + (s.mark("R-PAIN-2") if p.key else ""), party,
                     str(p.severity), str(p.frequency), str(p.votes), str(p.priority)])
    s.tables["pains"] = rows
    # Speaker notes: each key pain's scenario, the story the consultant tells with it.
    stories = tuple(f"{p.title}: {details[p.id].scenario}" for p in ctx["key_pains"]
                    if p.id in details and details[p.id].scenario)
    notes = s.sources("R-PAIN-1", "R-PAIN-2", "R-PAIN-3", extra=stories)
    subtitle = (_("The key pain points, in bold, anchor the roadmap.") if ctx["key_pains"]
                else _("Priority = severity x frequency, plus the workshop's votes."))
    slide = s.deck.slide(_("Key pain points"), notes, subtitle=subtitle)
    warnings = [s.finding(f) for f in A.flags if f.rule == "R-PAIN-2"]
    warnings += [s.finding(f) for f in A.red_lights if f.rule == "R-PAIN-3"]
    top = BODY_TOP + 0.1
    if warnings:
        s.deck.text(slide, Box(MARGIN, top, WIDTH - 2 * MARGIN, 0.8), warnings, largest=14,
                    smallest=10, colour="B5473A")
        top += 0.9
    if not rows:
        s.deck.text(slide, Box(MARGIN, top, 11, 0.6), [_("No pain points recorded.")])
        return
    box = Box(MARGIN, top, WIDTH - 2 * MARGIN, BODY_BOTTOM - top - 0.35)
    widths = [0.8, 5.6, 1.6, 1.1, 1.2, 0.9, 1.0]
    keys = {i for i, p in enumerate(shown) if p.key}
    start = 0
    for n, page in enumerate(table_pages(rows, box, widths, 13, header)):
        target = slide if n == 0 else s.deck.slide(_("Key pain points"), notes)
        s.deck.table(target, box if n == 0 else Box(MARGIN, BODY_TOP + 0.1, box.width, box.height),
                     header, page, widths, size=13, numeric=range(3, 7),
                     marks=[i - start for i in keys if start <= i < start + len(page)])
        start += len(page)
    if len(A.pains) > TOP_PAINS:
        s.deck.text(slide, Box(MARGIN, BODY_BOTTOM - 0.32, WIDTH - 2 * MARGIN, 0.32),
                    [_("The %(shown)s highest priorities of %(total)s; the PDF report lists them all.",
                       shown=TOP_PAINS, total=len(A.pains))],
                    largest=10, smallest=8, colour=MUTED)


def _edited(s: Slides, key: str) -> str:
    """The working copy says which dates, owners and titles the consultant changed."""
    if s.working_copy and any(e.startswith(key + ".") for e in s.context["edited"]):
        return f" ({_('edited')})"
    return ""


def roadmap_slides(s: Slides) -> None:
    ctx = s.context
    roadmap, ldate = ctx["roadmap"], ctx["ldate"]
    notes = s.sources("R-MAP-1", "R-MAP-6", "R-MAP-7", "R-CWR-2", "R-MAP-4",
                      extra=tuple(ctx["say"](n) for n in roadmap.notes))
    slide = s.deck.slide(_("Roadmap"), notes,
                         subtitle=_("Phase 0 on top, then one lane per department, one level at a time."))
    s.deck.picture(slide, s.pictures["gantt"], Box(MARGIN, BODY_TOP + 0.05, WIDTH - 2 * MARGIN,
                                                    BODY_BOTTOM - BODY_TOP - 0.1))
    header = [_("Department"), _("Phase"), _("Level"), _("Start"), _("End"), _("Status")]
    rows, marks = [], []
    lanes = [(_("Phase 0"), [roadmap.phase0])] + [(t.name, list(t.phases)) for t in roadmap.tracks]
    for lane, phases in lanes:
        for phase in phases:
            status = _("conditional on the gate") if phase.gated else ""
            if phase.department_id is not None and any(t.pilot and t.department_id == phase.department_id
                                                       for t in roadmap.tracks):
                status = ", ".join(x for x in (_("pilot"), status) if x)
            rows.append([lane, phase.title.get(s.lang) + _edited(s, f"phase:{phase.key}"),
                         level_name(phase.level, s.lang) if phase.level else "—",
                         ldate(phase.start), ldate(phase.end), status])
            if phase.key == roadmap.phase0.key:
                marks.append(len(rows) - 1)
    s.tables["roadmap"] = rows
    box = Box(MARGIN, BODY_TOP + 0.1, WIDTH - 2 * MARGIN, BODY_BOTTOM - BODY_TOP - 0.2)
    widths = [2.2, 4.6, 1.0, 1.3, 1.3, 2.6]
    size, pages = fit_pages(rows, box, widths, header, 12)
    for n, page in enumerate(pages, 1):
        subtitle = _("Department tracks") + (f" ({n}/{len(pages)})" if len(pages) > 1 else "")
        table = s.deck.slide(_("Roadmap"), notes, subtitle=subtitle)
        s.deck.table(table, box, header, page, widths, size=size, marks=marks if n == 1 else ())


def first_days_slide(s: Slides) -> None:
    ctx = s.context
    roadmap, ldate = ctx["roadmap"], ctx["ldate"]
    gate = roadmap.gate
    rows = []
    criteria = []
    for c, phase in first_checkpoints(roadmap, ctx["engagement"].start_date):
        who = ", ".join(phase.departments) if phase.department_id and phase.departments else ""
        who = " · ".join(x for x in (who, c.owner) if x) or "—"
        rows.append([ldate(c.start) + _edited(s, f"checkpoint:{c.key}"), c.title.get(s.lang), who,
                     _("conditional") if phase.gated else ""])
        exits = ("" if s.lang == "zh" else " ").join(e.get(s.lang) for e in c.exit_criteria)
        if exits:
            criteria.append(f"{ldate(c.start)} {c.title.get(s.lang)}: {exits}")
    s.tables["first_days"] = rows
    notes = s.sources("R-MAP-2", "R-MAP-7", extra=tuple(criteria))
    subtitle = (_("Checkpoints of the first 90 days; the gate on %(date)s decides what follows.",
                  date=ldate(gate.start)) if gate else _("Checkpoints of the first 90 days."))
    slide = s.deck.slide(_("The first 90 days"), notes, subtitle=subtitle)
    header = [_("Date"), _("Checkpoint"), _("Department") + " · " + _("Owner"), ""]
    box = Box(MARGIN, BODY_TOP + 0.1, WIDTH - 2 * MARGIN, BODY_BOTTOM - BODY_TOP - 0.2)
    widths = [1.8, 5.4, 3.6, 1.4]
    for n, page in enumerate(table_pages(rows, box, widths, 13, header) if rows else []):
        target = slide if n == 0 else s.deck.slide(_("The first 90 days"), notes)
        s.deck.table(target, box, header, page, widths, size=13)
    if not rows:
        s.deck.text(slide, box, [_("No checkpoint in the first 90 days.")])
    elif ctx["assessment"].respondents == 0:
        s.deck.text(slide, Box(MARGIN, BODY_BOTTOM - 0.32, WIDTH - 2 * MARGIN, 0.32),
                    [_("The assessment has no answers yet.")], largest=10,
                    smallest=8, colour=MUTED)
