"""Tests for app.text.loading: encodings, detection between Big5 and GB18030, bad input."""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import hashlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.text import loading
from app.text.loading import MAX_TEXT_BYTES, LoadedText, LoadError, decode_bytes, load_text

SIMPLIFIED = [
    "天下大势，分久必合，合久必分。周末七国分争，并入于秦。及秦灭之后，楚、汉分争，又并入于汉。",
    "我们今天去学校读书，老师说明天要考试。",
    "学而时习之，不亦说乎？有朋自远方来，不亦乐乎？人不知而不愠，不亦君子乎？",
    "春眠不觉晓，处处闻啼鸟。",  # a line of about ten characters
    "这是一个测试",
    "关于本书的说明",
    "第1章 绪论",
]
TRADITIONAL = [
    "天下大勢，分久必合，合久必分。周末七國分爭，并入於秦。及秦滅之後，楚、漢分爭，又并入於漢。",
    "我們今天去學校讀書，老師說明天要考試。",
    "學而時習之，不亦說乎？有朋自遠方來，不亦樂乎？人不知而不慍，不亦君子乎？",
    "春眠不覺曉，處處聞啼鳥。",
    "這是一個測試",
    "臺灣的電腦軟體",
    "第1章 緒論",
]


def write(tmp_path: Path, data: bytes, name: str = "text.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def load_error(path: str | os.PathLike[str], encoding: str | None = None) -> str:
    with pytest.raises(LoadError) as info:
        load_text(path, encoding)
    message = str(info.value)
    assert "\n" not in message
    return message


# --- encodings -------------------------------------------------------------

NATIVE_UTF16 = "utf-16-le" if sys.byteorder == "little" else "utf-16-be"
ROUND_TRIPS = [
    ("plain ascii\n", lambda t: t.encode("ascii"), "utf-8"),
    ("天下大勢 and ASCII\n", lambda t: t.encode("utf-8"), "utf-8"),
    ("天下大势\n", lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8-sig"),
    ("天下大势\n", lambda t: t.encode("utf-8-sig"), "utf-8-sig"),
    ("天下大势 abc\n", lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), "utf-16-le"),
    ("天下大势 abc\n", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16-be"),
    ("天下大势 abc\n", lambda t: t.encode("utf-16"), NATIVE_UTF16),
    ("𠀀 outside the BMP 天下\n", lambda t: t.encode("utf-16"), NATIVE_UTF16),
    (SIMPLIFIED[0], lambda t: t.encode("gbk"), "gb18030"),
    (SIMPLIFIED[0], lambda t: t.encode("gb2312"), "gb18030"),
    (SIMPLIFIED[1] + "€𠀀䶵", lambda t: t.encode("gb18030"), "gb18030"),  # beyond GBK
    (TRADITIONAL[0], lambda t: t.encode("big5"), "big5"),
    (TRADITIONAL[1] + "碁", lambda t: t.encode("cp950"), "cp950"),  # Microsoft's Big5 addition
]


@pytest.mark.parametrize(("text", "encode", "expected"), ROUND_TRIPS)
def test_round_trip(
    tmp_path: Path, text: str, encode: Callable[[str], bytes], expected: str
) -> None:
    data = encode(text)
    loaded = load_text(write(tmp_path, data))
    assert (loaded.text, loaded.encoding) == (text, expected)
    assert loaded.sha256 == hashlib.sha256(data).hexdigest()
    assert decode_bytes(data) == (text, expected)


def test_loaded_text_fields(tmp_path: Path) -> None:
    path = write(tmp_path, "中文\n".encode())
    loaded = load_text(path)
    assert loaded == load_text(str(path))
    assert loaded.path == str(path)
    assert isinstance(loaded, LoadedText)
    with pytest.raises(dataclasses.FrozenInstanceError):
        loaded.text = "x"  # type: ignore[misc]


def test_empty_file(tmp_path: Path) -> None:
    loaded = load_text(write(tmp_path, b""))
    assert (loaded.text, loaded.encoding) == ("", "utf-8")
    assert loaded.sha256 == hashlib.sha256(b"").hexdigest()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gbk", "big5"])
def test_newlines_are_kept(tmp_path: Path, encoding: str) -> None:
    text = "第一行\r\n第二行\r第三行\n\r\n"
    loaded = load_text(write(tmp_path, text.encode(encoding)))
    assert loaded.text == text


def test_bom_is_stripped_but_an_inner_feff_is_kept(tmp_path: Path) -> None:
    text = "前\ufeff後"
    loaded = load_text(write(tmp_path, codecs.BOM_UTF8 + text.encode()))
    assert (loaded.text, loaded.encoding) == (text, "utf-8-sig")


def test_utf16_without_bom_is_not_guessed(tmp_path: Path) -> None:
    path = write(tmp_path, "plain text 中文".encode("utf-16-le"))
    assert "binary data" in load_error(path)
    loaded = load_text(path, "utf-16-le")
    assert (loaded.text, loaded.encoding) == ("plain text 中文", "utf-16-le")


def test_utf16_bom_with_odd_length_is_an_error(tmp_path: Path) -> None:
    data = codecs.BOM_UTF16_LE + "中文".encode("utf-16-le") + b"x"
    message = load_error(write(tmp_path, data, "odd.txt"))
    assert "cannot decode" in message
    assert "'" + str(tmp_path / "odd.txt") + "'" in message
    assert "utf-16-le" in message
    assert "offset 6" in message


def test_utf32_is_binary(tmp_path: Path) -> None:
    # A UTF-32-LE BOM starts with the UTF-16-LE one; the NULs then give it away.
    assert "binary data" in load_error(write(tmp_path, "abc".encode("utf-32")))


# --- forced encodings ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reported"),
    [("gbk", "gbk"), ("GBK", "gbk"), ("cp936", "gbk"), ("gb18030", "gb18030")],
)
def test_forced_gbk_names(tmp_path: Path, name: str, reported: str) -> None:
    loaded = load_text(write(tmp_path, SIMPLIFIED[1].encode("gbk")), name)
    assert (loaded.text, loaded.encoding) == (SIMPLIFIED[1], reported)


def test_forced_encoding_overrides_detection(tmp_path: Path) -> None:
    data = TRADITIONAL[0].encode("big5")
    path = write(tmp_path, data)
    assert load_text(path).encoding == "big5"
    forced = load_text(path, "gb18030")
    assert (forced.text, forced.encoding) == (data.decode("gb18030"), "gb18030")
    assert load_text(path, "latin-1").text == data.decode("latin-1")


def test_forced_utf8_drops_a_bom(tmp_path: Path) -> None:
    path = write(tmp_path, codecs.BOM_UTF8 + "中文".encode())
    for name in ("utf-8", "utf8", "utf-8-sig"):
        loaded = load_text(path, name)
        assert (loaded.text, loaded.encoding) == ("中文", "utf-8-sig")


def test_forced_utf16(tmp_path: Path) -> None:
    with_bom = load_text(write(tmp_path, "中文\r\n".encode("utf-16"), "a.txt"), "utf-16")
    assert (with_bom.text, with_bom.encoding) == ("中文\r\n", "utf-16")
    be = load_text(write(tmp_path, "中文".encode("utf-16-be"), "b.txt"), "utf-16-be")
    assert (be.text, be.encoding) == ("中文", "utf-16-be")


@pytest.mark.parametrize(
    ("data", "encoding", "expected"),
    [
        (b"ab\xff\xfecd", "gbk", "as gbk: invalid byte 0xff at offset 2"),
        ("中文".encode("gbk"), "utf-8", "as utf-8: invalid byte 0xd6 at offset 0"),
        (b"abc\xd6", "gbk", "as gbk: invalid byte 0xd6 at offset 3 (the file ends inside"),
        ("中文".encode("gbk") + b"\x80 ", "big5", "as big5: invalid byte 0x80 at offset 4"),
        (codecs.BOM_UTF8 + b"ab\xff", "utf-8", "as utf-8-sig: invalid byte 0xff at offset 5"),
    ],
)
def test_forced_encoding_that_does_not_fit(
    tmp_path: Path, data: bytes, encoding: str, expected: str
) -> None:
    path = write(tmp_path, data, "forced.txt")
    message = load_error(path, encoding)
    assert message.startswith(f"cannot decode '{path}' {expected}")


@pytest.mark.parametrize("name", ["xyz", "", "base64", "rot13", "utf\x00"])
def test_unknown_encoding(tmp_path: Path, name: str) -> None:
    message = load_error(write(tmp_path, b"abc"), name)
    assert message.startswith("unknown encoding ")
    if name == "xyz":
        assert message == "unknown encoding 'xyz'"
    with pytest.raises(LoadError, match="unknown encoding"):
        decode_bytes(b"abc", name)


# --- bad input -------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    assert load_error(path) == f"cannot read '{path}': no such file"
    assert load_error(tmp_path / "x.txt" / "y.txt").endswith("no such file")


def test_path_below_a_file(tmp_path: Path) -> None:
    path = write(tmp_path, b"abc") / "child.txt"
    assert load_error(path).endswith(": no such file")


def test_directory(tmp_path: Path) -> None:
    assert load_error(tmp_path) == f"cannot read '{tmp_path}': is a directory"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    assert "not a regular file" in load_error(path)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, b"abc", "locked.txt")

    def refuse(*args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(loading, "open", refuse, raising=False)
    assert load_error(path) == f"cannot read '{path}': permission denied"


@pytest.mark.parametrize(
    "data",
    [b"\x00\x01\x02\x03", b"text with a NUL\x00 inside", "中文\x00".encode("gbk")],
)
def test_binary_data(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, data, "blob.bin")
    assert load_error(path) == f"'{path}' is not a text file (binary data)"


@pytest.mark.parametrize("data", [b"\xff\xfb\x90\x64" * 8, b"abc\x80\xff\x80\xffdef"])
def test_undetectable_encoding(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, data, "mystery.txt")
    message = load_error(path)
    assert message == (
        f"cannot detect the encoding of '{path}' "
        "(tried utf-8, gb18030, big5, utf-16); use --encoding"
    )


def test_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading, "MAX_TEXT_BYTES", 10)
    assert load_text(write(tmp_path, b"0123456789", "ok.txt")).text == "0123456789"
    path = write(tmp_path, b"0123456789a", "big.txt")
    assert load_error(path) == f"'{path}' is too large (11 bytes; the limit is 10 bytes)"


