"""The one-text spelling check and the editor's lists (app.classes.spelling, wordlists)."""

from __future__ import annotations

import importlib.util
import math
import sys
import zlib
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from app.classes import chargram, spelling, wordgram, wordlists, wordwindow
from app.classes.spelling import MORE, QUIET, check_spelling
from app.classes.wordlists import Banned, WordLists
from tests.helpers.paths import ROOT

DEMO = ROOT / "resources" / "demo" / "source.txt"


@pytest.fixture(scope="module")
def defaults() -> WordLists:
    return wordlists.lists_for([])


def _fixed(text: str, setting: spelling.Setting, lists: WordLists) -> str:
    out = text
    for f in reversed(check_spelling(text, setting, lists=lists)):
        out = out[: f.start] + f.fix + out[f.end :]
    return out


def test_a_sound_alike_that_forms_a_word_is_fixed(defaults: WordLists) -> None:
    text = "我们应该保护环竟。"
    (f,) = check_spelling(text, QUIET, lists=defaults)
    assert (text[f.start : f.end], f.fix, f.check, f.cls) == ("竟", "境", "spelling", "homophone")
    assert "环境" in f.message
    assert f.why is not None and f.why.id == "check.spelling"
    assert _fixed("我们一起去参观了历史博午馆。", QUIET, defaults) == "我们一起去参观了历史博物馆。"


def test_slips_in_everyday_sentences_are_fixed_by_their_context(defaults: WordLists) -> None:
    # each replacement makes a word, and the words around make it the likely one
    assert _fixed("今天天气很好，我门去公园吧。", QUIET, defaults) == "今天天气很好，我们去公园吧。"
    assert _fixed("这是一个很好的机回。", QUIET, defaults) == "这是一个很好的机会。"
    assert _fixed("价钱也很变宜。", QUIET, defaults) == "价钱也很便宜。"
    # a function word for another, though neither makes a word: by the context alone
    (f,) = check_spelling("我们下次在去吧。", QUIET, lists=defaults)
    assert (f.fix, f.cls) == ("再", "homophone") and "次再去" in f.message
    # where the written character is the likely one, nothing is said
    texts = ("我们在这里等你很久了。", "我再也不想见到他了。", "他做事情总是很认真。", "你在哪里？")
    for text in texts:
        assert check_spelling(text, MORE, lists=defaults) == [], text


def test_the_context_model_knows_which_character_follows() -> None:
    model = chargram.char_model()
    run = chargram.Run(model, "保护环竟")
    assert run.gain(3, "境") > 5  # 保护环境
    assert run.gain(0, "报") < 0  # 保护, not 报护
    assert run.gain(3, "竟") == 0
    before, after = run.gains(3, "境")  # 护环境 asks for it; 境 then ends the run
    assert before > 0 and before + after == pytest.approx(run.gain(3, "境"))
    assert model.logp("我", "们", "的") > model.logp("我", "门", "的")


def test_the_context_model_reads_what_its_builder_writes(tmp_path: Path) -> None:
    make_chargram: Any = _builder("make_chargram")

    steps = {"甲": 1, "乙": 2, "丙": 0}, {"甲乙": 3, "乙丙": 5}, {"\x02甲乙": 0, "甲乙丙": 4}
    make_chargram.write(list(steps), tmp_path / "m.bin")
    model = chargram.read((tmp_path / "m.bin").read_bytes())
    assert set(model.uni) == {"甲", "乙", "丙"}
    # P(c | a b) = 0.1 f(c) + 0.3 f(c | b) + 0.6 f(c | a b), each f stored as e^(-0.1 step)
    e = math.exp
    assert model.logp("\x02", "甲", "乙") == pytest.approx(
        math.log(0.1 * e(-0.2) + 0.3 * e(-0.3) + 0.6)
    )
    assert model.logp("甲", "乙", "丙") == pytest.approx(
        math.log(0.1 + 0.3 * e(-0.5) + 0.6 * e(-0.4))
    )
    assert model.logp("丙", "乙", "丙") == pytest.approx(math.log(0.1 + 0.3 * e(-0.5)))
    assert model.logp("乙", "丙", "甲") == pytest.approx(math.log(0.1 * e(-0.1)))
    with pytest.raises(ValueError):
        chargram.read(zlib.compress(b"something else"))


