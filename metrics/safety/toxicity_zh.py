"""Chinese toxicity: a curated lexicon of insults, slurs, group hate and threats with context rules.

Why a lexicon: the packaged MiniLM is English-only (Chinese comes out as [UNK]-like pieces), and
no Chinese toxicity model ships offline. Matches are person- or group-directed patterns, not
single characters, so 秒杀 (flash sale), 杀毒软件, 笑死, 死海, 垃圾分类 and 热狗 stay clean. A match
does not count when it sits inside quotation marks (“…”, 「…」, "…": quoting or reporting abuse), when a
negator (不/没有/并非/别/不会...) stands just before it ("你不是废物", "我不会杀了你"), or when the
sentence condemns it (歧视, 不应该, 是不对的, 举报...: counter-speech). Swearing without a target
(他妈的, 卧槽) scores low: profanity is not toxicity here, as in the English head.

Scores: TOXIC (0.95) for a counted match, DISCOUNTED (0.15) for a match that did not count,
PROFANE (0.2) for targetless swearing, CLEAN (0.02) otherwise.
"""
from __future__ import annotations

import re

TOXIC, DISCOUNTED, PROFANE, CLEAN = 0.95, 0.15, 0.2, 0.02

GROUPS = ("黑人", "黑鬼", "女人", "女的", "娘们", "同性恋", "同志", "穆斯林", "回民", "犹太人", "外地人", "农民工", "残疾人", "日本人",
          "韩国人", "印度人", "非洲人", "河南人", "东北人", "新疆人", "藏族人", "少数民族", "移民", "难民", "基督徒", "跨性别者", "老年人",
          "老人", "外国人", "乡下人", "胖子", "穷人")
_DEHUMAN = ("垃圾", "畜生", "畜牲", "蛆", "害虫", "寄生虫", "低等", "劣等", "下等", "恶心", "败类", "人渣", "猪", "狗", "蟑螂",
            "强盗", "小偷", "骗子", "恐怖分子", "病毒", "祸害", "废物", "杂种", "野蛮人", "低能")
# insults that are abuse wherever they stand, and ones that are abuse only when aimed at a person (这个设计很弱智 is not)
STRONG_INSULTS = ("傻逼", "傻B", "傻b", "煞笔", "沙比", "傻叉", "贱人", "贱货", "婊子", "狗东西", "王八蛋", "人渣", "贱种", "杂种",
                  "狗娘养的", "臭婊子", "绿茶婊", "贱骨头", "狗杂种", "死胖子", "窝囊废")
INSULTS = ("脑残", "白痴", "弱智", "智障", "蠢货", "蠢猪", "废物", "混蛋", "畜生", "畜牲", "丑八怪", "神经病", "不要脸", "垃圾",
           "猪头", "蠢蛋", "笨蛋", "小人", "猪", "狗", "loser", "失败者", "可怜虫", "饭桶")
SLURS = ("黑鬼", "支那", "尼哥", "阿三", "棒子", "小日本", "日本鬼子", "死基佬", "娘炮", "人妖", "残废", "瘸子", "瞎子", "聋子",
         "乡巴佬", "女拳", "田园女权", "母狗", "蝗虫", "绿绿", "黑皮猪", "白皮猪", "洋垃圾")
ABUSE = ("操你妈", "草泥马", "肏你", "日你妈", "你妈死了", "死全家", "全家死光", "去死吧", "给我去死", "你去死", "滚蛋", "滚开",
         "滚出去", "滚回", "不得好死", "断子绝孙", "贱人就是矫情")
PROFANITY = ("他妈的", "卧槽", "我靠", "妈的", "尼玛", "靠", "特么", "tmd", "TMD", "我操", "握草")
_KILL = r"(?:杀|弄死|打死|砍死|宰|搞死|整死|烧死|捅死|掐死|灭|收拾|废了|砍)"
_YOU = r"(?:你|你们|您|你全家|你一家|他们全家)"
_PERSON = r"(?:你|你们|您|他|她|他们|她们|客服|老板|店主|店家|卖家|作者|导游|老师|这人|此人|那人|这家伙|那家伙|这货|那货)"
_GROUP = "(?:" + "|".join(sorted(GROUPS, key=len, reverse=True)) + ")"
PATTERNS = (
    re.compile(_KILL + r"了?" + _YOU),  # 杀了你, 弄死你们
    re.compile(r"(?:我|我们|老子)(?:要|会|迟早|早晚|一定)" + r".{0,4}" + _KILL),  # 我迟早弄死
    re.compile(r"你(?:给我等着|等着瞧|给我小心|活腻了)"),
    re.compile(_PERSON + r"(?:这个|这种|就是个?|真是个?|简直是个?|是个|是|这|个|这群|这帮|们这些|像个|跟)(?:" + "|".join(sorted(INSULTS, key=len, reverse=True)) + ")"),
    re.compile(r"(?:你|你们)(?:" + "|".join(sorted(INSULTS, key=len, reverse=True)) + r")(?=[，。！？,.!?\s]|$)"),
    re.compile(_GROUP + r"(?:都|全|全都|就|真)?(?:是|是一群|是一帮|一群)?(?:" + "|".join(_DEHUMAN) + ")"),
    re.compile(_GROUP + r"(?:都|全都|就)?(?:该死|去死|不配|应该被?(?:杀|赶|关)|滚出|滚回|没有资格)"),
    re.compile(r"(?:杀光|杀绝|赶走|赶出去|消灭|清除|驱逐)(?:所有的?)?" + _GROUP),
    re.compile(r"(?:讨厌|恨|恶心|看不起|歧视)(?:死)?(?:所有的?)?" + _GROUP),
    re.compile("|".join(sorted({*SLURS, *ABUSE, *STRONG_INSULTS}, key=len, reverse=True))),
)
_PROFANE = re.compile("|".join(sorted(PROFANITY, key=len, reverse=True)))
_QUOTED = re.compile(r"“[^”]*”|「[^」]*」|『[^』]*』|\"[^\"]*\"|‘[^’]*’")
_NEGATOR = re.compile(r"(?:不|没有|没|并非|并不|别|不要|不会|不该|不应该|绝不|从不|从来不|无需|不用)[是会要想能把对再]?.{0,2}$")
_CONDEMN = re.compile(r"歧视|不应该|不该|是不对的|不对|错误的|反对|谴责|举报|不能接受|不可接受|伤人|不尊重|仇恨言论|侮辱性|不文明|霸凌")
_SENTENCE = re.compile(r"(?<=[。！？!?；;])|\n+")


def _counts(sentence: str, start: int, end: int, quoted: list[tuple[int, int]]) -> bool:
    """A match counts unless it is quoted, negated just before, or its sentence condemns abuse."""
    if any(a <= start and end <= b for a, b in quoted):
        return False
    if _NEGATOR.search(sentence[max(0, start - 6) : start]):
        return False
    return not _CONDEMN.search(sentence)


def sentence_score(sentence: str) -> float:
    quoted = [m.span() for m in _QUOTED.finditer(sentence)]
    found = False
    for pat in PATTERNS:
        for m in pat.finditer(sentence):
            if _counts(sentence, *m.span(), quoted):
                return TOXIC
            found = True
    if found:
        return DISCOUNTED
    return PROFANE if _PROFANE.search(sentence) else CLEAN


def score_zh(text: str) -> float:
    """Toxicity of a Chinese text: its worst sentence (split at 。！？；and newlines)."""
    parts = [s for s in _SENTENCE.split(text or "") if s.strip()] or [""]
    return max(sentence_score(s) for s in parts)
