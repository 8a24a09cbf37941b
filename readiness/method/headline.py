"""R-HEAD-1: the verdict an executive reads first, and up to three supporting facts.

Not ready (the open red lights, in words), ready to start (the pilot and its level), or ready to
climb (the departments that earned their next level). The largest flagged perception gap (R-GAP-1)
is one of the facts. R-DATA-1/2: no verdict without answers; a thin sample says so in the sentence.
"""
from __future__ import annotations

from .gate import light_names
from .roadmap_types import Bi, Headline, Roadmap
from .texts import LEVELS, respondents_text
from .types import Assessment, Finding

SENTENCES = {
    "no-data": Bi("No verdict yet: the assessment has no answers.",
                  "尚无结论：评估还没有任何答卷。"),
    "not-ready": Bi("Not ready to implement CRM yet. Red lights to clear first: {lights}.",
                    "尚未准备好实施 CRM。须先消除的红灯：{lights}。"),
    "ready-to-start": Bi("Ready to start: {pilot} pilots CRM at {level}; the other departments "
                         "follow after its first review.",
                         "可以开始：由{pilot}以“{level}”试点 CRM，其他部门在其首次评审后跟进。"),
    "ready-to-climb": Bi("Ready to climb: {departments}.", "可以升级：{departments}。"),
    "hold": Bi("No department is ready for a new level yet: stabilise what is in use first.",
               "暂无部门具备升级条件：先稳定现有使用。"),
}
FACTS = {
    "gate": Bi("The plan waits for a gate on {date}, where the sponsor confirms the red lights are "
               "cleared.", "计划在 {date} 设关卡，由发起人确认红灯已消除后再继续。"),
    "pilot-pain": Bi("The pilot addresses the top pain point: {pain}.", "试点针对首要痛点：{pain}。"),
    "no-data": Bi("Invite respondents and collect answers before reading any score.",
                  "请先邀请受访者并收集答卷，再解读任何得分。"),
    "sample": Bi("Based on {respondents}.", "基于 {respondents}。"),
}
CAVEAT = Bi(" (Based on {respondents} only.)", "（仅基于 {respondents}。）")


def _fill(template: Bi, **params: object) -> Bi:
    return Bi(*(getattr(template, lang).format(**{k: (v.get(lang) if isinstance(v, Bi) else v)
                                                  for k, v in params.items()})
                for lang in ("en", "zh")))


def _finding(f: Finding) -> Bi:
    return Bi(f.message("en"), f.message("zh"))


def _climbers(assessment: Assessment, roadmap: Roadmap) -> Bi:
    en, zh = [], []
    for track in roadmap.tracks:
        level = next((lv for lv in assessment.levels if lv.department_id == track.department_id), None)
        if (level is None or track.kind != "climb" or not track.phases or level.today < 1
                or not level.scored or track.phases[0].level > level.ready):
            continue
        en.append(f"{track.name} to {LEVELS['en'][track.phases[0].level]}")
        zh.append(f"{track.name}升至“{LEVELS['zh'][track.phases[0].level]}”")
    return Bi(", ".join(en), "，".join(zh))


def headline(assessment: Assessment, roadmap: Roadmap, pain_titles: dict[int, str] | None = None,
             low_sample: int = 3) -> Headline:
    gap = max((g for g in assessment.gaps if g.flagged), key=lambda g: g.gap, default=None)
    gap_fact = next((_finding(f) for f in assessment.flags if f.code == "perception-gap"
                     and gap is not None and f.params.get("block") == gap.block_id), None)
    facts: list[Bi] = []
    n = assessment.respondents if assessment.scored else 0
    if n == 0:
        kind, sentence = "no-data", SENTENCES["no-data"]
        facts = [*[_finding(f) for f in assessment.red_lights][:2], FACTS["no-data"]]
    elif roadmap.open_red_lights:
        kind = "not-ready"
        lights = Bi(light_names(roadmap.open_red_lights, "en"), light_names(roadmap.open_red_lights, "zh"))
        sentence = _fill(SENTENCES["not-ready"], lights=lights)
        facts = [_finding(f) for f in assessment.red_lights][:2 if gap_fact else 3]
        if roadmap.gate is not None and len(facts) < 3 and not gap_fact:
            facts.append(_fill(FACTS["gate"], date=roadmap.gate.start.isoformat()))
    else:
        climbers = _climbers(assessment, roadmap)
        pilot = roadmap.track_of(roadmap.pilot_department_id) if roadmap.pilot_department_id else None
        if climbers.en:
            kind, sentence = "ready-to-climb", _fill(SENTENCES["ready-to-climb"], departments=climbers)
        elif pilot is not None and pilot.phases:
            kind = "ready-to-start"
            level = pilot.phases[0].level
            sentence = _fill(SENTENCES["ready-to-start"], pilot=pilot.name,
                             level=Bi(LEVELS["en"][level], LEVELS["zh"][level]))
        else:
            kind, sentence = "hold", SENTENCES["hold"]
        if pilot is not None and pilot.phases and pilot.phases[0].pain_ids and pain_titles:
            title = pain_titles.get(pilot.phases[0].pain_ids[0])
            if title:
                facts.append(_fill(FACTS["pilot-pain"], pain=title))
        facts += [_finding(f) for f in assessment.flags if f.code == "no-clear-priority"]
    if gap_fact is not None and n:
        facts.append(gap_fact)
    if n:
        facts.append(_fill(FACTS["sample"], respondents=Bi(respondents_text(n, "en"),
                                                            respondents_text(n, "zh"))))
    if 0 < n < low_sample:  # R-DATA-2: the caveat sits in the verdict itself
        sentence = Bi(sentence.en + CAVEAT.en.format(respondents=respondents_text(n, "en")),
                      sentence.zh + CAVEAT.zh.format(respondents=respondents_text(n, "zh")))
    return Headline(kind, sentence, tuple(facts[:3]))
