"""How noisy and how sharp the source checks are (:mod:`app.classes.checks`), printed as Markdown.

* the doubled-character check on legitimate doubles (reduplications and
  doubles across a word boundary, each in a sentence): any ``doubled``
  finding there is a false positive;
* the same check on real slips (the inserted copy marked ``[...]``): a slip
  counts as found when a finding's fix restores the sentence;
* every check on a synthetic 100k text of clean prose (:mod:`bench.synth`),
  where every finding is a false positive;
* every check on the real copies in ``shared/corpus`` when that folder is there;
* paragraph ends on the project's own prose with page breaks (a sentence cut
  in two) and lost full stops injected: the false-fix rate is the share of
  those reported with the other's fix (a full stop where a join was right, or
  the reverse), on seeds the rule was tuned on and on others;
* the time to check 1M characters, and to load jieba's dictionary once.

    .venv/bin/python -m bench.bench_checks [--seed N]
"""

from __future__ import annotations

import argparse
import gc
import re
import time
from collections import Counter
from itertools import pairwise
from pathlib import Path

from bench import vocab
from bench.synth import make_source

LEGIT: dict[str, str] = {
    "AA": """他常常去图书馆看书。 我们天天锻炼身体。 你先看看这份材料。 让我想想再回答你。
        这件衣服你试试吧。 晚饭后我们出去走走。 谢谢你的帮助。 夜空中的星星很亮。
        妈妈在厨房做饭。 爸爸刚刚下班回家。 弟弟慢慢地走过来。 你要好好学习。
        人人都有自己的梦想。 家家都挂上了灯笼。 处处可见新气象。 他时时提醒自己。
        天色渐渐暗了下来。 她默默地离开了。 孩子悄悄地走进房间。 湖面静静地躺在山谷里。
        他轻轻地关上了门。 风筝飞得高高的。 她的脸红红的。 我们早早就出发了。 他久久不能平静。
        我深深地爱着这片土地。 她紧紧握住我的手。 他偷偷看了一眼。 年轻人往往缺乏经验。
        这仅仅是个开始。 他明明知道却不说。 天偏偏下起了雨。 他稍稍停顿了一下。 宝宝睡着了。
        奶奶给我讲故事。 爷爷喜欢下棋。 叔叔住在上海。 哥哥和姐姐都在北京工作。
        娃娃在床上睡觉。 蝈蝈在草丛里叫。 她叫丽丽。 大家两两结对练习。 好好学习，天天向上。
        他哈哈大笑起来。 哈哈哈，太好笑了。 好好好，我马上去。 对对对，你说得对。
        二〇二二年是虎年。 一九九九年澳门回归。""",
    "AABB": """他们高高兴兴地回家了。 房间打扫得干干净净。 他把事情说得清清楚楚。
        我明明白白地告诉你。 他认认真真地做作业。 请仔仔细细地检查一遍。 祝你快快乐乐每一天。
        孩子们开开心心地玩耍。 祝你平平安安。 书架上的书摆得整整齐齐。 他大大方方地走上台。
        他老老实实地交代了问题。 家家户户都贴上了春联。 他们世世代代生活在这里。
        我们要时时刻刻保持警惕。 方方面面都要考虑到。 生活中的点点滴滴让人难忘。
        市场上有形形色色的商品。 一场轰轰烈烈的运动开始了。 纸上写满了密密麻麻的小字。
        街上熙熙攘攘的人群。 孩子们蹦蹦跳跳地上学去。 他们说说笑笑地走了。
        路上来来往往的车辆很多。 他整天吃吃喝喝。 三三两两的游客在散步。
        这是一件实实在在的好事。 他们勤勤恳恳地工作。 我们要踏踏实实地做事。
        这的的确确是事实。 他们之间的是是非非说不清。 港口停着大大小小的船。""",
    "ABAB": """这个问题我们要研究研究。 大家坐下来讨论讨论。 这件事我们商量商量再说。
        你再考虑考虑吧。 累了就休息休息。 我们应该向他学习学习。 起来活动活动筋骨。
        把屋子收拾收拾。 周末把院子打扫打扫。 你给大家介绍介绍情况。 他的衬衫雪白雪白的。
        她的脸冻得通红通红的。 雨哗啦哗啦地下个不停。 我的心扑通扑通地跳。
        我们要一步一步地前进。 日子一天一天地过去。 他一遍一遍地练习。 她一点一点地进步。
        好的好的，我知道了。 没事没事，别担心。 算了算了，不说了。""",
    "A一A": """你来看一看。 我们想一想办法。""",
    "AAB/ABB": """田野里绿油油的麦苗。 她的眼睛亮晶晶的。 苹果红彤彤的。 外面下着毛毛雨。
        晚饭后散散步对身体好。 我们一起聊聊天吧。 他笑眯眯地看着我。 夜里静悄悄的。
        稻穗沉甸甸的。 他慢吞吞地走着。 小狗胖乎乎的。 猫懒洋洋地躺着。 请你帮帮忙。
        他点点头表示同意。 她摇摇头走开了。 我们握握手吧。 他的头发乱蓬蓬的。
        冷冰冰的态度让人难受。 热乎乎的包子出锅了。 孩子们一个个走进教室。
        一条条小路通向远方。 他们一次次失败又一次次站起来。 星星之火，可以燎原。""",
    "word boundary": """大会会场布置得很漂亮。 大学生生活丰富多彩。 中国国家队获得了冠军。
        明天天气晴朗。 人民民主是社会主义的生命。 工人人数增加了一倍。 这是科学学科的基础。
        公司司机准时到达。 我们去上海海边度假。 他喜欢北京京剧。 历史史料非常珍贵。
        日本本土受到台风影响。 同学学习都很努力。 医生生病了也坚持上班。 这次会议议程很紧。
        图书馆馆长接待了我们。 学校校长讲了话。 这是一个个人问题。 这个村的老人人人长寿。
        这件事最后不了了之。 这本书讲的是战争和和平。 他对对方的意见很重视。
        我们在在线平台上报名。 他与与会代表握手。 为了了解情况，他去了现场。
        他已经经过了考验。 问题是是否值得去做。 我们要要求自己更严格。 主席将会会见外宾。
        他就就业问题发表了看法。 我们必须有有效的办法。""",
    "idioms and incidental doubles": """各地纷纷出台新政策。 他频频点头。 这种现象屡屡发生。
        种种迹象表明经济在复苏。 层层落实责任。 困难重重。 硕果累累。 来的人寥寥无几。
        茫茫大海。 滚滚长江东逝水。 区区小事不足挂齿。 资金源源不断地流入。 两者息息相关。
        这样的例子比比皆是。 工作安排得井井有条。 经济蒸蒸日上。 一派欣欣向荣的景象。
        他说得头头是道。 他彬彬有礼。 她对此念念不忘。 孩子们恋恋不舍地离开。 往事历历在目。
        他默默无闻地工作。 生命生生不息。 他振振有词。 他们统统走了。 把东西通通拿走。
        只要多多练习就行。 每每想起都很感动。 学习习惯很重要。 工作作风要扎实。
        发展展望报告发布了。 时间间隔很短。 全国国民经济。 会议议题很多。 农业业务增长。
        提高高度重视。 日日夜夜地工作。 祖祖辈辈住在这里。 千千万万的人。 轰轰烈烈的革命。
        他们兢兢业业。 孩子们津津有味地听着。 他们侃侃而谈。 大家喋喋不休。 她娓娓道来。
        这件事我们等等再说。 请稍等等一下。 他们欢欢喜喜过大年。 地上湿漉漉的。
        他气呼呼地走了。 小孩哭哭啼啼的。 他们打打闹闹。 大家有说有笑。 我们常常见面。
        这是个个别现象。 这是人人皆知的道理。 他们的工作做得实实在在。
        那是一个风风火火的年代。 红红火火过新年。 我们应当当好人民的勤务员。 这个人人品很好。
        他在家家里很乱。 中国国际航空公司。 上海海关查获走私。 北京京东方公司。 天津津南区。
        他在成都都江堰。 美国国务卿访华。 我们要看看再说。 村里的人家家都有电视。
        专家家属也来了。 研究生生活很辛苦。 公交车车票涨价了。 电视视频很清晰。
        各项项目都完成了。 我们的的士司机。 他在学校校园里。 这是一本本子。
        他们一个个都很高兴。 运动动员大会。""",
}

