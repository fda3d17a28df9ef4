"""The derived tables: read from what a wheel ships, else from the user's cache, else built."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from app import datacache
from tests.conftest import ROOT


def _no_build() -> object:
    raise AssertionError("built, though a table was there to read")


def test_a_shipped_table_is_read_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = tmp_path / "tables"
    shipped.mkdir()
    name = f"demo-{datacache.FORMAT}-pkg-1.0.pickle"
    (shipped / name).write_bytes(pickle.dumps({"字": "zi"}))
    monkeypatch.setenv(datacache.TABLES_ENV, str(shipped))
    assert datacache.cached("demo", "pkg-1.0", _no_build) == {"字": "zi"}
    users = Path(platformdirs.user_cache_dir("jiaokan", appauthor=False))
    assert not list(users.glob("demo-*"))  # the user's cache untouched


def test_a_table_of_other_versions_is_built_and_kept_in_the_users_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = tmp_path / "tables"
    shipped.mkdir()
    (shipped / f"demo-{datacache.FORMAT}-pkg-1.0.pickle").write_bytes(pickle.dumps("old"))
    monkeypatch.setenv(datacache.TABLES_ENV, str(shipped))
    assert datacache.cached("demo", "pkg-2.0", lambda: "new") == "new"
    assert datacache.cached("demo", "pkg-2.0", _no_build) == "new"  # kept: read back
    users = Path(platformdirs.user_cache_dir("jiaokan", appauthor=False))
    assert [p.name for p in users.glob("demo-*")] == [f"demo-{datacache.FORMAT}-pkg-2.0.pickle"]


@pytest.mark.subprocess
def test_a_fresh_install_with_the_shipped_tables_builds_none(tmp_path: Path) -> None:
    """``make tables`` builds every table a first start would (the window's preload and the
    spelling check of one text): with them, a first start with an empty cache builds none."""
    shipped = tmp_path / "tables"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "build-cache")}
    built = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build_tables.py"), str(shipped)],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    assert len(list(shipped.glob("*.pickle"))) >= 6
    cache = tmp_path / "first-start-cache"
    first = "from app.preload import preload; from app.classes import spelling; " + (
        "preload(); spelling.preload()"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), datacache.TABLES_ENV: str(shipped)}
    done = subprocess.run(
        [sys.executable, "-c", first], env=env, cwd=ROOT, capture_output=True, text=True,
        timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert not list(cache.glob("**/*.pickle"))  # nothing built: all read from the shipped ones
