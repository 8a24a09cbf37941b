"""The five source articles (seeds/, cited by file-name prefix) in words, for a reader who never
sees the prefixes: the slides' speaker notes cite "Gartner's eight building blocks", not "003"."""
from __future__ import annotations

from .roadmap_types import Bi
from .rules import RULES

ARTICLES: dict[str, Bi] = {
    "000": Bi("\"How to apply CRM successfully\" (find the pain; workgroup cadence)",
              "《如何应用CRM才是成功的实践》（找到痛点；工作组节奏）"),
    "001": Bi("\"Retail CRM: relying on IT alone?\" (rules before the system)",
              "《零售CRM实施过于依赖技术部门对吗？》（先定规则后上系统）"),
    "002": Bi("\"Three CRM use cases\" (crawl, walk, run)",
              "《三大CRM用例》（爬、走、跑）"),
    "003": Bi("\"CRM to know customers better\" (Gartner's eight building blocks, Kale's foundations)",
              "《客户关系管理以更好地了解客户》（Gartner 八大模块、Kale 十项基础）"),
    "004": Bi("\"CRM in the cloud\" (focus on the key problem; adoption cycle)",
              "《云端CRM的实施》（聚焦关键问题；采用周期）"),
}


def articles(prefixes: str, lang: str) -> str:
    """"000, 001" -> the articles' names in `lang`, joined."""
    names = [ARTICLES[p.strip()].get(lang) for p in prefixes.split(",") if p.strip() in ARTICLES]
    return ("；" if lang == "zh" else "; ").join(names)


def rule_source(rule: str, lang: str, *, with_id: bool = False) -> str | None:
    """What a rule says and where it comes from, in words; its id only when asked (working copy)."""
    if rule not in RULES:
        return None
    prefixes, text = RULES[rule]
    source = articles(prefixes, lang)
    said = f"{rule}: {text.get(lang)}" if with_id else text.get(lang)
    if lang == "zh":
        return f"{said}（来源：{source}）" if source else said
    return f"{said} (source: {source})" if source else said
