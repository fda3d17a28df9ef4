"""Real rewrites for the editor's-units benchmark (bench/bench_units.py), typed for the project.

Each list holds ``(source, copy)`` pairs of modern Chinese as a copy rewords
a speech or a notice.  The pairs are real words and phrases; only the prose
around them is synthetic.  Every list is split in two before any rule was
written: the *tune* half was looked at while the rules were settled, the
*held-out* half only measured (``HELD_OUT``: every third pair).
"""

from __future__ import annotations


def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    out = []
    for line in text.strip().splitlines():
        a, b = line.split()
        out.append((a, b))
    return tuple(out)


WORD_REWRITES = _pairs(
    """
    势头 态势
    强化 加强
    重视 注重
    落实 实施
    举措 措施
    要紧 重要
    急迫 紧急
    困难 难题
    动员 发动
    防范 预防
    监督 督促
    变化 改变
    严格 从严
    稳定 安稳
    增加 加大
    转变 变革
    效果 成效
    趋势 势头
    管控 控制
    排查 查找
    物资 资源
    安全 平安
    责任 职责
    政策 策略
    标准 准则
    体制 制度
    结束 终结
    联系 关联
    力量 能力
    通报 报告
    生产 产出
    温暖 暖心
    细致 精细
    紧密 密切
    主动 自主
    人民 民众
    迫切 急迫
    美丽 秀美
    提升 升级
    关心 心系
    认真 真切
    决心 坚决
    居民 民众
    协调 调配
    健康 康复
    任务 重任
    构建 建设
    显著 明显
    领导 引领
    保证 确保
    环节 节点
    基础 根基
    切实 实际
    高效 效率
    协同 同步
    凝聚 聚集
    清除 除去
    抑制 制止
    延缓 缓解
    缓解 减缓
    恢复 复苏
    拓宽 开拓
    全力以赴 竭尽全力
    千方百计 想方设法
    """
)
"""Synonyms of one word sharing a character at another place (势头/态势): a diff splits
each into an insertion and a deletion around the shared character, or two changes."""

REORDERINGS = _pairs(
    """
    开展 展开
    积累 累积
    和平 平和
    适合 合适
    互相 相互
    代替 替代
    演讲 讲演
    察觉 觉察
    离别 别离
    喜欢 欢喜
    感情 情感
    样式 式样
    答应 应答
    整齐 齐整
    语言 言语
    寻找 找寻
    缓和 和缓
    实现目标 目标实现
    """
)
"""The same characters in the other order (同素逆序): one transposition, 互倒."""

SINGLE_SLIPS = _pairs(
    """
    部署 布署
    情况 状况
    加强 增强
    保障 保证
    完善 完备
    推进 推动
    迅速 快速
    目标 目的
    检查 排查
    保护 爱护
    交流 交往
    群众 民众
    协调 协同
    社区 小区
    坚持 坚守
    """
)
"""Words that differ in one character: a single-character locus, classed as today."""

