"""The packaging files agree with the project, without building anything.

The PyInstaller build itself is proven by ``make package-check`` (it runs the
frozen binary); these tests catch, in milliseconds, the drift that would
only show on a system nobody builds on here: a bundle id, file extension,
MIME type, executable name or language that differs between the spec, the
Inno Setup script, the Linux files and the code.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import struct
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import ROOT

PACKAGING = ROOT / "packaging"
APP_ID = "io.github.jiaokan.Jiaokan"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
VERSION = PYPROJECT["project"]["version"]


def spec_tree() -> ast.Module:
    return ast.parse((PACKAGING / "jiaokan.spec").read_text(encoding="utf-8"))


def spec_constants(tree: ast.Module) -> dict[str, Any]:
    """The spec's module-level names that are literals or built from literals (APP_ID, ...);
    VERSION as the spec computes it, from pyproject.toml."""
    names: dict[str, Any] = {"VERSION": VERSION}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id not in names:
                try:
                    code = compile(ast.Expression(node.value), "spec", "eval")
                    names[target.id] = eval(code, {"__builtins__": {}}, dict(names))
                except (NameError, TypeError, AttributeError, KeyError):
                    pass  # computed from the build (paths, PyInstaller's collections)
    return names


def spec_call(tree: ast.Module, function: str) -> ast.Call:
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == function
    ]
    assert len(calls) == 1, f"{function} is called {len(calls)} times"
    return calls[0]


def keyword(call: ast.Call, name: str, names: dict[str, Any]) -> Any:
    (value,) = (k.value for k in call.keywords if k.arg == name)
    return eval(compile(ast.Expression(value), "spec", "eval"), {"__builtins__": {}}, names)


def iss_text() -> str:
    return (PACKAGING / "windows" / "jiaokan.iss").read_text(encoding="utf-8-sig")


def iss_defines() -> dict[str, str]:
    return dict(re.findall(r'^#define (\w+) "([^"]*)"$', iss_text(), re.M))


def test_spec_builds_one_folder_named_jiaokan_with_the_app_id() -> None:
    tree = spec_tree()
    names = spec_constants(tree)
    assert names["APP_ID"] == APP_ID
    assert keyword(spec_call(tree, "COLLECT"), "name", names) == "jiaokan"
    entry = PACKAGING / "jiaokan_entry.py"
    assert "from ui.launch import main" in entry.read_text(encoding="utf-8")
    assert "'jiaokan_entry.py'" in ast.unparse(spec_call(tree, "Analysis"))
    # the console script of a pip install runs the same function
    assert PYPROJECT["project"]["scripts"]["jiaokan"] == "ui.launch:main"


def test_macos_bundle_opens_projects_in_every_interface_language() -> None:
    from ui.i18n import LANGUAGES

    tree = spec_tree()
    names = spec_constants(tree)
    bundle = spec_call(tree, "BUNDLE")
    assert keyword(bundle, "bundle_identifier", names) == APP_ID
    assert keyword(bundle, "name", names) == "Jiaokan.app"
    plist = keyword(bundle, "info_plist", names)
    assert plist["CFBundleShortVersionString"] == VERSION
    assert plist["NSHighResolutionCapable"] is True
    apple = {"en": "en", "zh_CN": "zh_Hans", "zh_TW": "zh_Hant"}
    assert sorted(plist["CFBundleLocalizations"]) == sorted(apple[lang] for lang in LANGUAGES)
    (project_type,) = plist["UTExportedTypeDeclarations"]
    tags = project_type["UTTypeTagSpecification"]
    assert tags["public.filename-extension"] == ["jkproj"]
    assert tags["public.mime-type"] == [linux_mime_type()]
    owned = [d for d in plist["CFBundleDocumentTypes"] if d["LSHandlerRank"] == "Owner"]
    assert [d["LSItemContentTypes"] for d in owned] == [[project_type["UTTypeIdentifier"]]]


def test_spec_icons_exist_and_hold_every_size() -> None:
    ico = (PACKAGING / "windows" / "jiaokan.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1)
    sides = sorted(ico[6 + 16 * i] or 256 for i in range(count))
    assert sides == [16, 24, 32, 48, 64, 128, 256]
    icns = (PACKAGING / "macos" / "jiaokan.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    kinds, pos = set(), 8
    while pos < len(icns):
        kinds.add(icns[pos : pos + 4].decode("ascii"))
        pos += struct.unpack(">I", icns[pos + 4 : pos + 8])[0]
    assert pos == len(icns) and {"ic07", "ic08", "ic09", "ic10"} <= kinds


def linux_mime_type() -> str:
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ET.parse(PACKAGING / "linux" / f"{APP_ID}.mime.xml").getroot()
    kind = root.find("m:mime-type", ns)
    assert kind is not None
    return str(kind.get("type"))


def test_inno_script_installs_the_built_folder_and_opens_projects() -> None:
    text, defines = iss_text(), iss_defines()
    assert defines["AppId"] == APP_ID
    assert defines["ProjectExt"] == ".jkproj"
    assert defines["ProjectMime"] == linux_mime_type()
    assert "AppId={#AppId}" in text and "AppVersion={#AppVersion}" in text
    # the version is read from the exe the spec stamps from pyproject.toml
    assert re.search(r'GetVersionNumbersString\(Built \+ "\\jiaokan\.exe"\)', text)
    # ... and installs the folder COLLECT(name="jiaokan") writes
    assert r'#define Built AddBackslash(SourcePath) + "..\..\dist\jiaokan"' in text
    assert r'ValueData: """{app}\jiaokan.exe"" ""%1"""' in text
    assert "DefaultDirName={autopf}" in text and "Tasks: desktopicon" in text
    languages = re.findall(r'^Name: "(\w+)"; MessagesFile:', text, re.M)
    assert languages == ["english", "chinesesimplified", "chinesetraditional"]
    # every custom message exists in every language
    messages = re.findall(r"^(\w+)\.(\w+)=", text, re.M)
    for name in {m for _, m in messages}:
        assert sorted(lang for lang, m in messages if m == name) == sorted(languages), name


def test_windows_executables_are_the_ones_the_installer_names() -> None:
    tree = spec_tree()
    calls = [ast.unparse(n) for n in ast.walk(tree) if isinstance(n, ast.Call)]
    # a console program would be LSBackgroundOnly in the macOS bundle, and open a console
    # window beside the Windows one
    assert "executable('jiaokan', console=LINUX)" in calls
    assert "executable('jiaokan-cli', console=True)" in calls
    text = iss_text()
    assert r"{app}\jiaokan.exe" in text and r"{app}\jiaokan-cli.exe" in text


def test_wheel_and_frozen_folder_carry_the_translations_and_the_demo() -> None:
    """The spec reads these globs too, so both ship what they match."""
    data = PYPROJECT["tool"]["setuptools"]["package-data"]
    resources = ROOT / PYPROJECT["tool"]["setuptools"]["package-dir"]["jiaokan_resources"]
    assert "*.qm" in data["jiaokan_resources.i18n"]
    demo = sorted(p.name for p in (resources / "demo").glob(data["jiaokan_resources.demo"][0]))
    assert demo == ["source.txt", "variant-ocr.txt", "variant-traditional.txt", "variant-typos.txt"]
    for ts in (resources / "i18n").glob("*.ts"):  # make pytest compiles them first
        assert (resources / "i18n" / f"{ts.stem}.qm").is_file(), ts.name
    assert "pyinstaller>=6.10" in PYPROJECT["project"]["optional-dependencies"]["package"]
    # the engine's derived tables (make tables), which the wheel and the folder ship; the
    # folder itself is in git (its __init__.py) so that an install without them works
    assert data["jiaokan_resources.tables"] == ["*.pickle"]
    assert "jiaokan_resources.tables" in PYPROJECT["tool"]["setuptools"]["packages"]
    assert (resources / "tables" / "__init__.py").is_file()


@pytest.fixture(scope="module")
def check_package() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_package", PACKAGING / "check_package.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_package_check_reads_a_real_png_and_rejects_a_cut_one(
    check_package: ModuleType, tmp_path: Path
) -> None:
    png = ROOT / "resources" / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png"
    assert check_package.png_size(png) == (48, 48)
    cut = tmp_path / "cut.png"
    cut.write_bytes(png.read_bytes()[:-40])
    with pytest.raises((ValueError, struct.error)):
        check_package.png_size(cut)


def test_package_check_runs_the_binary_with_empty_user_dirs(
    check_package: ModuleType, tmp_path: Path
) -> None:
    env = check_package.fresh_env(tmp_path)
    for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        folder = Path(env[name])
        assert folder.is_relative_to(tmp_path) and folder.is_dir() and not any(folder.iterdir())
    assert env["QT_QPA_PLATFORM"] == "offscreen"
    assert not any(k.startswith(("PYTHON", "VIRTUAL_ENV")) for k in env)
