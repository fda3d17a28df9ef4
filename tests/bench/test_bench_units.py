"""The documents of the editor's-units benchmark: deterministic, and their truth is exact."""

from __future__ import annotations

import pytest

from bench.bench_units import KINDS, applied
from bench.units_data import WORD_REWRITES, split


@pytest.mark.parametrize("name", list(KINDS))
def test_every_unit_applied_to_the_source_gives_the_copy(name: str) -> None:
    build, _how, which = KINDS[name]
    for held_out in (False, True):
        docs = build(held_out)
        assert [d.copy for d in docs] == [d.copy for d in build(held_out)]  # deterministic
        assert any(u.kind == which for d in docs for u in d.units), name
        for doc in docs:
            assert applied(doc) == doc.copy, name


def test_the_held_out_pairs_are_not_tuned_on() -> None:
    tune, held = split(WORD_REWRITES, held_out=False), split(WORD_REWRITES, held_out=True)
    assert not set(tune) & set(held)
    assert len(tune) + len(held) == len(WORD_REWRITES)