def test_too_large_in_megabytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert MAX_TEXT_BYTES == 50 * 1024 * 1024
    monkeypatch.setattr(loading, "MAX_TEXT_BYTES", 1024 * 1024)
    path = write(tmp_path, b"a" * (1024 * 1024 + 50_000))
    assert load_error(path) == f"'{path}' is too large (1.1 MB; the limit is 1 MB)"


def test_odd_names_stay_on_one_line(tmp_path: Path) -> None:
    assert "\\n" in load_error(tmp_path / "two\nlines.txt")
    assert "not a valid path" in load_error(str(tmp_path / "nul\x00.txt"))


def test_decode_bytes_names_the_input() -> None:
    with pytest.raises(LoadError, match="'<bytes>' is not a text file"):
        decode_bytes(b"\x00")
    with pytest.raises(LoadError, match="'witness A' is not a text file"):
        decode_bytes(b"\x00", name="witness A")


# --- Big5 against GB18030 --------------------------------------------------


@pytest.mark.parametrize("text", TRADITIONAL)
def test_big5_is_not_read_as_gb18030(text: str) -> None:
    data = text.encode("big5")
    assert decode_bytes(data) == (text, "big5")


def test_big5_samples_are_ambiguous() -> None:
    # The detection test above is only meaningful if GB18030 accepts the bytes too.
    for text in TRADITIONAL:
        assert text.encode("big5").decode("gb18030") != text


