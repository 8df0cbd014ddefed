"""Chinese text noise: the helpers typo and unicode use on Chinese examples, and `traditional`.

Chinese has no keyboard typos in the English sense: an input-method slip
picks a homophone (同音字, the same pinyin: 在/再) or a misread character
looks alike (形近字: 己/已). `typo` swaps Han characters for such confusables
from a hand-made table (common characters of profiles and explanations).
`width_noise` is the Chinese counterpart of the Unicode noise: full-width
Latin letters and digits, half-width punctuation instead of Chinese
punctuation. `traditional` converts to traditional characters with zhconv
(its packaged conversion table, offline).
"""
from __future__ import annotations

import random

import zhconv

from benchmark.lang import HAN
from benchmark.schema import Example
from benchmark.suite import Suite
from suites.perturb.base import Perturbation, perturbation
from suites.perturb.edits import profiles

# character -> confusables (homophones first, then look-alikes); one-way entries where the reverse
# would be an unusual character
CONFUSABLE: dict[str, str] = {
    "的": "地得", "地": "的得", "得": "的地", "在": "再", "再": "在", "做": "作", "作": "做", "那": "哪", "以": "已",
    "已": "己以", "己": "已", "未": "末", "末": "未", "象": "像向", "像": "象向", "座": "坐", "坐": "座", "带": "戴",
    "即": "既", "既": "即", "须": "需", "需": "须", "历": "厉力", "适": "是式", "合": "和何", "和": "合何", "议": "意义",
    "意": "议义", "价": "架", "格": "隔", "店": "电点", "酒": "久", "荐": "见件", "设": "社射", "施": "师时", "免": "面勉",
    "费": "废非", "餐": "参", "厅": "听停", "游": "由油", "泳": "永勇", "池": "驰持", "早": "找造", "健": "建", "身": "深伸",
    "房": "防访", "课": "客刻", "程": "成城", "学": "雪", "习": "系喜", "风": "封丰", "险": "显现", "投": "头", "资": "姿滋",
    "基": "机鸡", "金": "今斤", "品": "拼", "质": "治制", "量": "亮两", "新": "心信", "闻": "文问", "报": "抱宝", "道": "到倒",
    "科": "可", "技": "计记", "济": "计际", "国": "过果", "体": "题", "育": "于鱼", "化": "话画", "经": "精京", "营": "赢迎",
    "销": "消", "售": "受寿", "实": "时事", "惠": "会汇", "务": "物误", "商": "伤上", "高": "搞告", "端": "短断", "档": "当挡",
    "低": "底", "平": "评瓶", "容": "荣融", "易": "义意", "懂": "董动", "初": "出除", "者": "着这", "推": "退",
    "户": "护互", "偏": "篇片", "好": "号", "趣": "去取", "预": "遇域", "算": "蒜", "城": "程成", "市": "是事", "景": "境井",
    "优": "忧", "美": "每没", "旅": "铝", "完": "玩晚", "善": "扇", "稳": "吻", "定": "订顶", "增": "曾", "长": "场常",
    "潜": "浅", "力": "历立", "较": "交叫", "人": "入", "入": "人", "大": "太", "太": "大", "天": "夭",
    "白": "百", "百": "白", "日": "曰", "土": "士", "士": "土", "千": "干", "干": "千", "王": "玉", "玉": "王",
}
_TO_HALF = str.maketrans({"，": ",", "。": ".", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?", "、": ","})


def typo(text: str, rng: random.Random, p: float = 0.1) -> str:
    """Each Han character with a confusable becomes one with probability p (at least one when
    any can), so that a variant always differs."""
    spots = [m.start() for m in HAN.finditer(text) if m.group() in CONFUSABLE]
    if not spots:
        return text
    chosen = [i for i in spots if rng.random() < p] or [rng.choice(spots)]
    chars = list(text)
    for i in chosen:
        chars[i] = rng.choice(CONFUSABLE[chars[i]])
    return "".join(chars)


def width_noise(text: str, rng: random.Random) -> str:
    """Half-width punctuation for about half the texts, and full-width ASCII letters and digits
    for the rest (NFKC undoes the latter, not the former's loss of 。/、 distinctions)."""
    if rng.random() < 0.5 and text.translate(_TO_HALF) != text:
        return text.translate(_TO_HALF)
    widened = "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in text)
    return widened if widened != text else text.translate(_TO_HALF)


def traditional(text: str) -> str:
    """The text in traditional characters (zhconv, zh-hant)."""
    return zhconv.convert(text, "zh-hant")


@perturbation
class Traditional(Perturbation):
    """Traditional characters: the profiles and history of a Chinese example in traditional script (zhconv)."""

    name = "traditional"
    kind = "noise"

    def apply(self, example: Example, rng: random.Random, suite: Suite) -> Example | None:
        if example.language != "zh":
            return None
        return profiles(lambda t, r: traditional(t), example, rng, history=True)
