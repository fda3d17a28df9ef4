"""What LibreOffice makes of Word documents: run by the system's Python, which has ``uno``.

    /usr/bin/python3 tests/office/uno_views.py OUT.json DOC.docx [DOC.docx ...]

For each document LibreOffice (headless, a private profile) opens it three
times and saves its text each time: as it is, with every tracked change
accepted, and with every one rejected (``.uno:AcceptAllTrackedChanges`` /
``RejectAllTrackedChanges``, what 审阅 ▸ 接受/拒绝 does); it also lists the
tracked changes (type, author, date) and the comments (author, text and the
text they are anchored on), and exports a PDF beside the document.  The JSON
written holds it all, or an ``error`` for a document LibreOffice could not
open or save.  Comparing is ``tests/office/check.py``'s work; this script only
asks LibreOffice, so that it needs nothing but ``uno``.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import uno
from com.sun.star.beans import PropertyValue

TEXT_FILTER = "Text (encoded)"
TEXT_OPTIONS = "UTF8,LF,,,"
VIEWS = {
    "shown": None,
    "accepted": "AcceptAllTrackedChanges",
    "rejected": "RejectAllTrackedChanges",
}
START_SECONDS = 60


def prop(name: str, value: object) -> Any:
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(profile: Path) -> tuple[Any, Any, subprocess.Popen[bytes]]:
    pipe = f"jiaokan_office_{os.getpid()}"
    office = subprocess.Popen(
        [
            "soffice", "--headless", "--invisible", "--norestore", "--nologo",
            f"-env:UserInstallation={profile.as_uri()}", f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            if time.monotonic() > deadline or office.poll() is not None:
                office.kill()
                raise SystemExit("LibreOffice did not start") from None
            time.sleep(0.2)
    smgr = ctx.ServiceManager
    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    return desktop, dispatcher, office


def text_of(doc: Any, where: Path) -> str:
    options = (prop("FilterName", TEXT_FILTER), prop("FilterOptions", TEXT_OPTIONS))
    doc.storeToURL(where.as_uri(), options)
    return where.read_text(encoding="utf-8-sig")


def revisions(doc: Any) -> list[dict[str, str]]:
    out = []
    found = doc.Redlines.createEnumeration()
    while found.hasMoreElements():
        redline = found.nextElement()
        when = redline.RedlineDateTime
        out.append(
            {
                "type": str(redline.RedlineType),
                "author": str(redline.RedlineAuthor),
                "date": f"{when.Year:04d}-{when.Month:02d}-{when.Day:02d}T"
                f"{when.Hours:02d}:{when.Minutes:02d}:{when.Seconds:02d}",
            }
        )
    return out


def comments(doc: Any) -> list[dict[str, str]]:
    out = []
    fields = doc.getTextFields().createEnumeration()
    while fields.hasMoreElements():
        field = fields.nextElement()
        if field.supportsService("com.sun.star.text.textfield.Annotation"):
            anchor = field.getAnchor()
            out.append(
                {
                    "author": str(field.Author),
                    "text": str(field.Content),
                    "anchor": str(anchor.getString()) if anchor is not None else "",
                }
            )
    return out


def views(desktop: Any, dispatcher: Any, path: Path, scratch: Path) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for view, command in VIEWS.items():
        doc = desktop.loadComponentFromURL(path.as_uri(), "_blank", 0, (prop("Hidden", True),))
        if doc is None:
            return {"error": "LibreOffice could not open the document"}
        try:
            if command is None:
                # LibreOffice opens almost anything somehow (a broken zip as plain
                # text): only its Word filter means it read a Word document
                args = {a.Name: a.Value for a in doc.getArgs()}
                result["filter"] = str(args.get("FilterName", ""))
                result["revisions"] = revisions(doc)
                result["comments"] = comments(doc)
                pdf = path.with_suffix(".pdf")
                doc.storeToURL(pdf.as_uri(), (prop("FilterName", "writer_pdf_Export"),))
                result["pdf"] = str(pdf)
            else:
                frame = doc.getCurrentController().getFrame()
                dispatcher.executeDispatch(frame, f".uno:{command}", "", 0, ())
            result[view] = text_of(doc, scratch / f"{path.stem}.{view}.txt")
        finally:
            doc.close(True)
    return result


def main(argv: list[str]) -> int:
    out, documents = Path(argv[0]), [Path(a).resolve() for a in argv[1:]]
    scratch = Path(tempfile.mkdtemp(prefix="jiaokan-office-"))
    desktop, dispatcher, office = connect(scratch / "profile")
    report: dict[str, Any] = {}
    try:
        for path in documents:
            try:
                report[str(path)] = views(desktop, dispatcher, path, scratch)
            except Exception as exc:  # what LibreOffice reports: an IOException and its message
                report[str(path)] = {"error": f"{type(exc).__name__}: {exc}"}
    finally:
        with contextlib.suppress(Exception):  # the bridge goes down with the office
            desktop.terminate()
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
        shutil.rmtree(scratch, ignore_errors=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
