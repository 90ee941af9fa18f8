"""Tools for template maintainers: `vanban template check` and `vanban template fields`.

    report = check_template("mau.docx", "phat_dong")
    report.errors, report.warnings, [str(p) for p in report.problems]

`parts` reads a DOCX's paragraphs with their locations (through `generator.ooxml`,
as the checker does), `scan` finds the tags and checks the block structure,
`syntax` runs Jinja's parser on them, `names` checks the names they use against
the types of `generator.layout` (`context_types`), following them through a
`scope`; `conformance` checks a trial document against the format rules, `lint`
puts these together and `fields` lists what a template receives.
"""

from __future__ import annotations

from generator.ooxml.package import NotDocx
from generator.templating.lint import check_template, guess_kind
from generator.templating.report import Location, TemplateProblem, TemplateReport

__all__ = [
    "Location",
    "NotDocx",
    "TemplateProblem",
    "TemplateReport",
    "check_template",
    "guess_kind",
]