def test_function_words_are_judged_by_the_words_around_them(defaults: WordLists) -> None:
    # one function word for another of its group, neither forming a word: the words on
    # either side decide (the function words' word model with the character model)
    assert _fixed("你好阿！", QUIET, defaults) == "你好啊！"
    assert _fixed("我们明天在来看你吧。", QUIET, defaults) == "我们明天再来看你吧。"
    assert _fixed("这件事我已经作完了。", QUIET, defaults) == "这件事我已经做完了。"
    assert _fixed("我以经吃过饭了。", QUIET, defaults) == "我已经吃过饭了。"
    # and where they are used right, nothing is said, even with more suggestions
    for text in (
        "他认真地学习。",
        "他跑得很快。",
        "这是我的书。",
        "我们在家里等你。",
        "你在哪里？我在那里等你。",
        "他已经把作业做完了。",
    ):
        assert check_spelling(text, MORE, lists=defaults) == [], text


def test_de_is_never_turned_into_di(defaults: WordLists) -> None:
    # 的 for 地 (高兴的跳) was right in too few of the flags it would make: never proposed
    for setting in (QUIET, MORE):
        found = check_spelling("他高兴的跳了起来，我们认真的学习。", setting, lists=defaults)
        assert [f for f in found if f.fix == "地"] == []


def test_learners_pairs_are_tried_inside_words_and_outside_the_confusion_sets(
    defaults: WordLists,
) -> None:
    # a word as written that learners write for another: 应为 for 因为, 心理 for 心里
    assert _fixed("我应为生病了，所以没去上课。", QUIET, defaults) == "我因为生病了，所以没去上课。"
    assert _fixed("我心理很难过。", QUIET, defaults) == "我心里很难过。"
    # 己 for 已: a look-alike the quiet setting does not try, but a learners' pair
    (f,) = check_spelling("我己经吃过饭了。", QUIET, lists=defaults)
    assert (f.fix, f.cls) == ("已", "substitution") and "已经" in f.message
    # where the word written is the right one, nothing is said of it, even with more
    # suggestions (which say 最费工夫[的→第]一步: a false alarm of their lower bar)
    for text, word in (
        ("我们应该好好学习。", "应该"),
        ("我对心理学很有兴趣。", "心理"),
        ("他自己做饭。", "自己"),
        ("我收到了你的信。", "收到"),
        ("我们可以去那里玩。", "那里"),
        ("校对是最费工夫的一步。", "工夫"),
    ):
        assert check_spelling(text, QUIET, lists=defaults) == [], text
        start = text.index(word)
        for f in check_spelling(text, MORE, lists=defaults):
            assert not start <= f.start < start + len(word), text


def test_the_quiet_setting_tries_no_look_alikes(defaults: WordLists) -> None:
    text = "我们的末来很美好。"
    assert check_spelling(text, QUIET, lists=defaults) == []
    (f,) = check_spelling(text, MORE, lists=defaults)
    assert (text[f.start : f.end], f.fix, f.cls) == ("末", "未", "similar_shape")


def test_the_function_words_model_prefers_the_usual_word() -> None:
    model = wordgram.word_model()
    assert model.gain("好", "阿", "啊", "") > 0  # 好啊 at the end of a sentence
    assert model.gain("下次", "在", "再", "去") > 0
    assert model.gain("我们", "在", "再", "家里") < 0


