"""Property tests: the loci of a collation are a complete, exact description of each witness."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.collation.collate import collate
from app.collation.loci import Locus
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


def _check_loci(source: str, loci: tuple[Locus, ...], ids: list[str]) -> None:
    previous: tuple[int, bool, int] = (-1, False, -1)
    for locus in loci:
        assert 0 <= locus.start <= locus.end <= len(source)
        assert locus.source_text == source[locus.start : locus.end]
        assert (locus.start, locus.start != locus.end, locus.end) >= previous, "sorted"
        previous = (locus.start, locus.start != locus.end, locus.end)
        assert locus.readings, "a locus with no differing witness"
        assert set(locus.readings) <= set(ids)
        for reading in locus.readings.values():
            assert reading != locus.source_text or locus.kind == "move"
        if locus.parent is not None:
            outer = loci[locus.parent]
            assert outer.start <= locus.start <= locus.end <= outer.end
            assert outer.end - outer.start > locus.end - locus.start
    # one witness's own loci never overlap (insertion points may share a start)
    for wid in ids:
        last_end, last_start = 0, -1
        for locus in loci:
            if wid not in locus.readings:
                continue
            assert locus.start >= last_end or (locus.start == locus.end == last_start)
            last_end = max(last_end, locus.end)
            last_start = locus.start


def _own(loci: tuple, wid: str) -> list[tuple[int, int, str, str, tuple[int, int]]]:  # type: ignore[type-arg]
    """One witness's loci, as a witness alone would have them (grouping left out)."""
    return [
        (loc.start, loc.end, loc.readings[wid], loc.kinds[wid], loc.spans[wid])
        for loc in loci
        if wid in loc.readings
    ]


@st.composite
def witnesses(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A source and two to four variants, each with its own edits (some lack a stretch)."""
    source = draw(TEXT)
    variants = []
    for _ in range(draw(st.integers(2, 4))):
        _, variant = draw(edited(st.just(source)))
        if draw(st.booleans()) and len(variant) > 10:
            cut = draw(st.integers(0, len(variant) - 5))
            variant = variant[:cut] + variant[cut + draw(st.integers(5, 30)) :]
        variants.append(variant)
    return source, variants


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(witnesses(), st.booleans())
def test_each_witness_keeps_the_loci_it_has_alone(
    case: tuple[str, list[str]], with_rules: bool
) -> None:
    source, variants = case
    rules = ALL_RULES if with_rules else ()
    ids = [f"W{k}" for k in range(len(variants))]
    together = collate(source, list(zip(ids, variants, strict=True)), rules=rules)
    _check_loci(source, together.loci, ids)
    for wid, text in zip(ids, variants, strict=True):
        alone = collate(source, [(wid, text)], rules=rules)
        assert _own(together.loci, wid) == _own(alone.loci, wid)
    # the same place is one locus: two loci share a span only at an insertion point
    spans = [(loc.start, loc.end) for loc in together.loci if loc.start != loc.end]
    assert len(spans) == len(set(spans))