SLIPS = """我们[们]明天出发。 我们要大力发展[展]经济。 他正在研究[究]这个问题。
    [学]学生们都来了。 这是我的[的]书。 他吃了[了]饭就走了。 他[他]是我的老师。
    这[这]本书很好看。 他在[在]家里看书。 这是[是]一个好问题。 他和[和]我一起去。
    我有[有]很多书。 我不[不]知道。 他就[就]是这样的人。 我也[也]想去。 我们都[都]同意。
    他把[把]书放下了。 书被[被]人拿走了。 我爱中国[国]，也爱家乡。 人民[民]的生活改善了。
    经济[济]增长放缓。 加强文化[化]建设。 政府[府]出台了新政策。 国家[家]的利益高于一切。
    这个问题[题]很难。 [我]我们是朋友。 同志们[们]辛苦了。 孩子[子]们在玩。 关于[于]这件事。
    他已经[经]走了。 我们可以[以]走了。 因为[为]他很忙。 所以[以]我没去。 但是[是]他不同意。
    如果[果]你愿意。 虽然[然]很累。 老师[师]说得对。 要发展[发展]经济。 我们[我们]一起去。
    北京[北京]是首都。 今天[今天]天气很好。 这个[这个]问题很重要。 [学生]学生们来了。
    中华人民共和国[国]成立了。 他说[说]了很多。 我们要[要]认真学习。 请大家[家]安静。
    明天[天]我们去。 他们[们]正在开会。 你们[们]好。 她[她]很漂亮。 它[它]是一只猫。
    那[那]个人是谁。 没[没]有人知道。 这个主意很[很]好。 更[更]重要的是团结。 他又[又]迟到了。
    请再[再]说一遍。 我才[才]到家。 他还[还]没来。 这样[样]做不对。 工作[作]很忙。
    我们已经完成[成]了任务。 他们正在讨论[论]这个方案。 这是一个重要[要]的问题。
    他参加[加]了比赛。 他们介绍[绍]了经验。 这个办法[法]很好。 我们应该[该]怎么办。
    我看了[了]一眼。 他看着[着]窗外。 我去过[过]北京。 他慢慢地[地]走。 他跑得[得]很快。
    这里的人们[们]都很好。 我们们[们]的国家。"""

