"""A manuscript as a publisher has it, and its proof as a typesetter makes it.

The manuscript is a Word document built with python-docx: a running head, a
page number field in the footer, justified paragraphs, a two-column section
and a table.  The proof is the same document with known slips put in first
(what a typesetter's retyping gets wrong), typeset to PDF by LibreOffice
headless, as a small publisher's layout would be.  ``tests/pdf/make_fixtures.py``
commits a small pair of them for the fast tests; ``make pdf-check`` makes a
longer one from the real speech in ../shared/corpus.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

FONT = "Noto Serif CJK SC"


@dataclass
class Manuscript:
    """The text of a manuscript, part by part."""

    head: str
    body: list[str]
    columns: list[str] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)
    after: list[str] = field(default_factory=list)

    def slipped(self, slips: list[tuple[str, str]]) -> Manuscript:
        """The same text with each ``(old, new)`` replaced once (the first place it is)."""
        parts = [self.body, self.columns, *self.table, self.after]
        copies = [list(part) for part in parts]
        for old, new in slips:
            for part in copies:
                hit = next((k for k, text in enumerate(part) if old in text), None)
                if hit is not None:
                    part[hit] = part[hit].replace(old, new, 1)
                    break
            else:
                raise ValueError(f"no {old!r} in the manuscript")
        body, columns, *table, after = copies
        return Manuscript(self.head, body, columns, table, after)

    def save(self, path: Path) -> None:
        document = docx.Document()
        style = document.styles["Normal"]
        style.font.size = Pt(10.5)
        style.font.name = FONT
        style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        section = document.sections[0]
        head = section.header.paragraphs[0]
        head.text = self.head
        head.alignment = WD_ALIGN_PARAGRAPH.CENTER
        foot = section.footer.paragraphs[0]
        foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_field(foot.add_run())
        for text in self.body:
            document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if self.columns:
            _columns(document.add_section(WD_SECTION.CONTINUOUS), 2)
            for text in self.columns:
                document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if self.table or self.after:
            _columns(document.add_section(WD_SECTION.CONTINUOUS), 1)
        if self.table:
            table = document.add_table(rows=len(self.table), cols=len(self.table[0]))
            table.style = "Table Grid"
            for r, row in enumerate(self.table):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
        for text in self.after:
            document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        document.save(str(path))


def _page_field(run: object) -> None:
    element = run._r  # type: ignore[attr-defined]
    for kind, instruction in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind is None:
            text = OxmlElement("w:instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = instruction
            element.append(text)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            element.append(char)


def _columns(section: object, count: int) -> None:
    properties = section._sectPr  # type: ignore[attr-defined]
    found = properties.xpath("./w:cols")
    cols = found[0] if found else OxmlElement("w:cols")
    cols.set(qn("w:num"), str(count))
    cols.set(qn("w:space"), "720")
    if not found:
        properties.append(cols)


def typeset(document: Path, out_dir: Path) -> Path:
    """The document as LibreOffice headless typesets it to PDF (a profile of its own, so a
    running LibreOffice or another test is not disturbed)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is needed to typeset a proof")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                str(document),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return out_dir / (document.stem + ".pdf")


_NUMBERS = "一二三四五六七八九十"
_BODY = [
    "社区是城市的基本单元。“社区防控是疫情防控的第一道防线”，这句话说出了社区工作的分量。"
    "Community work, as the report puts it, is effectively the first line of defence.",
    "各级党组织把社区疫情防控各项部署落到实处，广大党员干部主动作为，守严守牢关键防线。"
    "他们挨家挨户排查登记，为居民送去生活物资，把党的关怀送到群众心坎上。",
    "突如其来的疫情是一次危机，也是一次大考。如何有效发挥社区在疫情防控中的阻击作用，"
    "是一项艰巨的任务，也是一个巨大的挑战。社区工作者日夜坚守，筑起了一道道防线。",
]

SMALL = Manuscript(
    head="城市社区工作研究",
    body=[f"第{_NUMBERS[k // 3]}之{k % 3 + 1}节　{_BODY[k % 3]}" for k in range(24)],
    columns=[
        "分栏甲段：社区工作者逐户摸排，建立台账，做到不漏一户、不漏一人。" * 2,
        "分栏乙段：志愿者协助配送蔬菜和药品，解决居民的实际困难，温暖人心。" * 2,
        "分栏丙段：物业公司加强消毒，公共区域每日两次，电梯按钮随时擦拭。" * 2,
        "分栏丁段：社区医生上门随访，关心老人的身体状况，及时转诊就医。" * 2,
    ],
    table=[["街道", "社区", "人数"], ["东城", "和平里", "一百二十"], ["西城", "新街口", "九十八"]],
    after=["表后说明：以上数字据各街道上报汇总，截至本月十日。"],
)
"""The committed fixtures' manuscript: three pages at 10.5 points."""

SMALL_SLIPS = [
    ("基本单元", "基本单位"),
    ("第八之2节　各级党组织", "第八之2节　各级组织"),
    ("温暖人心", "人心温暖"),
    ("新街口", "新街囗"),
]
"""What the committed proof's typesetter got wrong: a substitution on page 1, a
deletion on page 2, a transposition in the two-column section, a lookalike in the table."""
