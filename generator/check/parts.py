"""Find the parts of an ND30 document (nd30-format.md §2–§8) in a `DocModel`.

Parts are found by their text and position, never by the formatting the rules
judge (a Quốc hiệu in lower case is still the Quốc hiệu, and then fails the
case rule). The anchor is the Quốc hiệu; the header is the table (or the lines)
around it, the title follows the header, and the body runs from the line under
the subject to the signature table or the `Nơi nhận:` line.

`locate` puts together what `header_parts` (the header, title and subject),
`body_parts` (body, recipients, signature) and `decision` (the further kinds'
parts) find; the checks read the result, a `Parts`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from generator.check.body_parts import find_body_and_signature
from generator.check.decision import PART_LABELS as MORE_LABELS
from generator.check.decision import locate_more
from generator.check.header_parts import find_anchor, find_header
from generator.check.lines import RuleLine, find_rule_below
from generator.check.model import DocModel, Para, Section
from generator.check.signature import SignatureBlock

PART_LABELS = {
    "sections": "Trang giấy",
    "document": "Toàn văn bản",
    "national_title": "Quốc hiệu",
    "top_title": "Tiêu đề (thay Quốc hiệu)",
    "issuer_mark": "Dấu dưới tên cơ quan ban hành",
    "motto": "Tiêu ngữ",
    "parent": "Tên cơ quan chủ quản",
    "issuer": "Tên cơ quan ban hành",
    "number": "Số, ký hiệu",
    "date": "Địa danh, ngày tháng",
    "marks": "Dấu mức độ khẩn, mật",
    "cv_subject": "Trích yếu công văn",
    "title": "Tên loại văn bản",
    "subject": "Trích yếu nội dung",
    "addressee": "Kính gửi",
    "bases": "Căn cứ ban hành",
    "theme": "Chủ đề",
    "body": "Nội dung",
    "body_text": "Đoạn văn nội dung",
    "section_heading": "Đề mục La Mã",
    "body_end": "Đoạn cuối nội dung",
    "signature_blocks": "Khối chữ ký",
    "signature_lines": "Quyền hạn, chức vụ người ký",
    "signature_name": "Họ tên người ký",
    "recipients_heading": "Nơi nhận",
    "recipients": "Danh sách nơi nhận",
    "page_number": "Số trang",
    **MORE_LABELS,
}


@dataclass
class Parts:
    model: DocModel
    groups: dict[str, list[list[Para]]] = field(default_factory=dict)
    signatures: list[SignatureBlock] = field(default_factory=list)

    def items(self, name: str) -> list:
        if name == "sections":
            return list(self.model.sections)
        if name == "signature_blocks":
            return list(self.signatures)
        return list(self.groups.get(name, []))

    def rule_below(self, group: list[Para]) -> RuleLine | None:
        return find_rule_below(self.model, group)


def locate(model: DocModel) -> Parts:
    parts = Parts(model)
    g = parts.groups
    g["document"] = [[p] for p in model.paras] + [
        [p] for section in model.sections for p in _unique_header_paras(model.sections, section)
    ]
    _page_numbers(parts)
    qh = find_anchor(model)
    body_start = find_header(model, g, qh) if qh is not None else 0
    parts.signatures = find_body_and_signature(model, g, body_start)
    locate_more(parts)
    return parts


def _unique_header_paras(sections: list[Section], section: Section) -> list[Para]:
    seen: set[int] = set()
    for earlier in sections:
        if earlier is section:
            break
        for paras in earlier.headers.values():
            seen.update(id(p) for p in paras or [])
    out: list[Para] = []
    for paras in section.headers.values():
        for p in paras or []:
            if id(p) not in seen:
                seen.add(id(p))
                out.append(p)
    return out


def _page_numbers(parts: Parts) -> None:
    sections = parts.model.sections
    if not sections:
        return
    found: list[list[Para]] = []
    for para in sections[0].headers.get("default") or []:
        for fld in para.fields:
            if fld.name == "PAGE":
                runs = [r for r in fld.result if r.visible] or ([fld.begin] if fld.begin else [])
                found.append([replace(para, runs=runs, prefix="")])
    if found:
        parts.groups["page_number"] = found