HELD_OUT_LEGIT = """小朋友们排排坐。 你尝尝这道菜。 我们聊聊最近的工作。 他摸摸孩子的头。
    大家歇歇再干。 你闻闻这朵花香不香。 她拍拍我的肩膀。 他揉揉眼睛坐了起来。 咱们逛逛商店吧。
    他数数口袋里的钱。 水面平平的没有波纹。 她穿着长长的裙子。 碗里盛得满满的。 天空蓝蓝的。
    他说话慢慢的。 月亮弯弯的像小船。 她的头发黑黑的。 面包软软的很好吃。 他傻傻地站在那里。
    年年有余。 岁岁平安。 他们代代相传。 条条大路通罗马。 字字珠玑。 声声入耳。 步步高升。
    这是他的姥姥。 公公婆婆都很和气。 舅舅送我一本书。 姑姑在医院工作。 熊猫宝宝很可爱。
    他们吵吵闹闹了一整天。 他写得歪歪扭扭。 她说话总是支支吾吾的。 山路弯弯曲曲。
    他做事总是马马虎虎。 我们要堂堂正正做人。 他们来来回回跑了好几趟。 屋里冷冷清清的。
    他们客客气气地道别。 他们浩浩荡荡地出发了。 你们去锻炼锻炼身体。 我来帮你整理整理。
    你去打听打听消息。 让我琢磨琢磨。 咱们比较比较两种方案。 他的脸滚烫滚烫的。
    钟表滴答滴答地响。 雷声轰隆轰隆。 这是小学学生的作品。 他在大学学习。 中学学校都放假了。
    火车车厢里很挤。 这家银行行长很年轻。 汽车车身有划痕。 铁路路基需要加固。 电话话费很贵。
    书店店员很热情。 美国国会通过了法案。 他是北京京剧团的演员。 工厂厂长来了。
    这里的水果果汁很新鲜。 动物物种很丰富。 出口口岸很繁忙。 会计计算得很准确。
    我们讨论论文的结构。 他在研究究竟是怎么回事。"""
"""Written after the rules above were settled, and never tuned against."""

