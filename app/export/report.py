"""The collation report: one HTML file with no scripts and no outside resources, so it
can be mailed, archived and printed as it is; marks are borders and underlines rather
than backgrounds, which browsers drop when printing."""

from __future__ import annotations

import os
from collections import Counter
from html import escape

from app.classes.checks import CHECK_WITNESS
from app.classes.classify import CLASS_LABELS_ZH
from app.collation.loci import KINDS
from app.export.data import (
    ExportInput,
    ExportLocus,
    StrPath,
    ordered_loci,
    write_atomic,
)
from app.export.text import TAIL, corrected_segments
from app.store.decisions import STATUSES, now
from app.text.lines import LINE_BREAK, LineIndex

# -- the HTML report --------------------------------------------------------------

_CSS = """
:root{--accepted:#00704f;--edited:#0b5cad;--rejected:#6b6b6b;--open:#b35900;--del:#b3261e}
body{font-family:"Noto Serif CJK SC","Source Han Serif SC","Songti SC",STSong,SimSun,
  "Noto Serif CJK TC","Source Han Serif TC",serif;color:#1a1a1a;background:#fff;
  max-width:62em;margin:2em auto;padding:0 1.5em;line-height:1.7}
h1{font-size:1.6em;margin:0 0 .2em}
h2{font-size:1.2em;margin:2em 0 .6em;border-bottom:1px solid #999;padding-bottom:.2em}
.sub{color:#555;margin:0 0 1em}
code{font:.85em ui-monospace,Menlo,Consolas,monospace;overflow-wrap:anywhere}
.meta{border-collapse:collapse}.meta ul{margin:0;padding:0;list-style:none}
.meta th{text-align:left;padding:.15em 1em .15em 0;vertical-align:top;white-space:nowrap}
.count{display:inline-block;margin-right:1.2em;white-space:nowrap}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font-size:1.12em;line-height:2.2;
  border:1px solid #ccc;padding:1em 1.2em}
ins{text-decoration:none;border-bottom:2px solid var(--accepted);color:var(--accepted)}
.edited ins{border-bottom-color:var(--edited);color:var(--edited)}
del{text-decoration:line-through;text-decoration-color:var(--del);color:var(--del)}
.open{border-bottom:1px dashed var(--open)}
sup.ref{font:600 .6em/0 system-ui,sans-serif;vertical-align:super;margin:0 .1em}
sup.ref a{color:var(--accepted);text-decoration:none}sup.edited a{color:var(--edited)}
sup.open a{color:var(--open)}sup.rejected a,sup.kept a{color:var(--rejected)}
.app{border-collapse:collapse;width:100%;font-size:.9em}
.app th,.app td{border:1px solid #bbb;padding:.3em .45em;vertical-align:top;text-align:left}
.app thead th{border-bottom:2px solid #333;font:.85em system-ui,sans-serif;font-weight:600}
.rd,.note{white-space:pre-wrap;overflow-wrap:anywhere}.rd{min-width:3.2em}.note{min-width:8em}
.num,.pos,.time,.st,.kind{font:.85em system-ui,sans-serif;font-variant-numeric:tabular-nums}
.num,.pos{white-space:nowrap}.time{min-width:6em}
.same,.nil,.br{color:#888}.chosen{font-weight:700;text-decoration:underline}
.wk{display:block;color:#666;font:.75em system-ui,sans-serif;white-space:nowrap}
.reason{display:block;color:#444;font:.75em system-ui,sans-serif}
.why{color:var(--open);font:.7em system-ui,sans-serif;margin:0 .2em}
.st b{display:inline-block;border:1px solid;border-radius:3px;padding:0 .3em}
.st .accepted{color:var(--accepted)}.st .edited{color:var(--edited)}
.st .rejected{color:var(--rejected)}.st .undecided{color:var(--open)}
a{color:inherit}:target{outline:2px solid #e69f00}
@page{size:A4;margin:16mm 14mm}
@page wide{size:A4 landscape}
@media print{
  body{max-width:none;margin:0;padding:0;font-size:10.5pt}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  a{text-decoration:none}.text{border:none;padding:0}.app{font-size:8.5pt}
  thead{display:table-header-group}
  tr,td,th{break-inside:avoid;page-break-inside:avoid}
  h1,h2{break-after:avoid;page-break-after:avoid}
  section.wide{page:wide}
}
"""


