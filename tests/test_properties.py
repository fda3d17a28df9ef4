"""Property tests: the loci of a collation are a complete, exact description of each witness."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.collation.collate import collate
from app.text.normalize import ALL_RULES, normalize

# A small alphabet makes repeats, doubled characters and chance matches common.
CHARS = "的一是了不在人有我他这中大来上国到说们为子和你地出道也时年社区防控疫情发展展"
PUNCT = '，。、；：！？“”（）《》,.;:!?"()'
TEXT = st.text(alphabet=CHARS + PUNCT, max_size=80)
NOISY = st.text(alphabet=CHARS + PUNCT + " \n　**後發頭髮們個這", max_size=80)


@st.composite
def edited(draw: st.DrawFn, base: st.SearchStrategy[str] = TEXT) -> tuple[str, str]:
    """A source and a variant made from it by random edits (and sometimes a moved chunk)."""
    source = draw(base)
    variant = list(source)
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["sub", "ins", "del", "swap", "dup"]))
        pos = draw(st.integers(0, max(0, len(variant) - 1)))
        if op == "sub" and variant:
            variant[pos] = draw(st.sampled_from(CHARS))
        elif op == "ins":
            variant[pos:pos] = list(draw(st.text(alphabet=CHARS + PUNCT, min_size=1, max_size=4)))
        elif op == "del" and variant:
            del variant[pos : pos + draw(st.integers(1, 3))]
        elif op == "swap" and len(variant) > pos + 1:
            variant[pos], variant[pos + 1] = variant[pos + 1], variant[pos]
        elif op == "dup" and variant:
            variant.insert(pos, variant[pos])
    text = "".join(variant)
    if draw(st.booleans()) and len(text) > 20:
        cut = draw(st.integers(0, len(text) - 10))
        chunk = text[cut : cut + 10]
        rest = text[:cut] + text[cut + 10 :]
        at = draw(st.integers(0, len(rest)))
        text = rest[:at] + chunk + rest[at:]
    return source, text


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(edited())
def test_rules_off_readings_rebuild_the_variant_exactly(pair: tuple[str, str]) -> None:
    source, variant = pair
    result = collate(source, [("B", variant)], rules=())
    assert result.rebuild("B") == variant
    _check_loci(source, result.loci, ["B"])


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(edited(NOISY), st.sets(st.sampled_from(ALL_RULES)))
def test_rules_on_readings_rebuild_the_normalized_variant(
    pair: tuple[str, str], rules: set[str]
) -> None:
    source, variant = pair
    result = collate(source, [("B", variant)], rules=rules)
    rebuilt = result.rebuild("B")
    assert normalize(rebuilt, rules).text == normalize(variant, rules).text
    _check_loci(source, result.loci, ["B"])


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(edited(), edited(), st.booleans())
def test_several_witnesses_each_rebuild(
    first: tuple[str, str], second: tuple[str, str], with_rules: bool
) -> None:
    source = first[0]
    b = first[1]
    c = second[1] if second[0] == source else b[::-1]
    rules = ALL_RULES if with_rules else ()
    result = collate(source, [("B", b), ("C", c)], rules=rules)
    for wid, text in (("B", b), ("C", c)):
        assert normalize(result.rebuild(wid), rules).text == normalize(text, rules).text
    _check_loci(source, result.loci, ["B", "C"])


def _check_loci(source: str, loci: tuple, ids: list[str]) -> None:  # type: ignore[type-arg]
    last_end = 0
    last_start = -1
    for locus in loci:
        assert 0 <= locus.start <= locus.end <= len(source)
        assert locus.source_text == source[locus.start : locus.end]
        # loci are sorted and never overlap (insertion points may share a start)
        assert locus.start >= last_end or (locus.start == locus.end == last_start)
        assert locus.readings, "a locus with no differing witness"
        assert set(locus.readings) <= set(ids)
        for reading in locus.readings.values():
            assert reading != locus.source_text or locus.kind == "move"
        last_end = max(last_end, locus.end)
        last_start = locus.start