PHRASE_REWRITES = _pairs(
    """
    减少人员特别是跨区域流动 充实基层社区力量
    及时发放防护用品 统一调配防疫物资
    加强重点人群健康监测 做好外来人员登记排查
    压实各级党组织责任 发挥基层党员先锋作用
    全面排查社区人员 逐户登记外来人口
    保障居民生活需求 维护群众生命安全
    推动企业分批复工复产 鼓励员工错峰返岗上班
    织密社区防控网络 筑牢群防群治防线
    全力以赴救治患者 千方百计挽救生命
    广泛动员社会力量 充分调动群众积极性
    严格执行出入登记制度 认真落实进出测温要求
    实时掌握疫情动态 及时通报病情变化
    加强社区网格化管理 完善小区封闭式管控
    切实做好困难群众帮扶 认真落实低保对象救助
    及时回应社会关切 主动引导社会舆论
    提高群众自我防护意识 增强居民科学防疫能力
    全力保障医疗物资供应 统筹调配生活物资储备
    充分发挥党员先锋模范作用 切实增强基层党组织凝聚力
    组织志愿者上门送菜 安排志愿服务队代购
    关心关爱一线医务人员 慰问奋战在前线的医护工作者
    统筹疫情防控和经济社会发展 兼顾公共卫生安全和民生保障
    最大限度减少人员聚集 尽可能避免人群接触
    持续加大财政支持力度 进一步强化财税优惠政策
    坚持科学防治精准施策 做到分区分级差异防控
    严格落实居家隔离措施 认真做好居民健康监测
    不断巩固来之不易的成果 持续扩大向好态势的战果
    第一时间上报异常情况 及时准确报送疫情信息
    营造全社会共同参与的良好氛围 形成人人关心支持的强大合力
    加大对困难企业的帮扶 减轻中小企业经营负担
    确保社区防控不留死角 做到小区出入严格把关
    及时救治每一位患者 全力守护每一个生命
    发动群众开展爱国卫生运动 组织居民进行环境卫生整治
    加强农贸市场管理 规范集贸市场经营
    坚定信心同舟共济 众志成城共克时艰
    科学有序推进复工复产 分区分级恢复生产秩序
    做好重点人员排查管控 落实外地来人登记报告
    打好疫情防控人民战争 夺取抗疫斗争全面胜利
    坚持问题导向和目标导向 突出重点领域和关键环节
    层层压实防控责任 逐级落实属地管理
    """
)
"""A phrase reworded where the two share a character or a word inside (区 in
跨区域流动 / 基层社区力量): an editor marks the whole phrase once."""

PASSAGES: tuple[tuple[str, str], ...] = (
    (
        "各地要把做好社区疫情防控作为当前的重要任务，层层压实责任，确保各项措施落到实处。",
        "社区工作者日夜坚守在一线，挨家挨户登记排查，为居民筑起了一道安全屏障。",
    ),
    (
        "疫情发生以来，广大医务人员闻令而动，义无反顾投入战斗，展现了救死扶伤的崇高精神。",
        "在这场没有硝烟的战争中，无数普通人默默奉献，用行动诠释了责任与担当。",
    ),
    (
        "要坚持分区分级精准防控，低风险地区全面恢复生产生活秩序，中高风险地区集中精力抓好防控。",
        "企业复工复产要一手抓防疫、一手抓生产，切实保障员工的身体健康和生命安全。",
    ),
    (
        "街道党工委第一时间成立临时党支部，把党员编入网格，实行二十四小时值守。",
        "志愿者们冒着严寒为隔离家庭代购生活物资，每天往返十几趟，从无怨言。",
    ),
    (
        "春耕时节不等人，农业农村部门要指导农民抢抓农时，确保粮食生产不误农时。",
        "各地组织农技人员通过网络开展技术指导，帮助群众解决备耕中的实际困难。",
    ),
    (
        "学校延期开学期间，教师们通过线上课堂为学生答疑解惑，做到停课不停学。",
        "许多家长既要上班又要照顾孩子，社区为此开设了临时托管服务点。",
    ),
    (
        "交通运输部门开辟应急物资运输绿色通道，保障防疫物资和生活必需品及时运达。",
        "快递小哥穿梭在大街小巷，把一份份包裹送到居民手中，成为城市里流动的风景。",
    ),
    (
        "市场监管部门加大价格检查力度，严厉查处哄抬物价、囤积居奇等违法行为。",
        "超市货架上的蔬菜水果供应充足，价格总体稳定，市民购物秩序井然。",
    ),
    (
        "科研人员争分夺秒开展药物筛选和疫苗研发，力争早日取得突破。",
        "医院里，康复出院的患者向医护人员鞠躬致谢，场面十分感人。",
    ),
)
"""A sentence or two that a copy words differently throughout: a differing passage."""

HELD_OUT = 3
"""Every ``HELD_OUT``-th pair (index % HELD_OUT == HELD_OUT - 1) is held out."""


def split(pairs: tuple[tuple[str, str], ...], *, held_out: bool) -> list[tuple[str, str]]:
    """The tune or the held-out half of a list."""
    return [p for k, p in enumerate(pairs) if (k % HELD_OUT == HELD_OUT - 1) == held_out]