_PORTRAIT_WITNESSES = 3
"""Most witness columns an A4 portrait page holds with readable cells."""


def _cell(text: str) -> str:
    """A reading in a table cell: visible line breaks (as in the window), nothing as ∅."""
    if not text:
        return '<span class="nil">∅</span>'
    return escape(LINE_BREAK.sub("⏎\n", text)).replace("⏎", '<span class="br">⏎</span>')


def _short(text: str, limit: int = 60) -> str:
    flat = LINE_BREAK.sub("⏎", text) or "∅"
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _tooltip(n: int, locus: ExportLocus, new: str) -> str:
    d = locus.decision
    if d.status == "undecided":
        readings = "; ".join(f"{w}: {_short(r)}" for w, r in locus.readings.items())
        tip = f"#{n} undecided: {_short(locus.source_text)} | {readings}"
    else:
        who = f" ({d.witness})" if d.witness else ""
        tip = f"#{n} {d.status}{who}: {_short(locus.source_text)} → {_short(new)}"
    return tip + (f"\n{d.note}" if d.note else "")


def _mark(n: int, locus: ExportLocus, new: str) -> str:
    """One locus in the running text: the change, or a light mark for an open question.

    A trailing line break goes after the locus number, which would otherwise
    start the next line, far from the place it numbers.
    """
    status = locus.decision.status
    old = locus.source_text
    changed = status in ("accepted", "edited") and new != old
    cls = status if changed or status != "accepted" else "kept"
    title = escape(_tooltip(n, locus, new))
    ref = f'<sup class="ref {cls}"><a href="#a{n}">{n}</a></sup>'
    shown, tail = _split_tail(new if changed else old)
    if changed:
        parts = f"<del>{escape(LINE_BREAK.sub('⏎', old))}</del>" if old else ""
        if new:
            marked = LINE_BREAK.sub(lambda m: "⏎" + m.group(), shown) + ("⏎" if tail else "")
            parts += f"<ins>{escape(marked)}</ins>"
        return f'<span class="change {cls}" id="t{n}" title="{title}">{parts}</span>{ref}{tail}'
    why = _check_note(locus) if status == "undecided" else ""
    if not shown:  # a line break alone (a page break inside a sentence): its number, and why
        return ref.replace("<sup ", f'<sup id="t{n}" title="{title}" ', 1) + why + tail
    span_cls = "open" if status == "undecided" else cls
    return (
        f'<span class="{span_cls}" id="t{n}" title="{title}">{escape(shown)}</span>{ref}{why}{tail}'
    )


def _check_note(locus: ExportLocus) -> str:
    """A check's proposed fix and its reason, written in the running text: 〔→ 厉 · why〕."""
    if CHECK_WITNESS not in locus.readings:
        return ""
    fix = LINE_BREAK.sub("⏎", locus.readings[CHECK_WITNESS]) or "∅"
    reason = f" · {escape(locus.message)}" if locus.message else ""
    return f'<span class="why">〔→ {escape(fix)}{reason}〕</span>'


def _split_tail(text: str) -> tuple[str, str]:
    match = TAIL.search(text)
    return (text[: match.start()], match.group()) if match else (text, "")


