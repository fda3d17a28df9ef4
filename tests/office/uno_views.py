"""What LibreOffice makes of Word documents: run by the system's Python, which has ``uno``.

    /usr/bin/python3 tests/office/uno_views.py OUT.json DOC.docx [DOC.docx ...]

For each document LibreOffice (headless, a private profile) opens it three
times and saves its text each time: as it is, with every tracked change
accepted, and with every one rejected (``.uno:AcceptAllTrackedChanges`` /
``RejectAllTrackedChanges``, what 审阅 ▸ 接受/拒绝 does); it also lists the
tracked changes (type, author, date).  The comments (author, date, text and
the text they are anchored on) are read from LibreOffice's own conversion of
the document to ODF, and a PDF as LibreOffice prints it is saved beside the
document.  The JSON written holds it all, or an ``error`` for a document
LibreOffice could not open or save.  Comparing is ``tests/office/check.py``'s
work; this script only asks LibreOffice, so that it needs nothing but ``uno``.

Why two ways in: LibreOffice 7.4 without a display aborts (an uncaught
``NoSuchElementException`` in its event loop, exit 134) a moment after a
document with comments is opened over UNO and left open, whoever wrote the
document (python-docx's own commented document too).  A conversion on the
command line loads, saves and closes without that moment.  So the UNO views
are taken of a copy with the comment anchors taken out of ``document.xml``
(nothing else changed), and the comments of the document itself.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

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
CONVERT_SECONDS = 120
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"
ANCHORS = {f"{W}commentRangeStart", f"{W}commentRangeEnd", f"{W}commentReference"}


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
        stderr=None,
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


def without_comments(path: Path, out: Path) -> Path:
    """A copy of the Word document ``path`` whose body anchors no comment."""
    ElementTree.register_namespace("w", W[1:-1])
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = _drop_anchors(data)
            copy.writestr(info, data)
    return out


def _drop_anchors(xml: bytes) -> bytes:
    # lxml is not the system Python's; ElementTree keeps every namespace used
    # on an element, and mc:Ignorable's prefixes are kept by declaring them
    for _, (prefix, uri) in ElementTree.iterparse(io.BytesIO(xml), events=("start-ns",)):
        ElementTree.register_namespace(prefix, uri)
    root = ElementTree.fromstring(xml)
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag in ANCHORS or (
                child.tag == f"{W}r" and child.find(f"{W}commentReference") is not None
            ):
                parent.remove(child)
    written: bytes = ElementTree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return written


def convert(path: Path, to: str, folder: Path, profile: Path) -> Path:
    """``soffice --convert-to TO`` of ``path`` into ``folder``; the file made."""
    subprocess.run(
        [
            "soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to", to, "--outdir", str(folder), str(path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=CONVERT_SECONDS,
        check=False,
    )  # fmt: skip
    made = folder / f"{path.stem}.{to.split(':')[0]}"
    if not made.is_file():
        raise RuntimeError(f"LibreOffice could not convert it to {to.split(':')[0]}")
    return made


def comments(odt: Path) -> list[dict[str, str]]:
    """The comments of an ODF text as LibreOffice wrote them, with their anchors."""
    with zipfile.ZipFile(odt) as package:
        root = ElementTree.fromstring(package.read("content.xml"))
    found: dict[str, dict[str, str]] = {}
    order: list[dict[str, str]] = []
    open_: list[str] = []

    def walk(element: ElementTree.Element) -> None:
        if element.tag == f"{OFFICE}annotation":
            name = element.get(f"{OFFICE}name", "")
            note = {
                "author": element.findtext(f"{DC}creator", ""),
                "date": element.findtext(f"{DC}date", ""),
                "text": "\n".join("".join(p.itertext()) for p in element.iter(f"{TEXT}p")),
                "anchor": "",
            }
            order.append(note)
            if name:
                found[name] = note
                open_.append(name)
        elif element.tag == f"{OFFICE}annotation-end":
            name = element.get(f"{OFFICE}name", "")
            if name in open_:
                open_.remove(name)
        else:
            _add(element.text)
            for child in element:
                walk(child)
                _add(child.tail)

    def _add(text: str | None) -> None:
        for name in open_:
            found[name]["anchor"] += text or ""

    walk(root)
    return order


def views(desktop: Any, dispatcher: Any, path: Path, scratch: Path) -> dict[str, Any]:
    """The document as shown, accepted and rejected; its filter and revisions."""
    bare = without_comments(path, scratch / f"{path.stem}.bare.docx")
    result: dict[str, Any] = {}
    for view, command in VIEWS.items():
        doc = desktop.loadComponentFromURL(bare.as_uri(), "_blank", 0, (prop("Hidden", True),))
        if doc is None:
            return {"error": "LibreOffice could not open the document"}
        try:
            if command is None:
                # LibreOffice opens almost anything somehow (a broken zip as plain
                # text): only its Word filter means it read a Word document
                args = {a.Name: a.Value for a in doc.getArgs()}
                result["filter"] = str(args.get("FilterName", ""))
                result["revisions"] = revisions(doc)
            else:
                frame = doc.getCurrentController().getFrame()
                dispatcher.executeDispatch(frame, f".uno:{command}", "", 0, ())
            result[view] = text_of(doc, scratch / f"{path.stem}.{view}.txt")
        finally:
            doc.close(True)
    return result


def converted(path: Path, scratch: Path) -> dict[str, Any]:
    """The document's comments, and its PDF (tracked changes shown) beside it."""
    profile = scratch / "convert-profile"
    odt = convert(path, "odt", scratch, profile)
    pdf = convert(path, "pdf", scratch, profile)
    beside = path.with_suffix(".pdf")
    shutil.move(pdf, beside)
    return {"comments": comments(odt), "pdf": str(beside)}


def main(argv: list[str]) -> int:
    out, documents = Path(argv[0]), [Path(a).resolve() for a in argv[1:]]
    scratch = Path(tempfile.mkdtemp(prefix="jiaokan-office-"))
    report: dict[str, Any] = {}
    try:
        desktop, dispatcher, office = connect(scratch / "profile")
        try:
            for path in documents:
                try:
                    report[str(path)] = views(desktop, dispatcher, path, scratch)
                except Exception as exc:  # what LibreOffice reports: an exception and its message
                    report[str(path)] = {"error": f"{type(exc).__name__}: {exc}"}
        finally:
            with contextlib.suppress(Exception):  # the bridge goes down with the office
                desktop.terminate()
            try:
                office.wait(timeout=30)
            except subprocess.TimeoutExpired:
                office.kill()
        for path in documents:  # after the UNO office: one office per profile at a time
            if "error" not in report[str(path)]:
                try:
                    report[str(path)].update(converted(path, scratch))
                except (RuntimeError, zipfile.BadZipFile, ElementTree.ParseError, KeyError) as exc:
                    report[str(path)] = {"error": f"{type(exc).__name__}: {exc}"}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
