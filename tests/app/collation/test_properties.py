"""Property tests: the loci of a collation are a complete, exact description of each witness."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
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


SENTENCES = [
    "春天的河边开满了野花。", "老人坐在门口晒着太阳。", "孩子们在操场上踢足球。",
    "图书馆里安静得只听见翻书声。", "工厂的烟囱早已不再冒烟。", "他把信折好放进了抽屉。",
    "雨后的山路格外湿滑难走。", "集市上的人渐渐多了起来。", "她在灯下一针一线地缝补。",
    "远处传来火车的汽笛声。",
]  # fmt: skip


def _slip(draw: st.DrawFn, sentence: str) -> str:
    """``sentence`` with one random slip, or as it was."""
    chars = list(sentence)
    op = draw(st.sampled_from(["none", "sub", "ins", "del", "swap", "dup"]))
    pos = draw(st.integers(1, len(chars) - 3))
    if op == "sub":
        chars[pos] = draw(st.sampled_from(CHARS))
    elif op == "ins":
        chars.insert(pos, draw(st.sampled_from(CHARS)))
    elif op == "del":
        del chars[pos]
    elif op == "swap":
        chars[pos], chars[pos + 1] = chars[pos + 1], chars[pos]
    elif op == "dup":
        chars.insert(pos, chars[pos])
    return "".join(chars)


@st.composite
def moved(draw: st.DrawFn) -> tuple[str, str]:
    """Sentences, three of them moved elsewhere together, the outer two slipped on the way.

    (The middle one, unchanged, is what the aligner finds moved; its neighbours
    join the move when they read nearly the same.)
    """
    order = draw(st.permutations(SENTENCES))
    k = draw(st.integers(0, len(order) - 3))
    chunk = [_slip(draw, order[k]), order[k + 1], _slip(draw, order[k + 2])]
    rest = [*order[:k], *order[k + 3 :]]
    at = draw(st.sampled_from([i for i in range(len(rest) + 1) if i != k]))
    copy = [*rest[:at], *chunk, *rest[at:]]
    return "\n".join(order), "\n".join(copy)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(moved(), st.booleans())
def test_moved_and_edited_sentences_are_one_move_whose_edits_rebuild_the_copy(
    pair: tuple[str, str], with_rules: bool
) -> None:
    source, copy = pair
    rules = ALL_RULES if with_rules else ()
    result = collate(source, [("B", copy)], rules=rules)
    assert normalize(result.rebuild("B"), rules).text == normalize(copy, rules).text
    _check_loci(source, result.loci, ["B"])
    for move_id in {loc.move_id for loc in result.loci if loc.kind == "move"}:
        ends = [loc for loc in result.loci if loc.kind == "move" and loc.move_id == move_id]
        assert len(ends) == 2, "one place it left, one it arrived at"
        gone, arrived = sorted(ends, key=lambda loc: loc.start == loc.end)
        assert arrived.readings["B"] == gone.source_text


def _check_loci(source: str, loci: tuple[Locus, ...], ids: list[str]) -> None:
    previous: tuple[int, bool, int] = (-1, False, -1)
    for locus in loci:
        assert 0 <= locus.start <= locus.end <= len(source)
        assert locus.source_text == source[locus.start : locus.end]
        assert (locus.start, locus.start != locus.end, locus.end) >= previous, "sorted"
        previous = (locus.start, locus.start != locus.end, locus.end)
        assert locus.readings, "a locus with no differing witness"
        assert set(locus.readings) <= set(ids)
        for wid, reading in locus.readings.items():
            assert reading != locus.source_text or locus.kind == "move"
            # no transposition with an empty side, ever: for any witness (where two copies
            # differ at one span, one may have swapped what the other dropped)
            kind = locus.kinds.get(wid, locus.kind)
            assert kind != "transposition" or (reading and locus.source_text)
        if locus.in_move is not None:  # an edit inside a moved passage: in the move's arrival
            assert locus.parent is not None
            arrived = loci[locus.parent]
            assert arrived.kind == "move" and arrived.start == arrived.end
            assert arrived.move_id == locus.in_move
        elif locus.parent is not None:
            outer = loci[locus.parent]
            assert outer.start <= locus.start <= locus.end <= outer.end
            assert outer.end - outer.start > locus.end - locus.start
    # one witness's own loci never overlap (insertion points may share a start), apart from
    # the edits inside a moved passage, which lie in its departure
    for wid in ids:
        last_end, last_start = 0, -1
        for locus in loci:
            if wid not in locus.readings or locus.in_move is not None:
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
@example(("::::::;", [":::::;:", ":::::"]), True)  # one copy swaps what the other drops
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
