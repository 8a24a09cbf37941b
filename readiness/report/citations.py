"""Rule citations in the report body. The client's copy shows a footnote number pointing to the
rule's entry in Appendix B (an executive reads findings, not rule ids); the consultant's working
copy keeps the rule ids inline, as the dashboard shows them."""
from __future__ import annotations

import re
from collections.abc import Iterable

from markupsafe import Markup, escape

RULE = r"R-[A-Z]+-\d+(?:/\d+)?"
#: "(R-SCORE-1)", "（R-SCORE-1）", and the tail of "(low sample, R-SCORE-2)" / "（样本不足，R-SCORE-2）".
IN_TEXT = re.compile(rf"\s*[(（]\s*(?P<alone>{RULE})\s*[)）]|\s*[,，]\s*(?P<tail>{RULE})(?=\s*[)）])")


def _expand(rule: str) -> list[str]:
    """"R-CWR-1/2" cites R-CWR-1 and R-CWR-2."""
    head, _, rest = rule.rpartition("-")
    return [f"{head}-{n}" for n in rest.split("/")]


class Citations:
    def __init__(self, rules: Iterable[str], working_copy: bool = False):
        self.numbers = {rule: i for i, rule in enumerate(rules, 1)}
        self.working_copy = working_copy

    def mark(self, *rules: str) -> Markup:
        """The footnote mark(s) for the rules a finding comes from (a rule id in the working copy)."""
        names = [r for rule in rules for r in _expand(rule)]
        if self.working_copy:
            return Markup("").join(Markup(' <span class="rule">%s</span>') % r for r in names)
        links = [Markup('<a href="#rule-%s">%s</a>') % (r, self.numbers[r])
                 for r in dict.fromkeys(names) if r in self.numbers]
        return Markup('<sup class="fn">%s</sup>') % Markup(",").join(links) if links else Markup("")

    def cite(self, text: str) -> Markup:
        """Text that may name rules in parentheses (translated notes, generated evidence): escaped,
        each rule id turned into its footnote mark in the client's copy."""
        if self.working_copy:
            return escape(text)
        out, last = [], 0
        for match in IN_TEXT.finditer(text):
            out += [escape(text[last:match.start()]), self.mark(match["alone"] or match["tail"])]
            last = match.end()
        out.append(escape(text[last:]))
        return Markup("").join(out)
