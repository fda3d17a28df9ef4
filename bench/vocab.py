"""Word lists for the synthetic prose of the benchmark (typed for the project).

Plain modern Simplified Chinese on everyday public topics.  The lists are
deliberately heavy in common function characters (的, 了, 是, 在, 和) so that
short k-grams recur all over a generated text, as they do in real prose.
"""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


NOUNS: tuple[str, ...] = _words(
    """
    经济 社会 文化 历史 科学 技术 教育 农民 工人 学生 老师 城市 乡村 政府 市场 企业
    工厂 学校 医院 图书馆 博物馆 河流 山脉 森林 土地 粮食 水稻 小麦 铁路 公路 桥梁 港口
    机场 语言 文字 书籍 报纸 杂志 诗歌 小说 戏剧 音乐 绘画 书法 传统 制度 法律 规则
    政策 计划 方案 问题 困难 机会 挑战 成果 经验 教训 意见 建议 思想 观念 精神 品质
    责任 义务 权利 利益 价格 成本 收入 资金 投资 贸易 产品 质量 数量 速度 效率 能源
    环境 气候 资源 人口 家庭 孩子 父母 朋友 邻居 代表 专家 学者 作者 读者 记者 编辑
    群众 青年 老人 妇女 医生 工程师 科学家 实验 数据 模型 网络 电脑 手机 软件 系统
    平台 项目 工程 会议 报告 文件 档案 材料 方法 原则 目标 方向 道路 基础 条件 水平
    能力 作用 关系 结构 过程 阶段 时期 时代 世纪 地区 国家 世界 村庄 街道 广场 园林
    版本 文本 抄本 刻本 底本 校记 字句 段落 标点 注释 目录 序言 书院 学派 先生 弟子
    """
)

VERBS: tuple[str, ...] = _words(
    """
    发展 建设 改革 推动 促进 提高 加强 完善 保护 利用 研究 讨论 分析 解决 处理 管理
    组织 参加 举行 召开 提出 发现 发表 出版 编写 修订 整理 收集 记录 介绍 说明 解释
    支持 反对 批评 接受 拒绝 承担 完成 实现 开始 结束 继续 坚持 改变 决定 选择 建立
    设立 扩大 减少 增加 降低 培养 学习 阅读 翻译 校对 比较 检查 调查 观察 访问 参观
    欢迎 感谢 帮助 关心 注意 重视 遵守 守护 传承 继承 吸收 借鉴 引进 推广 普及 恢复
    保存 修复 考证 抄写 刊印 评论 讲授 总结
    """
)

ADJECTIVES: tuple[str, ...] = _words(
    """
    重要 主要 基本 传统 现代 新 旧 大 小 高 长 好 美丽 古老 年轻 复杂 简单 困难 容易
    丰富 广泛 深刻 明显 清楚 具体 普通 特殊 独特 完整 准确 严格 公平 合理 有效 积极
    稳定 安全 健康 热闹 安静 繁荣 先进 优秀 一般 详细 可靠 珍贵 朴素 宝贵
    """
)

ADVERBS: tuple[str, ...] = _words(
    """
    已经 正在 一直 始终 逐渐 不断 进一步 认真 努力 充分 往往 常常 曾经 终于 仍然
    也 都 还 又 再 就 才 非常 十分 比较 更加 特别 尤其 共同 深入
    """
)

CONNECTIVES: tuple[str, ...] = _words(
    """
    因此 所以 但是 然而 而且 同时 此外 另外 总之 首先 其次 最后 例如 比如 事实上
    一方面 另一方面 与此同时 换句话说 不过 于是 可见 显然 当然 据说 据统计 据报道
    """
)

TIMES: tuple[str, ...] = _words(
    """
    去年 今年 明年 近年来 过去十年 上个世纪 清朝末年 民国初年 春天 秋天 冬天 每天早上
    当时 后来 从前 最近 目前 那一年 第二天 很多年以前
    """
)

PLACES: tuple[str, ...] = _words(
    """
    北京 上海 广州 南京 杭州 西安 成都 长沙 武汉 苏州 江南 华北 西北 东南 黄河 长江
    太湖 泰山 洞庭湖 岭南 关中 江西 山东 福建
    """
)

PEOPLE: tuple[str, ...] = _words(
    """
    张先生 李老师 王教授 刘女士 陈老 赵主任 孙大夫 周同学 吴师傅 郑先生 他 她 我们
    他们 大家 人们 有人 许多人 这位学者 那位编辑
    """
)

NUMERALS: tuple[str, ...] = _words("一 两 三 四 五 六 七 八 九 十 几 数百 上千 许多 不少 大量")

MEASURES: tuple[str, ...] = _words("个 位 本 条 座 家 项 次 种 份 篇 所 部 批")

ACRONYMS: tuple[str, ...] = ("GDP", "AI", "WTO", "CPU", "NBA", "PDF", "OCR", "IT", "CEO", "UN")

SAYING_VERBS: tuple[str, ...] = _words("认为 指出 强调 表示 说 写道 回忆说 感叹道")

PLACE_NOUNS: tuple[str, ...] = _words("中 上 里 内 外 之间 以来 方面")

QUESTION_ENDS: tuple[str, ...] = ("吗", "呢", "吧")

# Characters used for substitutions and insertions: common Simplified
# characters whose Traditional round trip is the identity (checked at use).
EDIT_CHARS: str = (
    "的一是了不在人有我他这中大来上个国到说们为子和你地出道也时年得就那要下以生会自着"
    "去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主"
    "行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二"
    "理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走"
    "电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市"
    "眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提"
)