@pytest.mark.parametrize("text", SIMPLIFIED)
@pytest.mark.parametrize("codec", ["gbk", "gb18030"])
def test_gbk_is_not_read_as_big5(text: str, codec: str) -> None:
    assert decode_bytes(text.encode(codec)) == (text, "gb18030")


@pytest.mark.parametrize(
    "text", ["README 说明 v1.0\n", "Chapter 1 第一章\n", "x = 1  # 中文\n", "Hello 世界\n"]
)
def test_gbk_with_only_a_few_chinese_characters(text: str) -> None:
    assert decode_bytes(text.encode("gbk")) == (text, "gb18030")


@pytest.mark.parametrize("text", ["國", "書", "第一章", "Title: 說明\n"])
def test_short_big5(text: str) -> None:
    assert decode_bytes(text.encode("big5")) == (text, "big5")


def test_a_true_tie_still_decodes() -> None:
    data = b"\xb0\xa1"  # 啊 in GBK, 陛 in Big5: nothing can tell them apart
    text, encoding = decode_bytes(data)
    assert encoding in {"gb18030", "big5"}
    assert text == data.decode(encoding)


# --- properties ------------------------------------------------------------

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
ASCII = st.characters(min_codepoint=0x20, max_codepoint=0x7E) | st.sampled_from("\r\n\t")
PUNCTUATION = st.sampled_from("，。、；：？！「」『』《》（）“”…—")
TEXTS = st.text(CJK | ASCII | PUNCTUATION)