HELD_OUT_SLIPS = """学生们[们]都很努力。 他写作业[业]很认真。 这个城市[市]很美。
    我喜欢[欢]看书。 他们正在开会[会]。 这本书[书]很有意思。 请把门[门]关上。 我明白[白]了。
    他们非常[常]高兴。 我认为[为]这是对的。 我们[应]应该努力。 他是[是]个好人。
    我在[在]这里等你。 他[已]已经走了。 我们一起[起]去。 孩子们在[在]操场上玩。
    她笑[笑]了起来。 我们必须[须]遵守规则。 这件事情[情]很复杂。 他的[的]朋友来了。
    他们去了[了]北京。 这里的风景[景]很美。 老百姓[姓]都很高兴。 我的电脑[脑]坏了。
    会议开始[始]了。 我们讨论[讨论]了三个小时。 经济发展[展]很快。 人们[们]都说好。
    他们都是[是]学生。"""

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
_MARK = re.compile(r"\[([^\]]+)\]")


def legit_rate(data: dict[str, str]) -> tuple[list[tuple[str, int, int]], list[str]]:
    """Per category: (name, sentences, sentences with a doubled finding); and those sentences."""
    from app.classes.checks import check_text

    rows, noisy = [], []
    for cat, block in data.items():
        sentences = block.split()
        bad = [s for s in sentences if any(f.check == "doubled" for f in check_text(s))]
        rows.append((cat, len(sentences), len(bad)))
        noisy += bad
    return rows, noisy


def slip_recall(block: str) -> tuple[int, list[str]]:
    """How many slips are found (a doubled finding whose fix restores the sentence), and misses."""
    from app.classes.checks import check_text

    found, missed = 0, []
    sentences = block.split()
    for marked in sentences:
        text, clean = _MARK.sub(r"\1", marked), _MARK.sub("", marked)
        hit = any(
            f.check == "doubled" and text[: f.start] + f.fix + text[f.end :] == clean
            for f in check_text(text)
        )
        found += hit
        if not hit:
            missed.append(marked)
    return found, missed


def paragraph_ends(seed: int, size: int = 30_000) -> tuple[str, list[int], list[int]]:
    """Prose with page breaks inside sentences (one paragraph in seven cut in two at a
    random place away from punctuation) and lost full stops (one in ten dropped);
    returns the text and where each of the two kinds of paragraph end stands."""
    import random

    from bench.synth import make_paragraphs

    rng = random.Random(seed)
    pieces: list[str] = []
    breaks: list[int] = []
    stops: list[int] = []
    at = 0
    for paragraph in make_paragraphs(size, seed):
        r = rng.random()
        inner = [
            i
            for i in range(10, len(paragraph) - 10)
            if paragraph[i - 1] not in "，。、；：！？“”" and paragraph[i] not in "，。、；：！？“”"
        ]
        if r < 0.15 and inner:
            cut = rng.choice(inner)
            parts = [paragraph[:cut], paragraph[cut:]]
            breaks.append(at + cut)
        elif r < 0.25 and paragraph.endswith("。"):
            parts = [paragraph[:-1]]
            stops.append(at + len(paragraph) - 1)
        else:
            parts = [paragraph]
        for part in parts:
            pieces.append(part)
            at += len(part) + 1
    return "\n".join(pieces), breaks, stops


def paragraph_end_rates(seeds: range) -> dict[str, int]:
    """Right, wrong (the other kind's fix) and missed, over the paragraph ends of ``seeds``."""
    from app.classes import checks

    out = Counter({"right": 0, "wrong": 0, "missed": 0, "breaks": 0, "stops": 0})
    for seed in seeds:
        text, breaks, stops = paragraph_ends(seed)
        kinds = ("missing_full_stop", "broken_paragraph")
        found = {f.start: f.check for f in checks.check_text(text) if f.check in kinds}
        for where, wanted in [(b, "broken_paragraph") for b in breaks] + [
            (s, "missing_full_stop") for s in stops
        ]:
            got = found.get(where)
            out["missed" if got is None else "right" if got == wanted else "wrong"] += 1
        out["breaks"] += len(breaks)
        out["stops"] += len(stops)
    return dict(out)


