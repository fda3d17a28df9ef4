"""Evaluate packaging/jiaokan.spec as Windows and macOS would, without building.

    .venv/bin/python packaging/spec_dry_run.py        # part of make package-check

Nobody builds on Windows or macOS here, so their branches of the spec would
otherwise only fail on the first real build there.  This runs the spec with
``sys.platform`` set to ``win32`` and then ``darwin``, PyInstaller's build
steps (Analysis, EXE, COLLECT, BUNDLE) replaced by recorders, and checks
what they were given: two executables sharing one folder on Windows, a
version resource that serializes, the icons, and on macOS an Info.plist
that serializes with the bundle id, version and the ``.jkproj`` type.
PyInstaller's collection helpers run for real (on this system's packages).
"""

from __future__ import annotations

import plistlib
import sys
import tempfile
import tomllib
import types
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "jiaokan.spec"
APP_ID = "io.github.jiaokan.Jiaokan"


class Recorder:
    """Stands in for one of PyInstaller's build classes; remembers every call."""

    def __init__(self, name: str, calls: list[tuple[str, dict[str, Any]]]) -> None:
        self.name, self.calls = name, calls

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls.append((self.name, kwargs))
        return types.SimpleNamespace(scripts=[], binaries=[], datas=[], pure=[], args=args)


def evaluate(platform: str) -> list[tuple[str, dict[str, Any]]]:
    calls: list[tuple[str, dict[str, Any]]] = []
    namespace: dict[str, Any] = {
        name: Recorder(name, calls) for name in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")
    }
    with tempfile.TemporaryDirectory() as dist:
        namespace.update(SPECPATH=str(SPEC.parent), DISTPATH=dist, __file__=str(SPEC))
        real = sys.platform
        sys.platform = platform
        try:
            exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
        finally:
            sys.platform = real
    return calls


def main() -> int:
    # PyInstaller's Windows helpers import Windows-only modules at import time; the
    # version resource itself is plain Python, so stand-ins are enough to build it.
    sys.modules.setdefault("pefile", types.ModuleType("pefile"))
    import PyInstaller.compat

    if not hasattr(PyInstaller.compat, "win32api"):
        PyInstaller.compat.win32api = None  # type: ignore[attr-defined]
    # imported now, before sys.platform changes
    import PyInstaller.utils.hooks
    import PyInstaller.utils.win32.versioninfo

    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    problems: list[str] = []

    def expect(ok: bool, message: str) -> None:
        if not ok:
            problems.append(message)

    windows = evaluate("win32")
    exes = {kw["name"]: kw for name, kw in windows if name == "EXE"}
    expect(sorted(exes) == ["jiaokan", "jiaokan-cli"], f"Windows executables: {sorted(exes)}")
    for name, kw in exes.items():
        expect(kw["console"] == (name == "jiaokan-cli"), f"{name}.exe console={kw['console']}")
        expect(Path(kw["icon"]).is_file(), f"{name}.exe icon {kw['icon']}")
        resource = kw["version"]
        raw = resource.toRaw()
        expect(f"{version}".encode("utf-16-le") in raw, f"{name}.exe version resource")
        expect(f"{name}.exe".encode("utf-16-le") in raw, f"{name}.exe OriginalFilename")
    (collect,) = [kw for name, kw in windows if name == "COLLECT"]
    expect(collect["name"] == "jiaokan", f"Windows folder {collect['name']}")
    expect(not [1 for name, _ in windows if name == "BUNDLE"], "a BUNDLE on Windows")

    macos = evaluate("darwin")
    exes = {kw["name"]: kw for name, kw in macos if name == "EXE"}
    expect(list(exes) == ["jiaokan"], f"macOS executables: {list(exes)}")
    exe = exes.get("jiaokan", {})
    expect(exe.get("console") is False, "the bundle's program is a console one")
    expect(exe.get("argv_emulation") is True, "no argv emulation: Finder's files are lost")
    bundles = [kw for name, kw in macos if name == "BUNDLE"]
    expect(len(bundles) == 1, f"{len(bundles)} BUNDLEs")
    for bundle in bundles:
        expect(bundle["bundle_identifier"] == APP_ID, f"bundle id {bundle['bundle_identifier']}")
        expect(Path(bundle["icon"]).suffix == ".icns" and Path(bundle["icon"]).is_file(), "icns")
        plist = plistlib.loads(plistlib.dumps(bundle["info_plist"]))
        expect(plist["CFBundleShortVersionString"] == version, "CFBundleShortVersionString")
        (kind,) = plist["UTExportedTypeDeclarations"]
        extensions = kind["UTTypeTagSpecification"]["public.filename-extension"]
        expect(extensions == ["jkproj"], f"exported type {extensions}")

    for problem in problems:
        print(f"  FAIL {problem}")
    if problems:
        return 1
    print("the spec's Windows and macOS branches evaluate: 2 executables, 1 bundle")
    return 0


if __name__ == "__main__":
    sys.exit(main())