def test_the_function_words_model_reads_what_its_builder_writes(tmp_path: Path) -> None:
    make_wordgram: Any = _builder("make_wordgram")
    words = ["", "认真", "的", "地", "学习"]
    arpa = tmp_path / "m.arpa"
    arpa.write_text(
        "\\1-gram\\5\n"
        "0 0.1 1.0 (0,0)\n1 0.01 0.5 (0,0)\n2 0.2 0.8 (0,0)\n3 0.02 0.9 (0,0)\n"
        "4 0.01 0.7 (0,0)\n"
        "\\2-gram\\3\n"
        "1 3 0.4 1.0 (0,0)\n1 2 0.3 1.0 (0,0)\n3 4 0.5 1.0 (0,0)\n"
        "\\3-gram\\0\n",
        encoding="utf-8",
    )
    text = make_wordgram.read(arpa, words, least=0.0)
    model = wordgram.read(zlib.compress(text.encode("utf-8")))
    # P(地 | 认真) P(学习 | 地) against P(的 | 认真) · backoff(的) P(学习)
    expected = math.log(0.4) + math.log(0.5) - math.log(0.3) - math.log(0.8) - math.log(0.01)
    assert model.gain("认真", "的", "地", "学习") == pytest.approx(expected, abs=0.02)
    # a word the model does not know backs off to the characters' own probabilities
    assert model.gain("不知", "的", "地", "") == pytest.approx(
        math.log(0.02) - math.log(0.2) + model.backoff["地"] - model.backoff["的"], abs=0.02
    )
    with pytest.raises(ValueError):
        wordgram.read(zlib.compress(b"Q\tx\t0"))


def test_a_flat_initial_written_for_a_retroflex_one_is_fixed(defaults: WordLists) -> None:
    # zi for zhi, si for shi, cu for chu: outside pycorrector's sets of the same syllable
    assert _fixed("我不资道他去哪里了。", QUIET, defaults) == "我不知道他去哪里了。"
    assert _fixed("我们开死上课了。", QUIET, defaults) == "我们开始上课了。"
    assert (
        _fixed("老师的声音很小，我们都听不清粗。", QUIET, defaults)
        == "老师的声音很小，我们都听不清楚。"
    )
    # the other way round is not tried: 追责 (zhui) is not taken for 罪责 (zui)
    assert check_spelling("对失职追责的干部要严肃处理。", MORE, lists=defaults) == []


def test_j_for_q_and_u_for_u_umlaut_are_fixed(defaults: WordLists) -> None:
    # jing for qing, qing for jing, lu for lü, nu for nü: outside pycorrector's sets
    assert _fixed("他是一个很有礼貌的年经人。", QUIET, defaults) == "他是一个很有礼貌的年轻人。"
    assert _fixed("她的清神很好。", QUIET, defaults) == "她的精神很好。"
    assert _fixed("我们应该保护录色的环境。", QUIET, defaults) == "我们应该保护绿色的环境。"
    assert _fixed("他带着奴朋友去看电影。", QUIET, defaults) == "他带着女朋友去看电影。"
    # ü for u is not tried: 绿地 (lü) is not taken for 陆地 (lu); what is right stays
    t = spelling._tables()
    assert "陆" not in t.tone["绿"] and "轻" in t.tone["经"] and "女" in t.tone["奴"]
    for text in ("公园里有一片绿地。", "他是一个年轻人。", "这次旅行很愉快。"):
        assert check_spelling(text, MORE, lists=defaults) == []


def test_a_front_nasal_for_a_back_one_and_the_reverse_are_fixed(defaults: WordLists) -> None:
    # -in for -ing, -en for -eng and the reverse (前后鼻音): outside pycorrector's sets
    for text, right in (
        ("我的因文不好。", "我的英文不好。"),
        ("学习的过陈很难。", "学习的过程很难。"),
        ("我英为生病了，所以没去上课。", "我因为生病了，所以没去上课。"),
        ("争正的朋友会帮你。", "真正的朋友会帮你。"),
    ):
        assert _fixed(text, QUIET, defaults) == right
        assert check_spelling(right, MORE, lists=defaults) == []
    # what is right stays: 正 (zheng) is tried for 真 (zhen), 真好 is not taken for 正好
    t = spelling._tables()
    text = "今天天气真好。"
    _alone, scored = spelling.tried(t, text[:-1], chargram.Run(t.chars, text[:-1], {}))
    assert (4, "正") in [(i, r) for i, r, *_rest in scored]
    assert check_spelling(text, MORE, lists=defaults) == []
    # -an for -ang and the reverse are not tried: 由绿转黄 (huang) is not taken for 转换 (huan)
    assert "换" not in t.tone["黄"] and "黄" not in t.tone["换"]


def _builder(name: str) -> object:
    builder = ROOT / "resources/spelling" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, builder)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(builder.parent))  # it reads the lexicon with make_chargram's reader
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(builder.parent))
    return module


