"""``make tables``: the tables the engine derives from its packages' data, built now, for a
wheel or the frozen folder to carry (``resources/tables``, the package
``jiaokan_resources.tables``; app/datacache.py reads them before the user's cache).

A first start otherwise builds them beside the first collation: 2.4 s of CPU (jieba's
dictionary and its tags, OpenCC's guard, the sounds and shapes, the word indexes).  They
are built in a scratch cache folder by the engine's own code, exactly as a first start
builds them, and copied; each file's name carries the versions of the packages it came
from, so an install with other versions builds its own.

    python packaging/build_tables.py [FOLDER]      (default resources/tables)
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "resources" / "tables"
    with tempfile.TemporaryDirectory(prefix="jiaokan-tables-") as scratch:
        os.environ["XDG_CACHE_HOME"] = scratch
        os.environ["JIAOKAN_TABLES"] = ""  # built here, not read from an earlier build
        sys.path.insert(0, str(ROOT))
        from app.classes import spelling
        from app.preload import preload

        preload()
        spelling.preload()
        built = sorted((Path(scratch) / "jiaokan").glob("*.pickle"))
        if not built:
            print("build_tables: no table was built", file=sys.stderr)
            return 1
        out.mkdir(parents=True, exist_ok=True)
        for old in out.glob("*.pickle"):  # another version's
            old.unlink()
        for path in built:
            shutil.copyfile(path, out / path.name)
    size = sum(p.stat().st_size for p in out.glob("*.pickle"))
    print(f"build_tables: {len(built)} tables, {size / 1e6:.1f} MB in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
