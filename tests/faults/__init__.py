"""The fault suite: unlucky commands and hostile files (docs/faults.md, issue 11)."""