def _counts(loci: list[ExportLocus]) -> tuple[str, str]:
    statuses = Counter(locus.decision.status for locus in loci)
    kinds = Counter(locus.kind for locus in loci)
    order = [*KINDS, *sorted(set(kinds) - set(KINDS))]
    per_status = "".join(
        f'<span class="count st"><b class="{s}">{s}</b> {statuses[s]}</span>' for s in STATUSES
    )
    per_kind = "".join(
        f'<span class="count">{escape(k)} {kinds[k]}</span>' for k in order if kinds[k]
    )
    return per_status, per_kind or "—"


def _header(data: ExportInput, loci: list[ExportLocus], exported_at: str) -> str:
    witnesses = "".join(
        f"<li><b>{escape(w.id)}</b> <code>{escape(w.path)}</code> ({escape(w.encoding)})</li>"
        for w in data.witnesses
    )
    per_status, per_kind = _counts(loci)
    rules = ", ".join(escape(r) for r in data.rules) or "none (exact comparison)"
    rows = (
        ("Source", f"<code>{escape(data.source_path)}</code> ({escape(data.source_encoding)})"),
        ("Witnesses", f"<ul>{witnesses}</ul>" if witnesses else "none"),
        ("Ignored", rules),
        ("Divergences", f'<span class="count">total {len(loci)}</span>{per_status}'),
        ("Kinds", per_kind),
        ("Exported", escape(_when(exported_at))),
    )
    body = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    return (
        f"<header><h1>{escape(_title(data))}</h1>"
        f'<p class="sub">Collation report · 校勘记</p><table class="meta">{body}</table></header>'
    )


def _title(data: ExportInput) -> str:
    return data.title.strip() or os.path.basename(data.source_path) or "Untitled"


def _when(stamp: str) -> str:
    """ISO 8601 as people read it: 2024-05-01 08:12:33 UTC."""
    return stamp.replace("T", " ").replace("+00:00", " UTC")


def _row(n: int, locus: ExportLocus, lines: LineIndex, ids: list[str], within: int | None) -> str:
    d = locus.decision
    line, column = lines.line_col(locus.start)
    # a locus inside another copy's longer one names it: "3 ⊂ 2"
    inside = "" if within is None else f' <a class="in" href="#a{within}">⊂ {within}</a>'
    cells = [
        f'<td class="num"><a href="#t{n}" title="id {locus.id}">{n}</a>{inside}</td>',
        f'<td class="pos">{line}:{column}</td>',
        f'<td class="rd">{_cell(locus.source_text)}</td>',
    ]
    for w in ids:
        if w not in locus.readings:
            cells.append('<td class="rd"><span class="same">=</span></td>')
            continue
        text = _cell(locus.readings[w])
        if d.witness == w and d.status == "accepted":
            text = f'<span class="chosen">{text}</span>'
        kind = locus.kinds.get(w, locus.kind)
        if kind != locus.kind:
            text += f'<span class="wk">{escape(kind)}</span>'
        cells.append(f'<td class="rd">{text}</td>')
    who = f"<br>{escape(d.witness)}" if d.witness else ""
    chosen = "" if d.reading is None or d.status == "undecided" else _cell(d.reading)
    cells += [
        f'<td class="kind">{escape(locus.kind)}{_class_html(locus)}</td>',
        f'<td class="st"><b class="{d.status}">{d.status}</b>{who}</td>',
        f'<td class="rd">{chosen}</td>',
        f'<td class="note">{escape(d.note)}</td>',
        f'<td class="time">{escape(_when(d.decided_at))}</td>',
    ]
    return f'<tr id="a{n}" class="{d.status}">{"".join(cells)}</tr>'


def _class_html(locus: ExportLocus) -> str:
    if not locus.cls:
        return ""

    label = CLASS_LABELS_ZH.get(locus.cls, locus.cls)
    why = f'<span class="reason">{escape(locus.message)}</span>' if locus.message else ""
    return f'<br><span class="cls">{escape(label)}</span>{why}'


