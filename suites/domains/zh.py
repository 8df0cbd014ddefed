"""Chinese versions of the five seed domains (zh-ecommerce, zh-travel, zh-news, zh-finance, zh-education).

A Chinese domain reuses its English domain's attributes, canonical values and
sampler, so attribute labels, value distributions and the faithfulness checks
are the same; only what is written changes: Chinese surface forms (the first
is the display form; "~" marks a form only recognised, never written), phrase
patterns, profiles, item titles and the reference sentence patterns. The
lexicon of a Chinese domain maps every Chinese form to the English canonical
value ("游泳池" -> "pool").
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Mapping

from suites.domains import ecommerce, education, finance, news, travel
from suites.domains.base import AttrSpec, DomainSpec, pick


@dataclass(frozen=True)
class ZhAttr:
    """The Chinese writing of one attribute: forms per canonical value ("显示形式|其他形式|~仅识别")."""

    forms: Mapping[str, str] = field(default_factory=dict)  # empty for a numeric attribute
    phrases: tuple[str, ...] = ("{s}",)
    profile: str = ""
    profile_false: str = ""
    want: str = "{v}"


# Reference sentence patterns. Slots: {title}, {noun} (measure word + noun: 款产品), {verb}, {feats}.
TEMPLATES: tuple[str, ...] = (
    "根据您的兴趣和偏好，推荐{title}，这{noun}{verb}{feats}。",
    "根据您的历史记录，我们为您推荐{title}，因为它{verb}{feats}。",
    "推荐{title}：{feats}，正符合您的需求。",
    "您一直关注{feats}，{title}恰好{verb}这些。",
    "{title}{verb}{feats}，很适合您。",
    "如果您看重{feats}，{title}值得一试。",
    "考虑到您对{feats}的偏好，{title}是不错的选择。",
    "我们为您挑选了{title}，它{verb}{feats}。",
    "{title}的亮点在于{feats}，与您的喜好十分契合。",
    "和您口味相近的用户都喜欢{title}，它{verb}{feats}。",
    "想要{feats}？不妨试试{title}。",
    "为您推荐{title}，主要是因为{feats}。",
    "结合您过去的选择，{title}{verb}{feats}，值得考虑。",
    "{title}兼顾{feats}，符合您的偏好。",
    "根据您的需求，推荐{title}。这{noun}{verb}{feats}。",
    "您可能会喜欢{title}，因为它{verb}{feats}。",
    "{feats}——这就是我们推荐{title}的原因。",
    "在同类选择中，{title}{verb}{feats}，最贴合您的要求。",
)
EXTRAS: tuple[str, ...] = (
    "此外，它还{verb}{extra}。",
    "另外，{extra}也是一大亮点。",
    "{title}还{verb}{extra}。",
    "值得一提的是，它还{verb}{extra}。",
    "同时，您还能享受{extra}。",
)
GENDER = {"female": "女", "male": "男", "non-binary": "非二元"}
DEMOGRAPHIC_KEYS = {"age_group": "年龄段", "gender": "性别"}


def join(parts: list[str], rng: random.Random) -> str:
    """Join noun phrases with a varied Chinese connector (、 between all but the last two)."""
    if len(parts) == 1:
        return parts[0]
    head = "、".join(parts[:-1])
    if len(parts) == 2:
        return rng.choice((f"{head}和{parts[-1]}", f"{head}以及{parts[-1]}", f"{head}与{parts[-1]}", f"{head}，还有{parts[-1]}"))
    return rng.choice((f"{head}和{parts[-1]}", f"{head}以及{parts[-1]}"))


def join_values(values: list[str]) -> str:
    return "、".join(values)


def demographics_text(demo: Mapping[str, str]) -> str:
    return "；".join(f"{DEMOGRAPHIC_KEYS.get(k, k)}：{GENDER.get(v, v)}" for k, v in demo.items())


def _attr(en: AttrSpec, zh: ZhAttr) -> AttrSpec:
    if en.kind == "num":
        return replace(en, profile=zh.profile)
    values = {v: tuple(zh.forms[v].split("|")) for v in en.values}
    return replace(en, values=values, phrases=zh.phrases, profile=zh.profile, profile_false=zh.profile_false, want=zh.want)


def zh_domain(en: DomainSpec, attrs: Mapping[str, ZhAttr], title: Callable[[random.Random, Mapping[str, Any]], str],
              nouns: tuple[str, ...], verbs: tuple[str, ...], description: str) -> DomainSpec:
    """The Chinese twin of an English domain: same attributes, values, sampler and sizes."""
    return replace(
        en, name=f"zh-{en.name}", attrs=tuple(_attr(a, attrs[a.name]) for a in en.attrs), title=title,
        nouns=nouns, verbs=verbs, templates=(), lang="zh", description=description,
    )


def display(spec: DomainSpec, attr: str, value: str) -> str:
    """The written (first) Chinese form of a canonical value."""
    return spec.attr[attr].gen_forms(value)[0]


# --- e-commerce -------------------------------------------------------------------------------
ECOMMERCE = {
    "category": ZhAttr({
        "headphones": "耳机|头戴式耳机|~耳麦", "laptop": "笔记本电脑|轻薄本|~手提电脑", "smartwatch": "智能手表|~手表",
        "portable speaker": "便携音箱|蓝牙音箱|~音箱", "e-reader": "电子书阅读器|电纸书|~阅读器", "coffee maker": "咖啡机|~咖啡壶",
        "blender": "搅拌机|破壁机|~料理机", "kettle": "电热水壶|烧水壶|~水壶", "running shoes": "跑鞋|跑步鞋",
        "backpack": "双肩包|背包", "yoga mat": "瑜伽垫", "water bottle": "运动水杯|水瓶|~水杯", "desk lamp": "台灯",
        "office chair": "办公椅|~电脑椅"},
        ("{s}", "您一直在找的{s}", "适合您需求的{s}"), "品类：{v}。", want="{v}"),
    "brand": ZhAttr({b: b for b in ecommerce.A["brand"].values}, ("{s}品牌", "{s}的设计", "{s}的做工"), "品牌：{v}。", want="{v}品牌"),
    "price_tier": ZhAttr({"budget": "平价|实惠|~便宜|~低价|~经济实惠", "mid-range": "中档|~中等价位|~价格适中",
                          "premium": "高端|高档|~奢华"}, ("{s}定价", "{s}价位"), "价格档次：{v}。", want="{v}价位"),
    "price": ZhAttr(profile="价格：¥{v}。"),
    "rating": ZhAttr(profile="平均评分{v}分（满分5分），"),
    "reviews": ZhAttr(profile="共{v}条评价。"),
    "color": ZhAttr({"black": "黑色|哑光黑|~纯黑", "white": "白色|~米白", "silver": "银色", "grey": "灰色|~深灰",
                     "blue": "蓝色|海军蓝|~藏青", "red": "红色", "green": "绿色|橄榄绿"}, ("{s}外观", "{s}配色"), "颜色：{v}。", want="{v}款"),
    "material": ZhAttr({"aluminium": "铝合金|~铝制", "recycled plastic": "再生塑料|~环保塑料", "fabric": "织物|布料|~面料",
                        "stainless steel": "不锈钢", "glass": "玻璃", "rubber": "橡胶", "bamboo": "竹制|~竹子", "leather": "皮革|真皮|~皮质"},
                       ("{s}材质", "{s}做工"), "材质：{v}。"),
    "features": ZhAttr({
        "wireless": "无线连接|无线设计|~无线|~无绳", "noise cancelling": "主动降噪|降噪功能|~降噪",
        "long battery life": "超长续航|持久续航|~长续航", "fast charging": "快充|快速充电", "waterproof": "防水性能|防水|~防泼溅",
        "lightweight": "轻量化设计|轻巧|~轻便", "compact": "小巧的体积|紧凑设计|~紧凑|~小巧", "dishwasher-safe": "可放入洗碗机|~可用洗碗机清洗",
        "programmable": "定时预约|可编程设置|~可编程|~预约功能", "easy to clean": "易清洗|清洗方便", "energy efficient": "节能设计|节能|~省电",
        "quiet": "静音运行|低噪音|~静音", "breathable": "透气面料|透气|~透气性", "cushioned": "出色的缓震|缓震|~缓冲",
        "non-slip": "防滑设计|防滑|~防滑表面", "insulated": "双层保温|保温|~隔热", "eco-friendly": "环保材料|可持续材料|~环保",
        "adjustable": "可调节高度|可调节|~可调", "ergonomic": "人体工学设计|~人体工学", "dimmable": "亮度可调|可调光|~调光",
        "lumbar support": "腰部支撑|~护腰"},
        profile="特点：{v}。", want="{v}的产品"),
    "free_shipping": ZhAttr({"free shipping": "包邮|免运费|~免费配送"}, profile="包邮。", want="{v}"),
    "warranty_years": ZhAttr(profile="保修{v}年。"),
}
SERIES = ("Aero", "Nova", "Pulse", "Core", "Flex", "Prime", "Edge", "Zen", "One", "Air", "Pro", "Vista", "Orbit", "Arc")


def _ecommerce_title(rng: random.Random, attrs: Mapping[str, Any]) -> str:
    return f"{attrs['brand']} {pick(rng, SERIES)}{ECOMMERCE['category'].forms[attrs['category']].split('|')[0]}"


# --- travel ----------------------------------------------------------------------------------
TRAVEL = {
    "property_type": ZhAttr({"hotel": "酒店|宾馆", "hostel": "青年旅舍|~青旅", "resort": "度假村", "guesthouse": "民宿|客栈|~家庭旅馆",
                             "apartment": "酒店式公寓|公寓", "villa": "别墅|度假别墅", "lodge": "山林小屋|木屋|~小屋"},
                            ("{s}的入住体验", "{s}般的舒适", "{s}的氛围"), "住宿类型：{v}。", want="{v}"),
    "setting": ZhAttr({"city centre": "市中心|~城市中心|~市区", "beachfront": "海滨|海边|~海景", "mountain": "山间|山区|~山景",
                       "countryside": "乡村|田园", "lakeside": "湖畔|湖边", "airport": "机场附近|临近机场|~机场"},
                      ("{s}的位置", "{s}的环境", "{s}的地段"), "位于{v}。", want="{v}的住处"),
    "price_tier": ZhAttr({"budget": "经济实惠|平价|~便宜|~实惠", "mid-range": "中档|~中等价位|~价格适中", "luxury": "豪华|奢华|高端|~高档"},
                         ("{s}的价格", "{s}的房价"), "价格档次：{v}。", want="{v}的价格"),
    "price": ZhAttr(profile="每晚¥{v}起。"),
    "star_rating": ZhAttr(profile="{v}星级。"),
    "guest_rating": ZhAttr(profile="住客评分{v}分（满分10分）。"),
    "amenities": ZhAttr({
        "pool": "游泳池|泳池|~室外泳池", "spa": "水疗中心|~SPA|~水疗", "gym": "健身房|健身中心", "free wi-fi": "免费无线网络|~免费WiFi|~免费上网",
        "free breakfast": "免费早餐|含早餐", "parking": "停车场|停车位|~停车", "restaurant": "餐厅|~自助餐厅", "bar": "酒吧|酒廊",
        "shuttle": "接驳车|班车服务|~接送服务|~机场接送", "kids club": "儿童俱乐部|亲子乐园", "sauna": "桑拿|~桑拿房",
        "rooftop terrace": "屋顶露台|~天台", "ev charging": "电动汽车充电桩|充电桩|~新能源车充电", "laundry": "洗衣服务|洗衣房"},
        profile="设施：{v}。", want="{v}"),
    "suitable_for": ZhAttr({"families": "家庭|亲子家庭|~家庭出游|~亲子", "couples": "情侣|~夫妻", "business travellers": "商务旅客|商务人士|~商务出行",
                            "solo travellers": "独自旅行者|独行旅客|~独自出行", "groups": "朋友结伴|团体|~结伴出行"},
                           ("适合{s}的设施", "对{s}的热情接待", "适合{s}的客房"), "适合{v}。", want="适合{v}的住处"),
    "free_cancellation": ZhAttr({"free cancellation": "免费取消|灵活退订|~可免费取消"}, profile="支持免费取消。", want="{v}"),
    "pet_friendly": ZhAttr({"pet-friendly": "宠物友好|可携带宠物|~欢迎宠物"}, profile="可携带宠物入住。", want="{v}的客房"),
}
NAME1 = ("枫叶", "港湾", "雪松", "椴树", "琥珀", "垂柳", "杜松", "红木", "北门", "珊瑚", "常春藤", "极光", "花岗",
         "橡树岭", "蓝铃", "猎鹰", "苍鹭", "兰花", "银辉", "山楂", "飞燕草", "青石", "云栖", "松涛", "听澜")
NAME2 = ("雅居", "庭院", "花园", "岬角", "山庄", "广场", "公馆", "小院", "水岸", "街区", "里巷", "庄园")
TRAVEL_TYPE = {"hotel": "酒店", "hostel": "青年旅舍", "resort": "度假村", "guesthouse": "民宿", "apartment": "公寓", "villa": "别墅", "lodge": "山居"}


def _travel_title(rng: random.Random, attrs: Mapping[str, Any]) -> str:
    return f"{pick(rng, NAME1)}{pick(rng, NAME2)}{TRAVEL_TYPE[attrs['property_type']]}"


# --- news ------------------------------------------------------------------------------------
NEWS = {
    "topic": ZhAttr({"politics": "时政|政治|~政治新闻", "technology": "科技|~技术", "science": "科学|~科研", "business": "财经|商业|~商业新闻",
                     "sports": "体育|~运动", "health": "健康|~医疗健康", "culture": "文化|文艺|~艺术", "climate": "气候|环境|~气候变化",
                     "world affairs": "国际事务|国际时事|~全球事务"},
                    ("{s}报道", "对{s}的关注", "{s}领域的报道"), "栏目：{v}。", want="{v}"),
    "tags": ZhAttr({
        "elections": "选举|~大选", "legislation": "立法|新法规", "diplomacy": "外交|~外交关系", "artificial intelligence": "人工智能|~AI",
        "cybersecurity": "网络安全|~信息安全", "smartphones": "智能手机|~手机", "startups": "初创企业|创业公司|~创业",
        "space exploration": "太空探索|航天任务|~航天", "genetics": "基因研究|遗传学|~基因", "physics": "物理学|~物理",
        "markets": "金融市场|市场|~股市", "interest rates": "利率|~加息", "retail": "零售业|零售", "football": "足球", "tennis": "网球",
        "the Olympics": "奥运会|~奥运", "vaccines": "疫苗|疫苗接种", "nutrition": "营养|健康饮食", "mental health": "心理健康",
        "cinema": "电影|~影视", "books": "图书|文学|~书籍", "music": "音乐|~音乐人", "renewable energy": "可再生能源|清洁能源",
        "wildfires": "山火|~野火", "biodiversity": "生物多样性", "migration": "移民|~人口迁移", "trade": "贸易|贸易协定"},
        ("{s}", "关于{s}的报道", "{s}相关的新闻"), "标签：{v}。", want="关于{v}的新闻"),
    "format": ZhAttr({"analysis": "深度分析|分析文章|~深度解读", "explainer": "通俗解读|解读文章|~科普", "interview": "专访|访谈|~问答",
                      "opinion": "评论文章|观点文章|~社论", "breaking news": "突发新闻|快讯", "feature": "特稿|专题报道",
                      "live blog": "实时直播|滚动更新|~直播"},
                     ("{s}", "一篇{s}"), "体裁：{v}。", want="{v}类文章"),
    "source": ZhAttr({"The Daily Ledger": "每日纪事报", "Metro Courier": "都市信使报", "Northern Gazette": "北方公报",
                      "The Civic Post": "市民邮报", "Harbour Times": "港湾时报", "Summit Dispatch": "峰顶快报",
                      "The Evening Record": "晚间记录报", "Riverside Herald": "河畔先驱报"},
                     ("来自{s}的报道", "{s}的专业新闻水准"), "来源：{v}。", want="{v}"),
    "region": ZhAttr({"local": "本地", "national": "国内|~全国", "international": "国际|全球", "European": "欧洲", "Asian": "亚洲",
                      "African": "非洲", "Latin American": "拉丁美洲|拉美"},
                     ("{s}视角", "对{s}的聚焦", "{s}角度"), "地区：{v}。", want="{v}新闻"),
    "length": ZhAttr({"short read": "短篇|快速阅读|~简短", "medium-length read": "中等篇幅|~中篇", "long read": "长文|长篇阅读|~长篇"},
                     ("{s}", "{s}的篇幅"), "篇幅：{v}。", want="{v}"),
    "reading_minutes": ZhAttr(profile="阅读时长约{v}分钟。"),
    "free_to_read": ZhAttr({"free to read": "免费阅读|无付费墙|~免费"}, profile="可免费阅读。", want="可{v}的文章"),
    "has_video": ZhAttr({"video": "视频|视频画面|内嵌视频"}, profile="含视频。", want="带{v}的报道"),
}
OPENERS = ("聚焦", "幕后：", "为何重要：", "来龙去脉：", "一文读懂", "本周回顾：", "细看", "重新审视", "追问", "札记：", "启示：")
SUBJECTS = ("城市预算", "港口项目", "新规", "北方计划", "漫长寒冬", "河流协议", "一次悄然的投票", "大桥谈判", "春季评估",
            "重建工程", "议会决定", "夏季激增", "隐性成本", "下一个十年", "转折点")


def _news_title(rng: random.Random, attrs: Mapping[str, Any]) -> str:
    return f"{pick(rng, OPENERS)}{pick(rng, SUBJECTS)}"


# --- finance ---------------------------------------------------------------------------------
FINANCE = {
    "product_type": ZhAttr({"savings account": "储蓄账户|活期储蓄|~储蓄", "fixed-term deposit": "定期存款|~定存",
                            "money market fund": "货币市场基金|货币基金", "government bond fund": "国债基金|政府债券基金",
                            "corporate bond fund": "企业债基金|公司债券基金|~信用债基金", "index fund": "指数基金|~ETF",
                            "equity fund": "股票型基金|股票基金|~偏股基金", "pension plan": "养老金计划|养老计划|~养老金"},
                           ("{s}简单清晰的结构", "{s}熟悉的产品结构"), "产品类型：{v}。", want="{v}"),
    "provider": ZhAttr({"Alder Capital": "桤木资本", "Northway Bank": "北道银行", "Crescent Investments": "新月投资",
                        "Harbourline Mutual": "港线互助", "Summit Vale Funds": "峰谷基金", "Kestrel Trust": "红隼信托"},
                       ("{s}的专业管理", "{s}旗下的产品"), "提供方：{v}。"),
    "risk_level": ZhAttr({"low risk": "较低的风险|低风险水平|稳健的投资风格|~低风险|~稳健型|~风险较低|~保守型",
                          "medium risk": "适中的风险|中等风险水平|平衡的投资风格|~中等风险|~中风险|~平衡型|~风险适中",
                          "high risk": "较高的风险|高风险水平|进取的投资风格|~高风险|~进取型|~风险较高|~激进型"},
                         profile="风险等级：{v}。", want="{v}"),
    "fee_level": ZhAttr({"no fees": "零费用|免管理费|~无费用|~不收费", "low fees": "低费率|费用低廉|~低费用",
                         "standard fees": "标准费率|~普通费率", "high fees": "较高的费率|~高费率|~高费用"},
                        profile="费用：{v}。", want="{v}"),
    "annual_fee_pct": ZhAttr(profile="年费率：{v}%。"),
    "expected_return_pct": ZhAttr(profile="预期年化收益：{v}%，不作保证。"),
    "min_investment": ZhAttr(profile="起投金额：¥{v}。"),
    "capital_guaranteed": ZhAttr({"capital guaranteed": "本金保障|保本|~保证本金|~本金有保障"},
                                 profile="受存款保险保障，本金安全。", profile_false="本金有风险：产品净值可能下跌。", want="{v}"),
    "access": ZhAttr({"instant access": "随时存取|灵活存取|~随存随取", "notice period": "提前通知支取|~通知存款",
                      "daily dealing": "每日申赎|~每日交易", "locked": "锁定期|封闭期|~锁定"}, profile="流动性：{v}。", want="{v}"),
    "horizon": ZhAttr({"short term": "短期投资期限|短期目标|~短期", "medium term": "中期投资期限|中期目标|~中期",
                       "long term": "长期投资期限|长期目标|~长期"}, profile="建议投资期限：{v}。", want="{v}"),
    "esg": ZhAttr({"ESG": "ESG投资理念|可持续投资|~绿色投资"}, profile="遵循ESG筛选政策。", want="{v}"),
    "tax_advantaged": ZhAttr({"tax advantages": "税收优惠|税收减免|~免税|~节税"}, profile="可享受税收优惠。", want="{v}"),
}
FINANCE_SERIES = ("精选", "核心", "经典", "安心", "传承", "基石", "臻选", "恒久")


def _finance_title(rng: random.Random, attrs: Mapping[str, Any]) -> str:
    provider = FINANCE["provider"].forms[attrs["provider"]]
    return f"{provider}{pick(rng, FINANCE_SERIES)}{FINANCE['product_type'].forms[attrs['product_type']].split('|')[0]}"


# --- education -------------------------------------------------------------------------------
EDUCATION = {
    "subject": ZhAttr({"data science": "数据科学", "programming": "编程|程序设计|~软件开发", "web design": "网页设计",
                       "digital marketing": "数字营销|网络营销", "photography": "摄影", "statistics": "统计学|~统计",
                       "project management": "项目管理", "creative writing": "创意写作", "accounting": "会计|~会计学",
                       "graphic design": "平面设计"},
                      ("{s}", "{s}方向的内容", "对{s}的专注"), "学科：{v}。", want="{v}"),
    "skills": ZhAttr({
        "Python": "Python", "machine learning": "机器学习", "data visualisation": "数据可视化", "SQL": "SQL",
        "JavaScript": "JavaScript", "algorithms": "算法", "software testing": "软件测试", "HTML and CSS": "HTML和CSS|~HTML|~CSS",
        "user experience": "用户体验|~UX设计|~UX", "responsive layouts": "响应式布局", "search engine optimisation": "搜索引擎优化|~SEO",
        "social media strategy": "社交媒体策略", "analytics": "数据分析|~网站分析", "lighting": "布光|~灯光", "photo editing": "照片编辑|修图|~后期",
        "composition": "构图", "probability": "概率论|~概率", "regression": "回归分析|~回归", "hypothesis testing": "假设检验",
        "agile methods": "敏捷方法|~敏捷开发", "budgeting": "预算编制|预算管理", "team leadership": "团队领导力|~团队管理",
        "storytelling": "叙事技巧|讲故事", "editing": "文字编辑|~编辑", "poetry": "诗歌", "bookkeeping": "记账|簿记",
        "financial statements": "财务报表", "spreadsheets": "电子表格|~Excel", "typography": "字体排印|~排版", "illustration": "插画",
        "branding": "品牌塑造|~品牌设计"},
        ("{s}实战练习", "{s}的实践", "{s}"), "涵盖技能：{v}。", want="{v}"),
    "level": ZhAttr({"beginner": "入门级内容|零基础入门|~入门级|~初学者|~入门", "intermediate": "中级水平|~中级|~进阶",
                     "advanced": "高级内容|~高级|~专家级"}, profile="难度：{v}。", want="{v}课程"),
    "format": ZhAttr({"self-paced": "自定进度|随时点播的课程|~录播|~点播", "live online": "在线直播课|~直播课|~线上直播",
                      "in-person": "线下面授|课堂教学|~面授|~线下", "blended": "线上线下混合教学|混合式教学|~混合式"},
                     profile="形式：{v}。", want="{v}的课程"),
    "fee_band": ZhAttr({"free": "免费报名|无需学费|~免费", "low cost": "学费实惠|费用低廉|~低价|~实惠", "premium": "高端收费|~高价"},
                       profile="收费档次：{v}。", want="{v}的课程"),
    "fee": ZhAttr(profile="学费：¥{v}。"),
    "duration_weeks": ZhAttr(profile="课程时长{v}周，"),
    "hours_per_week": ZhAttr(profile="每周约{v}小时。"),
    "rating": ZhAttr(profile="学员评分{v}分（满分5分）。"),
    "language": ZhAttr({"English": "英语|~英文", "Spanish": "西班牙语", "French": "法语", "German": "德语", "Portuguese": "葡萄牙语",
                        "Mandarin": "普通话|~中文|~汉语"}, ("{s}授课", "{s}教学"), "授课语言：{v}。", want="{v}授课的课程"),
    "provider": ZhAttr({"Northfield Academy": "北原学院", "Brightpath Institute": "明途学院", "Cedar Hill College": "雪松山学院",
                        "Open Harbor School": "开港学校", "Lakeview Learning": "湖景学堂", "Meridian University": "子午大学"},
                       ("{s}的教学", "{s}开设的课程"), "开课机构：{v}。"),
    "certificate": ZhAttr({"certificate": "结业证书|证书|~认证"}, profile="完成后颁发结业证书。", want="{v}"),
    "accredited": ZhAttr({"accreditation": "学分认证|大学学分|~可获学分|~学历认证"}, profile="课程可获得学分认证。", want="{v}"),
}
EDU_SUFFIX = ("精要", "实战", "工作坊", "训练营", "工作室", "实验室", "工具箱", "基础")


def _education_title(rng: random.Random, attrs: Mapping[str, Any]) -> str:
    return f"{EDUCATION['subject'].forms[attrs['subject']].split('|')[0]}{pick(rng, EDU_SUFFIX)}"


SPECS: tuple[DomainSpec, ...] = (
    zh_domain(ecommerce.SPEC, ECOMMERCE, _ecommerce_title, ("款产品", "件商品", "款好物"), ("具有", "拥有", "配备", "提供", "兼具"),
              "Generated consumer products in Chinese (train 2000 / valid 200 / test 500)"),
    zh_domain(travel.SPEC, TRAVEL, _travel_title, ("处住所", "个住处", "个选择"), ("提供", "拥有", "配有", "具备", "设有"),
              "Generated hotels and places to stay in Chinese (train 2000 / valid 200 / test 500)"),
    zh_domain(news.SPEC, NEWS, _news_title, ("篇文章", "则报道", "篇稿件"), ("提供", "带来", "包含", "呈现"),
              "Generated news articles in Chinese (train 2000 / valid 200 / test 500)"),
    zh_domain(finance.SPEC, FINANCE, _finance_title, ("款产品", "个选择"), ("具有", "提供", "具备", "拥有"),
              "Generated savings and investment products in Chinese, held-out domain (test 500)"),
    zh_domain(education.SPEC, EDUCATION, _education_title, ("门课程", "个项目", "个选择"), ("提供", "涵盖", "包含", "带来"),
              "Generated courses in Chinese, held-out domain (test 500)"),
)
