"""The engine's derived tables as a wheel or the frozen folder ships them.

Built by ``make tables`` (packaging/build_tables.py) and read by app/datacache.py
before the user's cache; not kept in git (each file names the package versions it
was built from).
"""