def render_report(data: ExportInput, *, exported_at: str | None = None) -> str:
    """The whole report as one HTML document (``exported_at`` defaults to now)."""
    loci = ordered_loci(data)
    text = "".join(
        escape(piece) if locus is None else _mark(n, locus, piece)
        for n, locus, piece in corrected_segments(data)
    )
    ids = [w.id for w in data.witnesses]
    paths = {w.id: w.path for w in data.witnesses}
    if CHECK_WITNESS not in ids and any(CHECK_WITNESS in locus.readings for locus in loci):
        ids.append(CHECK_WITNESS)  # the checks' proposed fixes, a column like a copy's
        paths[CHECK_WITNESS] = "the source checked on its own"
    heads = "".join(f'<th title="{escape(paths[w])}">{escape(w)}</th>' for w in ids)
    lines = LineIndex(data.source_text)
    row_of = {locus.id: n for n, locus in enumerate(loci, 1)}
    rows = "".join(
        _row(n, locus, lines, ids, None if locus.within is None else row_of.get(locus.within))
        for n, locus in enumerate(loci, 1)
    )
    table = (
        '<table class="app"><thead><tr><th>#</th><th>Line:col</th><th>Source</th>'
        f"{heads}<th>Kind</th><th>Decision</th><th>Chosen</th><th>Note</th><th>Decided</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>"
        if loci
        else "<p>No divergences.</p>"
    )
    title = escape(_title(data))
    wide = " wide" if len(ids) > _PORTRAIT_WITNESSES else ""  # printed in landscape
    # Line breaks in the document are "\n" whatever the source used: HTML
    # parsers fold "\r\n" and "\r" into "\n" anyway, and a lone "\r" in the
    # file would confuse tools that read it line by line.
    return LINE_BREAK.sub(
        "\n",
        '<!DOCTYPE html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title} — collation report</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"{_header(data, loci, exported_at or now())}\n"
        f'<section class="corrected"><h2>Corrected text</h2><div class="text">{text}</div>'
        f'</section>\n<section class="apparatus{wide}"><h2>Apparatus</h2>{table}</section>\n'
        f"{_error_rate_html(data, row_of)}\n"
        "</body>\n</html>\n",
    )


def _error_rate_html(data: ExportInput, row_of: dict[int, int]) -> str:
    """The error rate (差错率) of the decided corrections, with each one's weight and rule."""
    from app.classes.errorrate import RULES
    from app.export.quality import project_error_rate

    rate = project_error_rate(data)
    rows = "".join(
        f'<tr><td class="num"><a href="#a{row_of.get(i.correction.id, 0)}">'
        f"{row_of.get(i.correction.id, '')}</a></td>"
        f'<td class="rd">{_cell(i.correction.source_text)}</td>'
        f'<td class="rd">{_cell(i.correction.reading)}</td>'
        f"<td>{escape(CLASS_LABELS_ZH.get(i.correction.cls, i.correction.cls))}</td>"
        f"<td>{i.weight:g}</td><td>{escape(RULES[i.rule].clause)}</td></tr>"
        for i in rate.items
    )
    table = (
        '<table class="app"><thead><tr><th>#</th><th>Source</th><th>Corrected</th>'
        f"<th>Class</th><th>Errors</th><th>Rule</th></tr></thead><tbody>{rows}</tbody></table>"
        if rows
        else ""
    )
    summary = (
        f"<p>{rate.characters} characters (without whitespace), {rate.errors:g} errors: "
        f"<b>{rate.per_10k:.2f}</b> per 10,000 · <b>{rate.verdict}</b> "
        "(by 《图书质量管理规定》: at most 1 per 10,000 qualifies)</p>"
    )
    return f'<section class="quality"><h2>Error rate · 差错率</h2>{summary}{table}</section>'


def write_report(data: ExportInput, path: StrPath) -> None:
    # A lone surrogate cannot come from a decoded file; should one slip in,
    # a character reference shows it as U+FFFD instead of failing the export.
    write_atomic(path, render_report(data).encode("utf-8", "xmlcharrefreplace"), data)