def _tiny_arpa(tmp_path: Path) -> tuple[list[str], Path]:
    """Six words and three bigrams in open-gram's dump format, as make_wordwindow reads it."""
    arpa = tmp_path / "m.arpa"
    arpa.write_text(
        "\\1-gram\\6\n"
        "0 0.1 1.0 (0,0)\n1 0.01 0.5 (0,0)\n2 0.02 0.8 (0,0)\n3 0.001 0.9 (0,0)\n"
        "4 0.001 0.7 (0,0)\n5 0.2 0.6 (0,0)\n"
        "\\2-gram\\3\n"
        "1 2 0.4 1.0 (0,0)\n1 3 0.0001 1.0 (0,0)\n2 0 0.3 1.0 (0,0)\n"
        "\\3-gram\\0\n",
        encoding="utf-8",
    )
    return ["", "保护", "环境", "环", "竟", "x"], arpa


def test_slips_the_words_around_them_give_away_are_fixed(defaults: WordLists) -> None:
    # what four characters either side make of the window as words: the version
    # before the word bigram model over the window left each of these alone
    for text, right in (
        ("请大家安情一下，我们开始上课。", "请大家安静一下，我们开始上课。"),
        ("学生们都在教室里人真地学习。", "学生们都在教室里认真地学习。"),
        ("他们却定明天早上出发去上海。", "他们决定明天早上出发去上海。"),
    ):
        assert _fixed(text, QUIET, defaults) == right
        assert check_spelling(right, MORE, lists=defaults) == []
    model = wordwindow.window_model()
    assert model.gain("请大家安情一下", 4, "静") > 5  # 安静 | 一下 against 安 | 情 | 一下


def test_the_word_window_model_reads_what_its_builder_writes(tmp_path: Path) -> None:
    make_wordwindow: Any = _builder("make_wordwindow")
    words, arpa = _tiny_arpa(tmp_path)
    model = wordwindow.read(zlib.compress(make_wordwindow.build(arpa, words)))
    assert set(model.ids) == {"保护", "环境", "环", "竟"}  # "x" is no Han word
    protect, environment, then = (model.ids[w] for w in ("保护", "环境", "竟"))
    assert model.transition(protect, environment) == pytest.approx(math.log(0.4), abs=0.05)
    # a pair not listed backs off to the first word's weight and the second's probability
    assert model.transition(protect, then) == pytest.approx(math.log(0.5 * 0.001), abs=0.1)
    # 保护环境 at a sentence's edges: the edge, 保护 (backed off), 环境, the edge
    whole = math.log(1.0 * 0.01) + math.log(0.4) + math.log(0.3)
    assert model.best("保护环境", True, True) == pytest.approx(whole, abs=0.1)
    # 保护[环境] against 保护环竟: the word the replacement makes is far the likelier
    assert model.gain("保护环竟", 3, "境") > 5
    with pytest.raises(ValueError):
        wordwindow.read(zlib.compress(b"JKCG2"))