@given(TEXTS)
def test_utf8_round_trip(text: str) -> None:
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")
    assert decode_bytes(text.encode("utf-8-sig")) == (text, "utf-8-sig")


@given(TEXTS, st.sampled_from(["utf-16-le", "utf-16-be"]))
def test_utf16_round_trip(text: str, codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec == "utf-16-le" else codecs.BOM_UTF16_BE
    assert decode_bytes(bom + text.encode(codec)) == (text, codec)


@given(TEXTS)
def test_forced_gb18030_round_trip(text: str) -> None:
    assert decode_bytes(text.encode("gb18030"), "gb18030") == (text, "gb18030")


def _cells(codec: str, leads: range, trails: list[int], last: bytes) -> list[str]:
    chars = []
    for lead in leads:
        for trail in trails:
            cell = bytes((lead, trail))
            if cell <= last:
                with contextlib.suppress(UnicodeDecodeError):
                    chars.append(cell.decode(codec))
    return chars


GB2312_LEVEL1 = _cells("gb2312", range(0xB0, 0xD8), list(range(0xA1, 0xFF)), b"\xd7\xf9")
BIG5_FREQUENT = _cells(
    "big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)], b"\xc6\x7e"
)


def _detectable(pool: list[str], real: str, punctuation: str) -> st.SearchStrategy[str]:
    """Texts of at least 20 different common characters, every third one taken from
    real prose, mixed with ASCII and punctuation.

    Long enough to be decidable: a single character, or a run of characters that
    are all common in both readings (啊阿埃 in GBK reads as 陛陝除 in Big5), can be
    valid and plausible in both encodings; real prose is never made only of those.
    """
    filler = st.lists(st.sampled_from([*" abc123\r\n", *punctuation]), max_size=3).map("".join)
    pieces = st.lists(
        st.tuples(st.sampled_from(pool), st.sampled_from(pool), st.sampled_from(real), filler),
        min_size=7,
        max_size=30,
        unique_by=lambda piece: piece[0],
    )
    return pieces.map(lambda ps: "".join("".join(piece) for piece in ps))


def _prose(samples: list[str], codec: str) -> str:
    return "".join(
        sorted({c for c in "".join(samples) if c.isalpha() and len(c.encode(codec)) == 2})
    )


@settings(derandomize=True)  # statistical by nature: keep CI reproducible
@given(_detectable(GB2312_LEVEL1, _prose(SIMPLIFIED, "gbk"), "，。、；：？！“”"))
def test_gbk_detection_property(text: str) -> None:
    assert decode_bytes(text.encode("gbk")) == (text, "gb18030")


@settings(derandomize=True)
@given(_detectable(BIG5_FREQUENT, _prose(TRADITIONAL, "big5"), "，。、；：？！「」"))
def test_big5_detection_property(text: str) -> None:
    assert decode_bytes(text.encode("big5")) == (text, "big5")