def injected_rates(seeds: range) -> dict[str, tuple[int, int, int]]:
    """Per check: (injected, found with the right fix, other findings of that check).

    Into the project's own prose: Traditional words (OpenCC s2t of a random
    two-character stretch; counted by the characters it changed), stray
    spaces between two Han characters, and the whole text hard-wrapped every
    30 characters as OCR leaves it (each break inside a sentence is to be
    joined).
    """
    import random

    import opencc

    from app.classes import checks
    from bench.synth import make_paragraphs

    s2t = opencc.OpenCC("s2t")
    out: dict[str, list[int]] = {k: [0, 0, 0] for k in ("script_mix", "stray_space", "wrapped")}
    for seed in seeds:
        rng = random.Random(seed)
        text = "\n".join(make_paragraphs(20_000, seed))
        trad: dict[int, str] = {}
        spaces: set[int] = set()
        pieces: list[str] = []
        pos = 0
        for i in sorted(rng.sample(range(1, len(text) - 3), 40)):
            if i < pos or not all(checks._han(c) for c in text[i - 1 : i + 3]):
                continue
            word, converted = text[i : i + 2], s2t.convert(text[i : i + 2])
            if rng.random() < 0.5 and converted != word and len(converted) == 2:
                pieces += [text[pos:i], converted]
                at = sum(map(len, pieces)) - 2
                trad.update((at + k, c) for k, c in enumerate(word) if converted[k] != c)
                pos = i + 2
            else:
                pieces += [text[pos:i], " "]
                spaces.add(sum(map(len, pieces)) - 1)
                pos = i
        pieces.append(text[pos:])
        dirty = "".join(pieces)
        for f in checks.check_text(dirty):
            if f.check == "script_mix":
                covered = [trad.get(k) for k in range(f.start, f.end)]
                right = "".join(c or "?" for c in covered) == f.fix
                out["script_mix"][1] += len(covered) if right else 0
                out["script_mix"][2] += 0 if right else 1
            elif f.check == "stray_space":
                out["stray_space"][1 if f.start in spaces else 2] += 1
        out["script_mix"][0] += len(trad)
        out["stray_space"][0] += len(spaces)
        lines = [p[k : k + 30] for p in text.split("\n") for k in range(0, len(p), 30)]
        wrapped = "\n".join(lines)
        inside, at = set(), 0
        for line, nxt in pairwise(lines):
            at += len(line)
            if line[-1] not in "。！？”" and nxt[:1].isalnum():
                inside.add(at)
            at += 1
        for f in checks.check_text(wrapped):
            if f.check == "broken_paragraph":
                out["wrapped"][1 if f.start in inside else 2] += 1
        out["wrapped"][0] += len(inside)
    return {k: (v[0], v[1], v[2]) for k, v in out.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    from app.classes import checks

    t0 = time.perf_counter()
    checks.check_text("我们们")
    load = time.perf_counter() - t0

    rows, noisy = legit_rate(LEGIT)
    n_legit, n_noisy = sum(r[1] for r in rows), sum(r[2] for r in rows)
    found, missed = slip_recall(SLIPS)
    n_slips = len(SLIPS.split())
    fp_rate, recall = n_noisy / n_legit, found / n_slips
    (_, n_held, n_held_noisy), *_ = legit_rate({"": HELD_OUT_LEGIT})[0]
    held_noisy = legit_rate({"": HELD_OUT_LEGIT})[1]
    held_found, held_missed = slip_recall(HELD_OUT_SLIPS)
    n_held_slips = len(HELD_OUT_SLIPS.split())

    print("## Doubled characters: legitimate doubles\n")
    print("| pattern | sentences | flagged |\n| --- | ---: | ---: |")
    for cat, n, bad in rows:
        print(f"| {cat} | {n} | {bad} |")
    print(f"| **all** | **{n_legit}** | **{n_noisy}** ({fp_rate:.3f}) |\n")
    if noisy:
        print("Flagged: " + " ".join(noisy) + "\n")
    print("## Doubled characters: real slips\n")
    print(f"{found} of {n_slips} found: recall **{recall:.3f}**.\n")
    if missed:
        print("Missed: " + " ".join(missed) + "\n")

    print("## Held out: sentences written after the rules were settled\n")
    print(
        f"- legitimate doubles: {n_held_noisy} of {n_held} flagged"
        f" ({n_held_noisy / n_held:.3f})" + (": " + " ".join(held_noisy) if held_noisy else "")
    )
    print(
        f"- slips: {held_found} of {n_held_slips} found ({held_found / n_held_slips:.3f})"
        + (": missed " + " ".join(held_missed) if held_missed else "")
        + "\n"
    )

    print("## Paragraph ends: page breaks and lost full stops\n")
    print(
        "Prose the project writes, with sentences cut in two by a page break and full stops\n"
        "dropped (`paragraph_ends`). A wrong fix is a full stop proposed where the two halves\n"
        "should be joined, or the reverse; missed ends are lines too short to count as prose.\n"
    )
    print("| seeds | page breaks | lost full stops | right | wrong | missed | false-fix rate |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, seeds in (("1–5 (tuned on)", range(1, 6)), ("6–25 (held out)", range(6, 26))):
        r = paragraph_end_rates(seeds)
        rate = r["wrong"] / max(1, r["right"] + r["wrong"])
        print(
            f"| {label} | {r['breaks']} | {r['stops']} | {r['right']} | {r['wrong']} "
            f"| {r['missed']} | {rate:.3f} |"
        )
    print()

    print("## Traditional words, stray spaces and hard-wrapped lines\n")
    print(
        "Injected into the project's own prose (`injected_rates`): a Traditional word must\n"
        "be found with its Simplified form, a stray space with its removal, and every line\n"
        "break a hard wrap puts inside a sentence must be joined. Other findings of the\n"
        "same check are false alarms.\n"
    )
    print("| seeds | check | injected | found | false alarms |")
    print("| --- | --- | ---: | ---: | ---: |")
    for label, seeds in (("1–5", range(1, 6)), ("6–25 (held out)", range(6, 26))):
        for name, (n, hit, other) in injected_rates(seeds).items():
            print(f"| {label} | {name} | {n} | {hit} | {other} |")
    print()

    synth = make_source(100_000, args.seed)
    findings = checks.check_text(synth)
    counts = Counter(f.check for f in findings)
    # noun_phrase() may write the same noun twice (诗歌诗歌): a real double, not noise
    nouns = set(vocab.NOUNS)
    own = Counter(f.check for f in findings if synth[f.start : f.end] in nouns)
    print(f"## Synthetic prose ({len(synth):,} characters)\n")
    print(
        "The generator writes clean prose, except that a noun phrase may repeat its noun\n"
        "(诗歌诗歌): those are real doubles. Every other finding is noise.\n"
    )
    print("| check | findings | generator's noun doubles | noise |\n| --- | ---: | ---: | ---: |")
    for name in checks.CHECKS:
        print(f"| {name} | {counts[name]} | {own[name]} | {counts[name] - own[name]} |")
    total, real = sum(counts.values()), sum(own.values())
    print(f"| **all** | **{total}** | **{real}** | **{total - real}** |\n")
    noise = [f for f in findings if synth[f.start : f.end] not in nouns]
    if noise:
        print("Noise: " + " ".join(synth[f.start - 6 : f.end + 6] for f in noise[:10]) + "\n")

    if CORPUS.is_dir():
        print("## Real copies (shared/corpus: a news article with its own slips)\n")
        print("| file | characters | " + " | ".join(checks.CHECKS) + " |")
        print("| --- | ---: |" + " ---: |" * len(checks.CHECKS))
        for path in sorted(CORPUS.glob("0*.txt")):
            real_text = path.read_text(encoding="utf-8")
            by = Counter(f.check for f in checks.check_text(real_text))
            cells = " | ".join(str(by[name]) for name in checks.CHECKS)
            print(f"| {path.name} | {len(real_text):,} | {cells} |")
        print()

    big = make_source(1_000_000, args.seed)
    best = float("inf")
    for _ in range(3):
        gc.collect()
        t0 = time.perf_counter()
        checks.check_text(big)
        best = min(best, time.perf_counter() - t0)
    print("## Speed\n")
    print(f"- jieba's dictionary, loaded once per process: {load:.2f} s")
    print(f"- {len(big):,} characters checked (best of 3): {best:.2f} s\n")

    print("## Targets\n")
    for name, ok, value in (
        ("false positives on legitimate doubles ≤ 0.05", fp_rate <= 0.05, f"{fp_rate:.3f}"),
        ("recall on slips ≥ 0.95", recall >= 0.95, f"{recall:.3f}"),
        ("1M characters < 2 s", best < 2.0, f"{best:.2f} s"),
    ):
        print(f"- {'PASS' if ok else 'FAIL'}: {name} ({value})")


if __name__ == "__main__":
    main()