def test_the_window_model_is_asked_only_where_it_could_change_a_finding(
    defaults: WordLists, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [
        DEMO.read_text(encoding="utf-8"),
        "我们应该保护环竟。这是一个很好的机回。我不资道他去哪里了。价钱也很变宜。",
        "今天天气很好，我门去公园吧。我们下次在去吧。我应为生病了，所以没去上课。",
    ]
    asked: list[int] = []
    real = spelling.with_window

    def counted(*args: object) -> spelling.Evidence:
        asked.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(spelling, "with_window", counted)
    for setting in (QUIET, MORE):
        found = [check_spelling(text, setting, lists=defaults) for text in texts]
        few = len(asked)
        monkeypatch.setattr(spelling, "_window_room", lambda: math.inf)  # every one asked
        assert [check_spelling(text, setting, lists=defaults) for text in texts] == found
        assert few < len(asked) - few  # the bar spared most of the look-ups
        monkeypatch.undo()
        monkeypatch.setattr(spelling, "with_window", counted)
        asked.clear()


def test_more_suggestions_finds_what_the_quiet_setting_leaves(defaults: WordLists) -> None:
    text = "请你帮我买一瓶牛奶和两个面宝。"
    assert check_spelling(text, QUIET, lists=defaults) == []
    assert _fixed(text, MORE, defaults) == "请你帮我买一瓶牛奶和两个面包。"


def test_clean_prose_is_left_alone(defaults: WordLists) -> None:
    text = DEMO.read_text(encoding="utf-8")
    assert check_spelling(text, QUIET, lists=defaults) == []
    assert check_spelling(text, MORE, lists=defaults) == []


def test_the_shipped_mistakes_fix_only_the_wrong_characters(defaults: WordLists) -> None:
    assert len(defaults.mistakes) >= 300
    text = "我们要再接再励，按步就班地工作。"
    found = check_spelling(text, QUIET, lists=defaults)
    assert [(text[f.start : f.end], f.fix, f.check) for f in found] == [
        ("励", "厉", "mistake"),
        ("步", "部", "mistake"),
    ]
    assert "再接再厉" in found[0].message


def test_a_mistake_straddled_by_a_word_is_no_mistake(defaults: WordLists) -> None:
    assert "省分" in defaults.mistakes
    assert check_spelling("各省分别召开会议。", MORE, lists=defaults) == []
    (f,) = check_spelling("按省分统计。", QUIET, lists=defaults)
    assert f.fix == "份"


def test_whitelist_names_and_repeated_terms_are_never_corrected(defaults: WordLists) -> None:
    text = "我们应该保护环竟。"
    assert check_spelling(text, QUIET, lists=defaults.with_allowed(["环竟"])) == []
    assert check_spelling("李希平是我的朋友。", MORE, lists=defaults) == []
    # a term the text writes the same way twice is a term, not a slip
    assert check_spelling("环竟公司成立了。环竟公司很大。", MORE, lists=defaults) == []


def test_own_confusion_pairs_and_banned_terms() -> None:
    own = WordLists(
        confusions=frozenset({("午", "物"), ("老狼", "老浪")}),
        banned={"某词": Banned("替代词", "不规范"), "旧称": Banned("", "")},
    )
    text = "老狼说某词是旧称。"
    found = check_spelling(text, QUIET, lists=own)
    assert [(text[f.start : f.end], f.fix, f.check) for f in found] == [
        ("狼", "浪", "mistake"),
        ("某词", "替代词", "banned"),
        ("旧称", "", "banned"),
    ]
    assert found[1].message == "“某词” is on the banned list: 不规范"
    assert found[2].message == "“旧称” is on the banned list"
    assert own.character_pairs() == {"午": "物", "物": "午"}


def test_findings_never_overlap(defaults: WordLists) -> None:
    text = "遇到逆竟时从不放弃，我们要再接再励。" * 3
    found = check_spelling(text, MORE, lists=defaults)
    assert all(a.end <= b.start for a, b in pairwise(found))


def test_lists_round_trip_through_their_files(tmp_path: Path) -> None:
    lists = WordLists(
        allow=frozenset({"李希平", "欣苑"}),
        mistakes={"再接再励": "再接再厉"},
        confusions=frozenset({("己", "已")}),
        banned={"某词": Banned("替代词", "不规范, 见通知")},
    )
    wordlists.save_folder(tmp_path, lists)
    assert wordlists.load_folder(tmp_path) == lists
    assert wordlists.load_folder(tmp_path / "missing") == WordLists()


def test_list_files_from_a_spreadsheet_or_by_hand_are_read() -> None:
    text = "\ufeffwrong,right\n# a comment\n 再接再励 , 再接再厉 \n\n同,同\n半行\n"
    assert wordlists.parse("mistakes", text).mistakes == {"再接再励": "再接再厉"}
    allow = wordlists.parse("allow", "# names\n李希平\n\n 欣苑 \n")
    assert allow.allow == {"李希平", "欣苑"}


def test_a_later_folder_wins(tmp_path: Path) -> None:
    user, project = tmp_path / "user", tmp_path / "project"
    wordlists.save_folder(user, WordLists(mistakes={"甲乙": "甲丙"}, allow=frozenset({"x"})))
    wordlists.save_folder(project, WordLists(mistakes={"甲乙": "甲丁"}))
    merged = wordlists.lists_for([user, project], defaults=False)
    assert merged.mistakes == {"甲乙": "甲丁"} and merged.allow == {"x"}
