"""The session's loop without Qt: the owner's thread (a queue the test drains) and a gate
in the collate function (tests/helpers/session.py)."""

from __future__ import annotations

import pytest

from tests.helpers.session import Gate, Loop


@pytest.fixture
def loop() -> Loop:
    return Loop()


@pytest.fixture
def gate() -> Gate:
    return Gate()
