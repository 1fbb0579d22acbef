"""The lines of a page as an editor sees them: text, gaps, indentation, heading marks, credits, and the page's habits.

Nothing here decides where an article starts (``indexer.newspaper.segment`` does); this
module only measures. Each ``Line`` knows what it looks like on its own ("short, no end
punctuation", "a dateline", "a photo credit"); ``PageStyle`` knows what the page does
with its body paragraphs (blank lines between them or not, indented or not), so a line
can be compared with the page's own body text rather than with a fixed rule.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from indexer.newspaper.boilerplate import Boilerplate
from indexer.newspaper.pagemeta import header_line, item_meta_line, page_line, source_line
from indexer.newspaper.script import shadow
from indexer.newspaper.bylines import (Credit, author_note_alone, is_role, joined_name, looks_like_name, match_byline,
                                       match_end_credit, match_photo_credit, name_and_note, surnames, unpad)

HEADLINE_MAX = 48  # "开启“科创飞地”招商新模式 河南理工大学科技园入驻深圳天安云谷" is 32 without spaces
EXCLAIM_HEADLINE_MAX = 30  # "这样的好干部，点赞！" is a headline; a long line ending in ！ is a sentence
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HEADING = re.compile(r"^(#{1,6})\s+(\S.*)$")
_CLOSING = "”’」』）)》】〉\"'"
_SENTENCE_END = frozenset("。！？!?…")
# "…等疫情防控点位慰问了和" stops mid-phrase; 了 and 向 may end a headline ("…的“路”通了", "…指明方向")
WRAP_WIDTH_MIN = 20  # a headline is shorter; narrower columns are hard to tell from a page of short briefs
NARROW_WRAP_MIN = 12  # ... so a column 12-19 wide counts only when nearly every line breaking off is that wide
WRAPPED_MANY = 8  # lines of one width, breaking off mid-sentence: a hard-wrapped page even among many short lines
WRAPPED_LINES_MIN = 4  # lines breaking off mid-sentence before a page counts as hard-wrapped
WRAPPED_MIN = 20  # a line the layout wrapped mid-sentence is a full column wide; a headline is shorter
# "刘奇  刘俊臣  信春鹰（女）  钟山  娄勤俭": names set apart by wide spaces, a list, not a headline
_LISTED_NAME = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff·]{1,12})"
                          r"(?:[（(][\u4e00-\u9fff，,]{1,8}[)）])?$")


def name_list(text: str) -> bool:
    """Names set apart by wide spaces, a list and no headline: "刘奇  刘俊臣  信春鹰（女）  钟山  娄勤俭";
    "凝聚人心  凝聚共识  凝聚智慧  凝聚力量" is a headline (names are mostly two or three characters)."""
    if (labelled := _LABELLED_NAMES.match(text.strip())) is not None:  # "解放区：马玉兰 王 涛 吕红霞 宋建华": a unit's names
        names = unpad(labelled.group("names")).split()
        if len(names) >= 2 and all(cjk_count(n) == len(n) and (2 <= len(n) <= 3 or (len(n) == 4 and _two_char_surname(n)))
                                   for n in names) \
                and sum(map(looks_like_name, names)) * 10 >= len(names) * 8:
            return True
    parts = re.split(r"[ \u3000]{2,}", text.strip())
    if len(parts) < 4:
        return False
    found = [m for m in map(_LISTED_NAME.match, parts) if m]
    return len(found) == len(parts) and sum(len(m.group("name")) <= 3 for m in found) * 10 >= len(parts) * 6
def _two_char_surname(name: str) -> bool:
    """"欧阳晓峰", "司马宁宁": a four-character name opens with a two-character surname."""
    return name[:2] in surnames()


_LABELLED_NAMES = re.compile(r"^[\u4e00-\u9fff（）()]{2,14}[:：][ \u3000]*(?P<names>[\u4e00-\u9fff][\u4e00-\u9fff \u3000]{3,})$")
DATE_ALONE = re.compile(r"^(?:\d{4}|[〇零○一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月(?:[\d一二三四五六七八九十]{1,3}日)?$")
# a date with its weekday and at most a paper's or a site's word after it: "2019年10月29日 星期二 新京报",
# "2020年12月03日　星期四　PDF下载"
DATED_LINE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日[\s\u3000]*[(（]?(?:星期|周)[一二三四五六日天][)）]?"
                        r"(?:[\s\u3000]+[\u4e00-\u9fffA-Za-z]{1,8}){0,2}$")
_NOT_LAST = frozenset("，,、；;：:的和与及把被.")  # "…赴城北地区调 ...": an index cut the text off
# "一、" "（二）" "3." "第一，": sub-headings and list items inside an article
ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]+[、是要]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．](?!\d)|第[一二三四五六七八九十]+[,，、])")
# A body that opens like a news lead: "3月14日，…", "近日，…", "记者从…获悉", "截至8月底，…"
_LEAD = re.compile(
    r"^(?:[(（]?\d{1,2}月\d{1,2}日|\d{1,2}日[上下晚早凌中]|\d{4}年\d{1,2}月|近日|日前|昨日|昨天|今天|今日|连日来|近期|"
    r"近年来|今年以来|记者(?:从|近日|日前|获悉|了解到|在)|据|截至|当地时间)"
)
# "图为…", "图①…", "上图：…": a photo caption even without a credit
_CAPTION_START = re.compile(r"^(?:图为|图[①-⑳\d]|[上下左右中]图[:：为]?|组图[:：])")
# a caption that ends by naming where the photo came from: "抛绣球(图片由市旅游摄影家协会提供)", "…（资料图片）",
# "…（市委宣传部供图）": a photo's line, never a headline's
_PHOTO_SOURCE = re.compile(r"\S[(（](?:图片由\S{2,24}提供|图片来源[:：]?\S{2,24}|资料图片|资料照片|资料图|\S{2,16}供图)[)）]$")
NUMBERED_PHOTO = re.compile(r"^图[②-⑳]")  # "图②…" goes on a numbered photo group that "图①…" began
# never a headline: a bracketed label alone ("【点评】", "【人物】"), an epigraph's source ("——摘自…")
# "——编  者": who signed the note; "开业酬宾 进店有礼 地址：丰收路与迎宾路交叉口": an advertisement's contact line
# (nor is a notice's closing formula, printed without its stop: "特此通告", "特此公告")
_NOT_HEADLINE = re.compile(r"^【[^】]{1,8}】$|^——\s*(?:摘自|引自|选自)|^——\s*编\s*者$|(?:地址|电话|热线|网址|联系人|传真|邮编|邮箱)\s*[:：]"
                           r"|^特此(?:公告|通告|通知|声明|公示|告知|敬告|说明|函告|证明)\s*$"
                           # a list's item: "太极剑（女子中年组）：白淑琴（武陟县代表队）", a winner and the team
                           r"|[:：]\s*[\u4e00-\u9fff]{2,4}[（(][^（）()]{0,10}(?:代表队|队|学校|中学|小学|大学|学院|俱乐部|协会|公司|单位)[）)]$"
                           # a notice's field: "报名地点：市公交公司人力资源部（山阳区焦东南路）", "咨询时间：…"
                           r"|^(?:报名|咨询|活动|举办|开放|办理|服务|比赛|考试|招聘)?(?:地点|时间|方式|条件|对象|范围)\s*[:：]"
                           # a table's row, its cells set apart by wide spaces: "2     奚丽萍  博爱县孝敬镇卫生院", "序号  姓名  单位"
                           r"|^(?:\d{1,3}|序号)(?:[ \u3000\t]{2,}\S+){2,}$")
# an export's labelled fields: "引题：…", "标题：…", "副题：——…", "作者：…" (the label is layout, the value the text)
_FIELD = re.compile(r"^(?P<label>引题|肩题|主题|标题|副题|副标题|作者|正文|内容|摄影|图片作者|图片说明|图说)[:：]\s*(?P<value>.*)$")
# an export's writer after the post he writes from: "市第十一中学心理教师　高　玉", "温县人民医院主任医师 李红"
_POSTED_WRITER = re.compile(r"^[\u4e00-\u9fff（）()]{4,30}(?:教师|老师|医师|律师|校长|主任|院长|教授|讲师|研究员|会计师|工程师|法官|检察官"
                            r"|民警|干部|职工|社员|书记|馆员|员)[\s\u3000]+(?P<name>[\u4e00-\u9fff](?:[ \u3000]{1,2}[\u4e00-\u9fff]|[\u4e00-\u9fff]{1,3}))$")
# and its bookkeeping, no part of the text: "稿件ID：JZRB20180904070001", "稿件类型：文字", "字数：736", "栏目：家长课堂"
_BOOKKEEPING_FIELD = re.compile(r"^(?:(?:(?:稿件ID|稿件编号|稿号|稿件类型|稿件类别|稿件来源|稿件状态|栏目|栏目名称|专栏|导出时间|导出人"
                                r"|签发人|签发时间|审稿人|审核人|录入人|录入时间|修改时间|入库时间|组版人|稿件属性|见报版次|见报日期)"
                                r"\s*[:：]\s*[^\s，。,；;！？《》]{0,40}?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
                                r"|字数\s*[:：]\s*\d{1,6})"  # ("字数：736", a count; "字数：3000字以内" is a notice's own line)
                                r"(?:[ \u3000]+(?=\S+\s*[:：])|$))+$", re.IGNORECASE)
# an e-paper CMS's field lines naming the writer: "刊发日期:2013-02-06 阅读次数: 作者:小杰  语音阅读:…", or after the
# headline: "天公吹响“集结号”环卫职工除雪忙 作者:李晓雪 摄 时间:2015-11-25 次数:119 …"
# "作者:李晓雪 摄", "作者：记者 苗晓锋 通讯员 叶志国": names, each after its role or not
_CMS_ROLE = r"(?:(?:本报)?(?:见习记者|特约记者|记者|实习生|通讯员)[ \u3000]*)?"
_CMS_NAME = r"(?:[\u4e00-\u9fff][ \u3000]{1,2}[\u4e00-\u9fff](?![\u4e00-\u9fff])|[\u4e00-\u9fff]{2,4})"  # "窦  鑫" padded, or not
_CMS_CREDIT = (rf"(?P<credit>作者\s*[:：]\s*{_CMS_ROLE}{_CMS_NAME}"
               rf"(?:[ \u3000、,，]+{_CMS_ROLE}{_CMS_NAME}(?![:：])){{0,5}}(?:\s*摄)?)(?=\s|$)")
# or after the time it went online: "2024-03-02 07:08 作者:王芳 来源:焦作日报"
_CMS_FIELDS = re.compile(rf"^(?:(?:刊发日期|发布日期|发布时间|时间|日期)\s*[:：]\S*|\d{{4}}-\d{{1,2}}-\d{{1,2}}(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?)\s.*?"
                         rf"{_CMS_CREDIT}.*$")
# a copy's fields run together with no space between them: "时间:2022-06-23来源 : 广西日报作者 : 廖庆凌" (a space is put
# before each label, so the fields read as those above)
_RUN_ON_FIELD = re.compile(r"(?<=[^\s:：])(?<!发布)(?<!更新)(?=(?:来源|稿源|作者|责任编辑|责编|编辑|发布时间|时间|浏览次数|阅读次数|点击数)"
                           r"\s*[:：])")
_SPACED_COLON = re.compile(r"(来源|稿源|作者|责任编辑|责编|编辑|发布时间|时间|日期)\s*([:：]) ?(?=\S)")
_FIELDS_FIRST = re.compile(r"^\s*(?:来源|稿源|作者|发布时间|发布日期|时间|日期)\s*[:：]")
# "作者:张丽娟 陶建飞 来源:滨海日报 发布时间:[2014-9-17]": the writers first, then the source and time
# ("作者:记者 丁春贵 报道     签发日期:2023年09月18日": with their role, and 报道 after them)
_CMS_AUTHOR_FIRST = re.compile(rf"^(?P<credit>作者\s*[:：]\s*{_CMS_ROLE}[\u4e00-\u9fff]{{2,4}}(?:[ \u3000、,，]+{_CMS_ROLE}[\u4e00-\u9fff]{{2,4}}){{0,4}}"
                               r"(?:\s*报道)?)\s+(?:来源|发布时间|时间|日期|签发日期|发布日期|阅读量|浏览次数)\s*[:：].*$")
# or the source first: "来源：焦作日报　作者：王璐 杨帆　发布时间：2022-02-23 08:31:06　浏览次数：1532"
# (or with only the day after it: "来源：焦作日报　作者：焦作日报记者 蒲 华 通讯员 沈佳怡　2020-06-10"; or with the
# editor before the time: "来源：焦作日报　　作者：窦  鑫　　编辑：姬晓燕　　发布时间：2023-12-05 07:52")
_CMS_SOURCE_FIRST = re.compile(rf"^(?:来源|稿源)\s*[:：]\s*\S{{2,20}}[\s\u3000]+(?:{_CMS_CREDIT}[\s\u3000]+"
                               rf"(?:(?:编辑|责任编辑|责编)\s*[:：]\s*{_CMS_NAME}[\s\u3000]+)?(?:发布时间|时间|日期|浏览)\S*\s*[:：]"
                               r"|(?P<credit2>作者\s*[:：]\s*\S.{0,40}?)(?:\u3000|\s{2,}|\s+(?=\d{4}-))\s*\d{4}-\d{1,2}-\d{1,2}).*$")
_CMS_TITLE_FIELDS = re.compile(rf"^(?P<title>\S.{{3,40}}?)\s+{_CMS_CREDIT}\s+(?:时间|次数|阅读次数)\s*[:：].*$")
_PHOTO_TITLES = frozenset({"图片新闻", "（图片新闻）", "(图片新闻)", "图片", "新闻图片"})
_PHOTO_PLACEHOLDER = re.compile(r"^[(（\[【［](?:图片|照片|图|组图)[)）\]】］]$")  # "（图片）", "[图片]" in a repost
# an image's file name or a CMS's default title for it, where a photo stood: "image.png",
# "图片默认标题_fororder_aedc79aec785f7d1190312bd66ecd14e" (dropped; a caption is known by its credit)
# (or its alt text, with its size or the word banner: "头条787x93px", "1今天要闻banner")
_IMAGE_FILE = re.compile(r"^\S{0,20}_fororder_\w+$|^[\w\-\u4e00-\u9fff]{1,60}\.(?:jpe?g|png|gif|webp|bmp)$"
                         r"|^[\w\u4e00-\u9fff]{0,16}?\d{2,4}[x×*]\d{2,4}(?:px)?$|^\d{0,2}[\u4e00-\u9fff]{0,12}banner$", re.IGNORECASE)


def cjk_count(text: str) -> int:
    """Number of CJK ideographs in a text."""
    return len(_CJK.findall(text))


_WHITE = re.compile(r"[^\S\u3000]+")  # a full-width space takes a column, as a character does


def _characters(text: str) -> int:
    return len(_WHITE.sub("", text))


def columns(text: str) -> int:
    """How wide a line is set, in full-width columns, white space left out: two Latin letters or digits take one
    column ("一季度GDP增长5.3%" -> 9)."""
    flat = _WHITE.sub("", text)
    half = 2 * len(flat) - len(flat.encode("ascii", "ignore"))
    return (half + 1) // 2


def bigrams(text: str) -> set[str]:
    """CJK character pairs of a text: "温县举办" -> {温县, 县举, 举办}."""
    chars = _CJK.findall(text)
    return {a + b for a, b in zip(chars, chars[1:])}


@dataclass
class Line:
    """One non-blank line of the page and what it looks like on its own."""

    number: int  # 1-based line number in the file
    raw: str
    text: str  # stripped, heading marks removed
    gap: int = 0  # blank lines before it (a page's first line counts as a gap)
    indent: int = 0  # leading white space in columns: a space 1, a U+3000 2, a tab 4 ("　　本报讯…" -> 4)
    level: int = 0  # markdown heading level, 0 for plain text
    byline: tuple[Credit, str] | None = None  # a dateline or credit opening the line, and the rest
    end_credit: tuple[str, Credit] | None = None  # "（记者 张三）" closing the line, and the text before it
    photo: tuple[str, Credit] | None = None  # a photo credit closing the line, and the caption before it
    caption_mark: bool = False  # "图为…", "图①…" or just below a "（图片）" placeholder
    after_break: bool = False  # the first line after another page's header in the same file
    fields_below: bool = False  # a web copy's fields about the item came next ("来源:毕节日报", "本文发布于 …")
    post_title: bool = False  # a WeChat post's title: the page's first line, over the account's bar ("原创 焦作日报 …")
    jump: str = ""  # "out" where "（下转第8版）" was cut from it, "in" right under "（上接第7版）": an article's jump
    copy_ended: bool = False  # a copy's source line came next, which ends a copy ("本文转自:大连日报", "(来源:南京晨报)")

    @property
    def heading(self) -> bool:
        return self.level > 0

    @property
    def plain(self) -> bool:
        """Text that is none of: heading, credit, photo caption."""
        return self.level == 0 and self.byline is None and self.photo is None and not self.caption_mark \
            and not (self.end_credit is not None and not self.end_credit[0])

    @property
    def credit_only(self) -> bool:
        """A credit line of its own: "本报记者 王晓东 通讯员 李红", "□ 李文", "本报讯"."""
        return self.byline is not None and not self.byline[1]

    @cached_property
    def enumerated(self) -> bool:
        return bool(ENUMERATOR.match(self.text))

    @cached_property
    def date_alone(self) -> bool:
        """A date on a line of its own, as a notice or letter is signed: "2024年3月22日", "二〇二四年三月二十二日"."""
        return bool(DATE_ALONE.match(self.text.strip()))

    @cached_property
    def headline_shaped(self) -> bool:
        """Could be a headline or sub-heading: short, no sentence inside, does not stop mid-phrase.

        "官卫红到区消防救援大队调研消防工作", "市民点赞“口袋公园”", "垃圾分类，你做对了吗？" are;
        "会议要求：", "…慰问了", "“当前，…。”" and "总投资10亿" are not.
        """
        t = self.text
        if not self.plain or cjk_count(t) < 2 or _NOT_HEADLINE.search(t) or self.date_alone or name_list(t):
            return False
        squashed = re.sub(r"\s+", "", t)
        if len(squashed) > HEADLINE_MAX or "。" in t or "；" in t:
            return False
        core = t.rstrip(_CLOSING) or t
        last = core[-1]
        inside = core[:-1] if "，" in t or "," in t else core[:-1].replace("……", "", 1).replace("…", "", 1)
        if any(ch in "。…" for ch in inside) or sum(ch in _SENTENCE_END for ch in core[:-1]) > 1:
            return False  # two sentences; one "！" or "？" inside is a headline's ("3413米！我国极地冰层钻探…")
        if last in _SENTENCE_END:  # (a web copy's title over its fields may be longer: "…变身“鱼米之乡”!…你知道多少?")
            return last in "！？!?" and (len(squashed) <= EXCLAIM_HEADLINE_MAX or self.fields_below)
        quoted = t[0] in "“「『\"" and core != t  # "“这个冬天，我们心里暖乎乎的”": a quotation may end anyhow
        if (last in _NOT_LAST and not quoted) or (last.isascii() and last.isalnum() and core == t):
            return False
        return True

    @property
    def ends_open(self) -> bool:
        """The line stops mid-sentence: "…要直接部署、直接督办" (the layout broke the paragraph)."""
        t = self.text.rstrip()
        if t.endswith("..."):
            return False  # "…裕廊集团计划在罗弄哈鲁士近海展...": a feed's teaser, cut where it stops
        return bool(t) and t[-1] not in _SENTENCE_END and t[-1] not in _CLOSING and t[-1] not in "；;：:"

    @property
    def opens_like_a_lead(self) -> bool:
        body = self.byline[1] if self.byline is not None else self.text
        return bool(_LEAD.match(body))


def read_lines(lines: list[str], boilerplate: Boilerplate, first_number: int = 1,
               running_heads: tuple[str, ...] = ()) -> tuple[list[Line], list[str]]:
    """Page lines to ``Line``s, with boilerplate cut out and a lone photo credit joined to the caption above.

    ``running_heads``: the page's own header lines; where a PDF repeats one further down ("焦作日报　2008年8月12日　…体育　7"
    under "第1页/共3页"), the same printed page goes on, and so does its text.

    "5月18日，博爱县的农民在晾晒新麦。" / "本报记者 宋崇飞 摄" -> one line with a photo credit.
    """
    out: list[Line] = []
    dropped: list[str] = []
    gap = 1
    placeholder = False
    page_break = False
    lines = [raw.replace("\xa0", " ") for raw in lines]  # ("文/尚&nbsp;&nbsp;飞": a web page's fixed spaces pad as spaces do)
    lines = _without_title_lists(lines, dropped)
    running = {_WHITE.sub("", head) for head in running_heads if head.strip()}
    wrap, measure = _raw_wrap_width(lines)
    cut_off = False
    recommended = False  # under "往期推荐": the lines are links to other items
    related = False  # under "相关新闻": the bulleted or indented lines right under it are links
    envelope = False  # in an e-mail's header block
    comments = False  # under "热门评论": readers' names, times and words, not the paper's
    # under a 导读 label: bulleted lines point to other pages (the label may close the page's header block)
    pointers = bool(_GUIDE.match(next((h.strip() for h in reversed(running_heads) if h.strip()), "")))
    carried = ""  # a photo credit printed above its caption, in an export's 作者 field
    weather = False  # under a weather box's label: its lines of temperatures and indices are the box's
    jumps_out: list[int] = []  # line numbers an article jumps from ("（下转第8版）") and to ("（上接第7版）")
    jumps_in: list[int] = []
    last, seen = None, 0  # the last line kept, and how many lines had been dropped when it was kept
    for number, raw in _split_run_on_headlines(lines, first_number):
        if out and out[-1] is not last:
            last, seen = out[-1], len(dropped)
        elif last is not None and len(dropped) > seen and out:
            if not last.fields_below and _under_item_head(out) and any(map(_item_field, dropped[seen:])):
                last.fields_below = True  # "写在…之际" / "本文发布于 2025-09-11 03:28" / "来源:毕节日报"
                last.__dict__.pop("headline_shaped", None)  # (a long title over its fields is one: measured again)
            last.copy_ended = last.copy_ended or any(_COPY_END.match(d) for d in dropped[seen:])
            seen = len(dropped)
            if last.fields_below and last.headline_shaped and raw.strip().isdigit() and len(raw.strip()) <= VIEWS_MAX:
                dropped.append(raw.strip())  # "26613" under the fields: how many read it online
                continue
        if (pin := _PLACE_PIN.match(raw.strip())) is not None:  # "📍孟州" over "▌孟州市：…": the place's tag
            dropped.append("📍")
            raw = f"【{pin.group(1)}】"
        if _EMOJI.search(raw):  # "📌考试时间", "🌤今日天气：多云": a repost's pictographs are layout, not text
            dropped.extend(_EMOJI.findall(raw))
            raw = _EMOJI.sub("", raw)
        if _ENVELOPE_FROM.match(raw.strip()) or (envelope and _ENVELOPE_FIELD.match(raw.strip())):
            envelope = True  # an e-mail's header: "发件人: …" / "发送时间: …" / "收件人: …" / "主题: …", up to a blank line
            dropped.append(raw.strip())
            continue
        envelope = False
        if _RECOMMENDED.match(raw.strip()):  # "往期推荐": the short lines under it point to other items
            recommended = True
            dropped.append(raw.strip())
            continue
        if _RELATED.match(raw.strip()):
            related = True
            dropped.append(raw.strip())
            continue
        if related and raw.strip() and ((raw[:1].isspace() and _indent_width(raw) <= 2) or raw.strip()[0] in _LINK_BULLETS) \
                and len(raw.strip()) <= TITLE_LIST_LINE_MAX and raw.strip()[-1] not in "。…":
            dropped.append(raw.strip())  # "　焦作发布高温橙色预警　最高气温可达39℃": a link
            continue
        related = related and not raw.strip()  # (the links may be set apart by blank lines)
        if _COMMENTS.match(raw.strip()):  # "热门评论（3）": readers' comments under the copy, up to a blank line
            comments = True
        if comments:
            comments = bool(raw.strip())
            if comments:
                dropped.append(raw.strip())
                continue
        if _GUIDE.match(raw.strip()):  # "〓本期导读〓" / "◆山西2025年原煤总产量超13亿吨" / …: bulleted pointers
            pointers = True
            dropped.append(raw.strip())
            continue
        if pointers and (text := raw.strip()) and text[0] in _POINTER_BULLETS and len(text) <= TITLE_LIST_LINE_MAX \
                and text[-1] not in _SENTENCE_END:
            dropped.append(text)
            continue
        pointers = pointers and not raw.strip()
        if "\f" in raw:  # a form feed: pdftotext's end of a page, an export's end of an item; nothing runs on across it
            page_break = page_break or bool(out)
        if raw.lstrip()[:1] in ("*", "_", ">"):  # "*本版编辑:沈悦*": furniture in markdown is furniture still
            raw = raw[:len(raw) - len(raw.lstrip())] + unmark(raw.strip())
        if _BOX_DRAWN.search(raw):  # "│今天：多云转晴　22℃～33℃　南风3级│": a box drawn around lines; its frame is layout
            dropped.extend(_BOX_DRAWN.findall(raw))
            raw = _BOX_DRAWN.sub("", raw)
            if not raw.strip():
                gap += 1  # "└──────┘": the box's edge sets it apart
                continue
        if any(mark in raw for mark in "|丨｜审编") and _CREDITS_LINE.match(raw.strip()):
            raw = _credits_line(raw.strip(), dropped)  # "记者|王金刚 编辑|苗欣": the writers stay a credit, the staff go
            if not raw:
                continue
        line, removed = boilerplate.clean_line(raw)
        dropped.extend(removed)
        if removed and not line.strip() and len(out) == 1 and out[0].plain and _ACCOUNT_BAR.match(removed[-1]):
            out[0].post_title = True  # "明天起这些地方停水！…今天的民生消息都在这儿" / "原创 焦作日报 焦作日报 2016-07-19"
        for cut in removed:
            if (jump := _JUMP.search(cut)) is None:
                continue  # "（下转第8版）" / "（上接第7版）": the article goes on on another page, or comes from one
            if "接" in jump.group(1):
                jumps_in.append(number)
            else:  # (a marker alone on its line closes the line above)
                jumps_out.append(number if line.strip() or not out else out[-1].number)
        if removed and not line.strip() and _WEATHER_LABEL.match(removed[-1].strip()):
            weather = True  # "【焦作天气】": the box's lines follow
            continue
        if not out and _FORECAST.match(line.strip()):
            dropped.append(line.strip())  # "明日重庆小雨,13-18℃。" atop a digest, before any item: its forecast
            continue
        if weather and line.strip() and _WEATHER_LINE.match(line.strip()):
            dropped.append(line.strip())  # "今天：多云转阵雨 东风2—3级 22℃～31℃", "穿衣指数：较冷…" under the box's label
            continue
        weather = weather and not line.strip() and bool(removed)  # (a box's line the boilerplate took: still the box)
        if not line.strip() and removed and _QR_LABEL.match(removed[-1]) and out and gap == 0 \
                and _ACCOUNT_NAME.match(out[-1].text) and out[-1].plain:
            dropped.append(out.pop().text)  # "乡村干部报网" / "微信公众号": the account's name over its QR code's label
            gap = 1
        if not line.strip() and removed and _SPONSOR.match(removed[-1].strip()) and len(out) == 1 and gap == 0 \
                and out[0].plain and len(out[0].text) <= SPONSORED_BANNER_MAX and not _STOPS.search(out[0].text):
            dropped.append(out.pop().text)  # "减税降费 惠企利民" / "国家税务总局焦作市税务局 协办": a special page's banner
            gap = 1
        if not line.strip():
            if not removed:
                gap += 1
            else:
                cut_off = True  # "================": a rule or furniture line stood here
                if out and page_line(removed[-1]):
                    page_break = True  # "第05版：县区新闻　返回目录　[上一篇]": the next item's view begins
                if _RULE_LINE.match(removed[-1]):
                    gap += 1  # ("——————————" between two items: it sets them apart as a blank line does)
                placeholder = False  # ("［图片］" / "图片由温县融媒体中心提供": the photo's credit, no caption under it)
            continue
        if recommended and len(line.strip()) <= TITLE_LIST_LINE_MAX and line.strip()[-1] not in "。…":
            dropped.append(line.strip())
            continue
        recommended = False
        if out and line.strip() == out[-1].raw.strip() and len(line.strip()) <= TITLE_LIST_LINE_MAX:
            dropped.append(line.strip())  # "采访报道团队成员下行陡坡" twice in a row: a copy's image text and its caption
            continue
        if out and (out[-1].heading or out[-1].headline_shaped) and line.strip().startswith(out[-1].text) \
                and line.strip()[len(out[-1].text):][:1] in (" ", "\u3000") and line.strip()[len(out[-1].text):].strip():
            dropped.append(out[-1].text)  # "疑似抽菸釀禍 造成鐵皮屋大火" / "疑似抽菸釀禍 造成鐵皮屋大火 記者吳佳俊/報導 7月8日…":
            line = line.strip()[len(out[-1].text):].strip()  # a web copy's text repeats its title before the byline
        if out and _under_item_head(out) and item_meta_line(line) and _dated_credit(line, out) is None:
            dropped.append(line.strip())  # "定西日报 2017-02-27 10:31 大字": a web page's line about the item
            continue
        if DATED_LINE.match(line.strip()):
            dropped.append(line.strip())  # "2019年10月29日 星期二 新京报" under a column's name: the page's date, not a headline
            continue
        if not out and DATE_ALONE.match(line.strip()):
            dropped.append(line.strip())  # "2024年09月12日" alone above everything: the page's date, not a notice's
            continue
        if out and (out[-1].heading or out[-1].headline_shaped) and source_line(line):
            dropped.append(line.strip())  # "# 我和《四川日报》的故事" / "四川日报 2022-09-06": the item's source, not a page
            continue
        if out and header_line(line):  # "浙江老年报 a0001版:头版 2023年08月22日": another page begins
            dropped.append(line.strip())
            # (this page's running head, repeated where a PDF's page ends, breaks nothing off when the text above it
            # breaks off mid-sentence or has only its headline or credit so far: the same article goes on under it)
            page_break = page_break or _WHITE.sub("", line) not in running \
                or not (out[-1].ends_open or out[-1].credit_only or out[-1].headline_shaped)
            continue
        if page_line(line):  # "2024年04月19日" / "第05版:新闻三秒区": another page, its header on two lines
            if out and out[-1].date_alone and out[-1].plain:
                dropped.append(out.pop().raw.strip())
            dropped.append(line.strip())
            page_break = bool(out)
            continue
        indent = _indent_width(line)
        line = unmark(line.strip())
        if out and (fix := _CORRECTION.match(line)) is not None:
            # "更正：本报1月18日第2版《…》一文中，…": a correction run on after an item, a notice of its own
            out.append(Line(number, fix.group("label"), fix.group("label"), max(gap, 1), indent, level=1,
                            after_break=page_break))
            dropped.append(fix.group("colon"))
            line, gap, page_break = fix.group("rest"), 0, False
        if _IMAGE_FILE.match(line):  # "image.png": where a photo stood
            dropped.append(line)
            continue
        if _PHOTO_PLACEHOLDER.match(line):  # "（图片）": where a photo stood; the next line is its caption
            dropped.append(line)
            placeholder = True
            continue
        if _FIELDS_FIRST.match(line) and "作者" in line:
            line = _SPACED_COLON.sub(r"\1\2", _RUN_ON_FIELD.sub(" ", line))  # ("作者 : 廖庆凌" -> "作者:廖庆凌")
        fields = (_CMS_FIELDS.match(line) or _CMS_TITLE_FIELDS.match(line) or _CMS_AUTHOR_FIRST.match(line)
                  or _CMS_SOURCE_FIRST.match(line)) if "作者" in line else None
        if fields:  # "刊发日期:2013-02-06 阅读次数: 作者:小杰  语音阅读:…": the writer, among an e-paper's fields
            title = (fields.groupdict().get("title") or "").strip()
            group = "credit" if fields.group("credit") is not None else "credit2"
            head, tail = line[:fields.start(group)].strip(), line[fields.end(group):].strip()
            dropped.extend(part for part in (head if not title else "", tail) if part)
            if title:  # "天公吹响“集结号”环卫职工除雪忙 作者:李晓雪 摄 时间:…": the headline runs on before them
                out.append(Line(number, title, title, gap, indent, after_break=page_break))
                gap, page_break = 0, False
            if not title and (head or tail) and out and out[-1].plain and not out[-1].fields_below:
                out[-1].fields_below = True  # "孟州市会昌街道：…" / "来源：焦作日报  作者：屈  恒  发布时间：…": a copy's title
                out[-1].__dict__.pop("headline_shaped", None)
            line = fields.group(group)
            if match_byline(line) is None and match_photo_credit(line) is None:
                dropped.append(line)  # "作者:焦作日报": the CMS names the paper where a writer goes, no one
                continue
        if _BOOKKEEPING_FIELD.match(line):
            dropped.append(line)  # "稿件类型：文字", "字数：736": the export's bookkeeping
            continue
        labelled = _FIELD.match(line)  # "标题：武陟县发展林下经济七万亩", "作者：本报记者 马  强": an export's labelled fields
        if labelled and labelled.group("label") in ("摄影", "图片作者"):
            if out and out[-1].level > 0 and match_photo_credit(line) is not None:
                carried = line  # "摄影：本报记者 成岩" under the title field: the photo's credit, with the text below
                continue
            labelled = None  # (under its caption, it is that caption's credit)
        if labelled and labelled.group("label") == "作者" and match_byline(line) is None \
                and (post := _POSTED_WRITER.match(labelled.group("value").strip())) is not None \
                and looks_like_name(name := joined_name(post.group("name"))):
            # "作者：市第十一中学心理教师　高　玉": the writer after the post he writes from
            out.append(Line(number, line, line, gap, indent, byline=(Credit(line, (name,)), ""), after_break=page_break))
            gap, placeholder, page_break = 0, False, False
            continue
        if labelled:
            label, value = labelled.group("label"), labelled.group("value").strip()
            if not value or _PHOTO_PLACEHOLDER.match(value) or value in _PHOTO_TITLES:
                dropped.append(line)  # "作者：" with nothing after it; "标题：（图片新闻）" over a photo
                placeholder = placeholder or bool(value)
                continue
            if label in ("正文", "内容", "图片说明", "图说") or (label == "作者" and _BARE_DATELINE.match(value)):
                # "正文：本报讯…": the text itself, after its label; "作者：本报讯": the dateline, no writer
                dropped.append(line[:labelled.start("value")].strip())
                line = value
            elif label != "作者":
                dropped.append(line[:labelled.start("value")].strip())
                out.append(Line(number, line, value, gap, indent, level=1, after_break=page_break))
                gap, placeholder, page_break = 0, False, False
                continue
            elif (photo := match_photo_credit(value)) is not None and not photo[0]:
                dropped.append(line[:labelled.start("value")].strip())
                carried = value  # "作者：本报记者 宋崇飞 摄" over the caption: the credit goes with the text below
                continue  # (any other "作者：…" is a byline as printed)
        if carried and not _HEADING.match(line):
            line, carried = f"{line} {carried}", ""
        m = _HEADING.match(line)
        if m:
            out.append(Line(number, line, m.group(2).strip(), gap, indent, level=len(m.group(1)), after_break=page_break))
            gap, placeholder, page_break = 0, False, False
            continue
        photo = match_photo_credit(line)
        if photo is not None and not photo[0] and out and out[-1].text in _PHOTO_TITLES and not carried \
                and (nxt := _next_text(lines, number - first_number + 1)) is not None and _CAPTION_OPENING.match(nxt):
            label = out.pop()  # "图片新闻" / "本报记者 郝亮 摄" / "5月16日，…": the label, then the credit printed
            dropped.append(label.text)  # above its caption
            carried, gap, page_break = line.strip(), max(gap, label.gap), page_break or label.after_break
            continue
        if photo is not None and not photo[0] and out and out[-1].credit_only:
            # "本报记者 李震宇" / "通讯员 王飞超 摄": one photo credit printed on two lines
            prev = out.pop()
            photo = match_photo_credit(f"{prev.text} {line}")
            gap, indent, number, line = prev.gap, prev.indent, prev.number, f"{prev.text} {line}"
        if photo is not None and not photo[0] and out and (out[-1].plain or out[-1].caption_mark) and out[-1].photo is None \
                and out[-1].byline is None:
            # "…进行作业。" / "本报记者 宋崇飞 摄" on the next line: one caption
            prev = out.pop()
            joined = prev.text + ("" if glued(prev.text) else " ") + line
            if is_role(prev.text) and out and out[-1].plain and out[-1].photo is None:
                prev = out.pop()  # "…琵琶台的建设。" / "本报记者" / "王大明 摄": the role and the name on two lines
                joined = prev.text + ("" if glued(prev.text) else " ") + joined
            photo = match_photo_credit(joined)
            gap, indent, number, line = prev.gap, prev.indent, prev.number, joined
            placeholder = placeholder or prev.caption_mark
        if photo is not None and not photo[0] and out and out[-1].photo is not None and not carried \
                and (nxt := _next_text(lines, number - first_number + 1)) is not None and _CAPTION_OPENING.match(nxt):
            # "…观赏红叶。 本报记者 吕 军 摄" / "本报记者 翟 明 摄" / "10月22日，武陟县…": the caption above has its
            # credit; this one is printed above its own caption, and goes with it
            carried = line.strip()
            continue
        if photo is not None and photo[0] and gap == 0 and not cut_off:
            # a caption the layout wrapped: "…该区已建成社" / "区老年食堂18个…平价餐" / "食。本报记者 宋涛 摄"
            head, continued = line, indent
            while out and (out[-1].plain or out[-1].caption_mark) and out[-1].photo is None and out[-1].byline is None \
                    and out[-1].end_credit is None \
                    and (((width := measure(out[-1].text) + out[-1].indent // 2) >= (
                        min(WRAPPED_MIN, wrap - 1) if wrap is not None else WRAPPED_MIN)
                          and (out[-1].ends_open or (wrap is not None and width >= wrap - 1)))
                         # ("12月3日，解放区民主街道志愿者为辖区" / "独居老人送去棉被和米面。 本报记者 杜娟 摄": a caption
                         # set narrower than the column opens with its day and breaks off)
                         or (out[-1].ends_open and _CAPTION_OPENING.match(out[-1].text) and not _CAPTION_OPENING.match(head)
                             and "，" in out[-1].text)):
                prev = out.pop()
                head = prev.text + head
                gap, indent, number = prev.gap, prev.indent, prev.number
                placeholder = placeholder or prev.caption_mark
                if prev.gap > 0 or prev.caption_mark or prev.indent > continued:
                    break  # "①昨天清晨,…", "　　9月7日，…": where the caption begins
            if head != line:
                line = head
                photo = match_photo_credit(line)
        if out and out[-1].plain and (credit_line := name_and_note(out[-1].text, line)) is not None:
            prev = out.pop()  # "王建华" / "（作者单位：中共焦作市委党校）": the author and the note are one credit
            gap, indent, number, line = prev.gap, prev.indent, prev.number, credit_line
        elif out and out[-1].credit_only and author_note_alone(line) \
                and (credit := match_byline(out[-1].text + line)) is not None and not credit[1]:
            prev = out.pop()  # "作者:郝思远" / "(作者单位:焦作师范高等专科学校)": the credit and its note are one
            gap, indent, number, line = prev.gap, prev.indent, prev.number, prev.text + line
        if gap == 0 and out and _OPEN_REPORTED.match(out[-1].text) and 0 <= line.find("报道") <= DATELINE_TAIL_MAX:
            prev = out.pop()  # "本报讯 记者吕长江、通讯员邝" / "新民报道：今年…": a dateline the column wrapped
            gap, indent, number, line = prev.gap, prev.indent, prev.number, prev.text + line
        if gap == 0 and out and _OPEN_DATELINE.match(out[-1].text) \
                and 0 <= line.find("）" if "（" in out[-1].text else ")") <= DATELINE_TAIL_MAX:
            prev = out.pop()  # "本报讯（记者　郭文华　通讯员　李" / "刚）连日来，…": a dateline the layout wrapped
            gap, indent, number, line = prev.gap, prev.indent, prev.number, prev.text + line
        if gap == 0 and out and out[-1].plain and _OPEN_BRACKET_END.search(out[-1].text) and _CLOSES_BRACKET.match(line):
            prev = out.pop()  # "…路相连。（本报记者 孔令" / "辉）": an end credit the layout wrapped
            # (after a space the next name begins: "（本报记者　池永健　" / "项　丽）")
            spaced = 0 <= prev.number - first_number < len(lines) and lines[prev.number - first_number][-1:].isspace()
            gap, indent, number, line = prev.gap, prev.indent, prev.number, prev.text + (" " if spaced else "") + line
        if gap == 0 and out and out[-1].byline is None and out[-1].photo is None and len(line) <= 3 \
                and (credit := match_byline(out[-1].text + line)) is not None and not credit[1]:
            prev = out.pop()  # "本报记者 郑海洋 通讯员 李文静 赵" / "丽": a credit line the layout wrapped
            gap, indent, number, line = prev.gap, prev.indent, prev.number, prev.text + line
        if (dated := _dated_credit(line, out)) is not None:  # "2016-09-12 11:06★关 河": when it went online, the writer
            when, line, credit = dated
            dropped.append(when)
            byline: tuple[Credit, str] | None = (credit, "")
        else:
            byline = match_byline(line)
        if byline is not None:
            photo = None
        end = match_end_credit(line) if byline is None and photo is None else None
        mark = (placeholder or bool(_CAPTION_START.match(line) or _PHOTO_SOURCE.search(line))) and byline is None
        out.append(Line(number, line, line, gap, indent, byline=byline, end_credit=end, photo=photo, caption_mark=mark,
                        after_break=page_break))
        gap, placeholder, page_break, cut_off = 0, False, False, False
    if carried:
        dropped.append(carried)  # a credit field with no text after it
    for n in jumps_out:  # (on the line the marker closed, or the line that line was joined into)
        if (before := [ln for ln in out if ln.number <= n]):
            before[-1].jump = "out"
    for n in jumps_in:
        if (after := [ln for ln in out if ln.number >= n]):
            after[0].jump = after[0].jump or "in"
    return out, dropped


_FORECAST = re.compile(r"^(?:今天|明天|后天|今日|明日|今夜|今明两天)[\u4e00-\u9fff]{0,4}(?:晴|阴|多云|小雨|中雨|大雨|暴雨|阵雨|雷阵雨"
                       r"|小雪|中雪|大雪|雨夹雪|雾|霾)[\u4e00-\u9fff]{0,6}[,，\s]*-?\d{1,2}\s*[-－～~至到]\s*-?\d{1,2}\s*℃[。.]?$")
# a WeChat post's bar under its title: "原创 焦作日报 焦作日报 2016-07-19", "焦作日报 焦作日报社 昨天"
_ACCOUNT_BAR = re.compile(r"^原创\s+\S.{1,40}$|^[\u4e00-\u9fffA-Za-z]{2,10}(?:报|网|号|社|台|发布|新闻|融媒|客户端)[ \u3000]+"
                          r"[\u4e00-\u9fffA-Za-z]{2,12}(?:[ \u3000]+\S{2,16})?$")
# a jump: "（下转第8版）", "(转第3版)", "（上接第一版）", "》》》上接01版"
_JUMP = re.compile(r"(下转|上接|转|接)\s*第?\s*[一二三四五六七八九十\dA-Za-z]{1,3}\s*版")


VIEWS_MAX = 8
_BOX_DRAWN = re.compile(r"^[\s\u3000]*[\u2500-\u257f]+|[\u2500-\u257f]+[\s\u3000]*$")  # "┌天气预报────┐", "│…│", "└────┘"
# a weather box's label, and the lines under it: temperatures by day or by county, its indices, the air quality
# ("【焦作天气】" / "今天：多云转阵雨 东风2—3级 22℃～31℃" / "修武 2℃～13℃ 博爱 3℃～14℃" / "穿衣指数：较冷" / "空气质量：良")
_WEATHER_LABEL = re.compile(r"^(?:[【\[〔][\u4e00-\u9fff]{0,6}天气(?:预报)?[】\]〕]|(?:今日|明日|今天|明天|本周)?天气预报)$")
_WEATHER_LINE = re.compile(
    r"^(?=.*(?:℃|指数|空气质量|[东南西北]风))(?:[\u4e00-\u9fff]{2,4}\s*[:：]|[\u4e00-\u9fff]{2,4}(?=[\s\u3000]+-?\d)|晴|阴|多云|少云|阵雨"
    r"|雷阵雨|[小中大暴]?雨|雨夹雪|[小中大]?雪|雾|霾|转|间|有|到|-?\d{1,2}(?:\.\d)?\s*℃|[～~至到\-—–]|[东南西北]{1,2}风|偏[东南西北]风|微风"
    r"|\d(?:\s*[～~至到\-—–]\s*\d)?\s*级|[\s\u3000,，;；])+$"
    r"|^(?:穿衣|紫外线|感冒|晨练|洗车|舒适度|体感|晾晒|空气污染扩散|运动|旅游|交通|防晒|过敏|中暑|雨伞|钓鱼)(?:气象)?指数\s*[:：].{0,30}$"
    r"|^空气质量(?:指数)?\s*[:：]\s*(?:优|良|轻度污染|中度污染|重度污染|严重污染)\S{0,4}$")
_RULE_LINE = re.compile(r"^\s*[-—–=＝_＿*＊~～]{4,}\s*$")
# a special page's sponsor ("国网焦作供电公司　协办"), under the page's banner, which is no kicker of the first headline
_SPONSOR = re.compile(r"^[^\s，。,：:]{4,24}[ \u3000]*(?:协办|联办|承办|冠名)$")
SPONSORED_BANNER_MAX = 16
_STOPS = re.compile(r"[。，,；;！？!?：:]")
_DATETIME_BEFORE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}\s*\d{1,2}:\d{2}(?::\d{2})?\s*")
# a web copy's fields under an item's headline: "本文发布于 2025-09-11 03:28", "来源:毕节日报", "发布时间:…", "字号:",
# an app copy's "焦作日报  2021-07-25 11:20  阅读 2.4万"
_ITEM_FIELD = re.compile(r"^https?://|^原标题|^\S{2,12}[ \u3000]+\d{4}-\d{1,2}-\d{1,2}[ \u3000]+\d{1,2}:\d{2}[ \u3000]+(?:阅读|浏览)|^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s*\d{1,2}:\d{2}(?::\d{2})?\s.{0,20}(?:来源|作者)|^[(（]?(?:本文)?(?:发布于|发布时间|发布日期|更新时间|来源|转自|转载自|刊发日期|见报日期|阅读次数|浏览次数|点击数|字号)")


def _under_item_head(out: list[Line]) -> bool:
    """The last line kept can head a copied item: a heading, a credit, or a headline-shaped line set apart above
    ("滨海县开展服务大集市活动" after a blank line; not "2023-10-12 09:30 阅读推广员…赶到现场" inside a timeline)."""
    last = out[-1]
    if last.text.startswith("——") and last.gap == 0 and len(out) >= 2 and out[-2].photo is None \
            and _under_item_head(out[:-1]):
        return True  # "示范区智能装备产业园首批企业入驻" / "——12家企业签约，总投资31亿元": a headline and its subtitle
    titled = last.headline_shaped or (last.plain and last.text[-1:] in "！？!?" and "。" not in last.text
                                      and len(last.text) <= HEADLINE_MAX)  # "…变身“鱼米之乡”!…你知道多少?"
    return last.heading or last.byline is not None or (titled and (last.gap > 0 or len(out) == 1))


def _dated_credit(line: str, above: list[Line]) -> tuple[str, str, Credit] | None:
    """A web copy's line with the time it went online and its writer, atop the copy or under its headline:
    "2016-09-12 11:06 关 河" -> ("2016-09-12 11:06", "关 河", Credit("关 河", ("关河",))); "2024-03-07 16:00 闭幕" in a
    notice's schedule is no credit."""
    line = line.strip()
    if (dated := _DATETIME_BEFORE.match(line)) is None or (above and not above[-1].headline_shaped and not above[-1].heading):
        return None
    rest = line[dated.end():].strip()
    name = joined_name(rest)
    if (credit := match_byline(rest)) is not None and not credit[1]:
        return dated.group().strip(), rest, credit[0]
    if (len(name) == 3 or len(name) < len(rest)) and looks_like_name(name):  # "赵  明", "关 河", "王建国"; not "闭幕"
        return dated.group().strip(), rest, Credit(rest, (name,))
    return None


# a copy's own source line, which ends the copy when text stands above it: "本文转自:大连日报", "(来源:南京晨报)"
_COPY_END = re.compile(r"^(?:[(（](?:本文)?(?:来源|转自|转载自)\s*[:：].*[)）]|(?:本文)?(?:转自|转载自)\s*[:：].*)$")


# how a photo's caption opens: with the day it was taken, "图为", or its number
_CAPTION_OPENING = re.compile(r"^[\s\u3000]*(?:\d{1,2}月\d{1,2}日|[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日|图为|[①-⑳])")


def _next_text(lines: list[str], k: int) -> str | None:
    """The next non-blank line from index k on, if any."""
    return next((raw for raw in lines[k:] if raw.strip()), None)


def _item_field(text: str) -> bool:
    return bool(_ITEM_FIELD.match(text)) or source_line(text) or item_meta_line(text)


_OPEN_BRACKET_END = re.compile(r"[(（][^()（）]{1,24}$")  # a line ending inside a bracket it opened
_CLOSES_BRACKET = re.compile(r"^[^()（）]{0,10}[)）]\s*$")  # a short line closing it
# a brief's headline after its bullet, its text after a wide space: "■焦作籍选手获全国拳击锦标赛铜牌　在日前结束的…"
_BULLETED_HEADLINE = re.compile(r"^[■●◆▲]\s*(?P<head>[^\s，,。；;：:！？!?（(■●◆▲]{4,30}[！？!?]?)(?:\u3000{1,2}|[ ]{2,})"
                                r"(?P<rest>[^\s■●◆▲](?=.*[，。]).{10,})$")
_RUN_ON = re.compile(r"^(?P<head>\S.{1,39}?\S)[ \u3000]{3,}(?P<rest>\S.*)$")
# a headline run on before a bracketed credit: "推出「草莓地圖」 27家園區互相聯繫 引導遊客避免撲空 〔記者鄭淑婷/桃園報導〕苗栗縣…"
_RUN_ON_BRACKETED = re.compile(r"^(?P<head>[^\s。，,；].{1,39}?[^\s。，,；])[ \u3000]+(?P<rest>[〔【]\s*(?:記者|记者).*)$")
# a brief's headline run on before its text after one space, the text opening like a news lead
_RUN_ON_BRIEF = re.compile(r"^(?P<head>[^\s，。,；;：:！？!?、]{6,30})[ \u3000](?P<rest>[^\s].{20,})$")
# a table row of one cell, as feed readers and markdown lay out a list of items: "| 〔記者彭健禮/苗栗報導〕二〇二六年… |"
_ONE_CELL_ROW = re.compile(r"^\s*\|\s*(?P<cell>[^|]*[^|\s])\s*\|\s*$")


_PLACE_PIN = re.compile(r"^📍\s*([\u4e00-\u9fff]{2,6})$")  # a repost's place tag over the items of that place
_EMOJI = re.compile(r"[\U0001F300-\U0001FAFF\u2600-\u26FF\u2700-\u27BF\uFE0F]+")
# labels over lists of links to other items: "往期推荐" / "焦作这些学校，招生计划公布" / …
_COMMENTS = re.compile(r"^(?:热门评论|网友评论|全部评论|最新评论|精选留言|读者留言)\s*(?:[(（]\d+[)）])?$")
_RECOMMENDED = re.compile(r"^(?:往期推荐|往期回顾|推荐阅读|精彩推荐|往期精彩)$")
# a copy's links to other items under it, each bulleted or indented: "相关新闻：" / "· 示范区三季度经济运行稳中向好"
_RELATED = re.compile(r"^(?:相关推荐|相关新闻|相关阅读|相关文章|热点推荐|更多新闻|推\s?荐)[:：]?$")
_LINK_BULLETS = "·•▪◦-▶►"
# a 导读 box's label, and the bullets of its pointers
_GUIDE = re.compile(r"^[【\[◆■〓]?(?:今日|本期|本版)?导读[】\]◆■〓]?$")
_POINTER_BULLETS = "◆●■▲►▶·•>＞"  # (">" in a mobile paper's 【导读】: ">重庆实施…")
TITLE_LIST_LINE_MAX = 40  # a headline in an e-paper's list of the page's titles


# "# 我市中考…", "·沁阳市：…", "[2] 市区新增公共自行车站点60个": a mark or a number before a headline
_HEADING_MARK = re.compile(r"^(?:#{1,6}\s+|[·•●■◆▪]\s*|\[\d{1,2}\]\s*)")


def _list_key(raw: str) -> str:
    """A line as a list of headlines and the headline itself both print it: no mark, no number, no spaces
    ("[4] 高考志愿填报即将开始 这些事项要注意" and "高考志愿填报即将开始　这些事项要注意" are one)."""
    return re.sub(r"[ \u3000]+", "", _HEADING_MARK.sub("", raw.strip())).rstrip("—")  # ("…铭文瓦——" over its subtitle)


# a correction printed as a paragraph: "更正：本报1月18日第2版《中站区新建3所乡村幼儿园》一文中，…"
_CORRECTION = re.compile(r"^(?P<label>更正|更正启事|更正声明|勘误|致歉)(?P<colon>[:：])\s*(?P<rest>\S.{8,})$")
_BARE_DATELINE = re.compile(r"^(?:本报讯|本报电|本报消息|【本报讯】)$")
# a forwarded e-mail's header, which a page sent in a mail arrives under
_ENVELOPE_FROM = re.compile(r"^(?:发件人|From)\s*[:：]\s*\S.*(?:<[^<>@\s]+@[^<>\s]+>|@\S+)\s*$")
_ENVELOPE_FIELD = re.compile(r"^(?:发件人|发送时间|收件人|抄送|密送|主题|日期|时间|From|To|Sent|Date|Subject|Cc)\s*[:：]")
# a QR code's label under the account's name: "乡村干部报网" / "微信公众号"
_QR_LABEL = re.compile(r"^(?:微信公众号|官方微博|官方微信|客户端|抖音号|视频号|公众号)$")
_ACCOUNT_NAME = re.compile(r"^[\u4e00-\u9fffA-Za-z]{2,10}(?:网|报|日报|晚报|新闻|发布|融媒|客户端|在线|APP|App)$")
# a channel of a news site's menu: "政治新聞", "今日頭條", "專題", "要聞"
_CHANNEL = re.compile(r"(?:新闻|频道|头条|专题|话题|要闻|焦点|评论|体育|财经|娱乐|科技|国际|社会|国内|两岸|生活|视频|图片)$")
CHANNEL_MAX = 6
LINK_RUN_MIN = 3  # bulleted short lines in a row that are a list of links
MENU_MIN = 4  # lines in a row, each a channel: a menu, not a column's label over a headline


def _runs(lines: list[str], member: Callable[[str], bool]) -> Iterator[tuple[int, int]]:
    """The maximal runs of lines (start, end) that ``member`` holds for."""
    n = 0
    while n < len(lines):
        run = n
        while run < len(lines) and member(lines[run]):
            run += 1
        if run > n:
            yield n, run
        n = run + 1


def _channel(word: str) -> bool:
    return bool(_CHANNEL.search(shadow(word)))


def _blank(out: list[str], start: int, end: int, dropped: list[str]) -> None:
    dropped.extend(out[k].strip() for k in range(start, end))
    out[start:end] = [""] * (end - start)


def _without_menus(lines: list[str], dropped: list[str]) -> list[str]:
    """A site's menus and link lists blanked (reported as dropped): channels a line each ("今日頭條" / "專題" /
    "要聞" / "政治新聞" / …), a menu on one line ("国内要闻 省内要闻 本地要闻 精彩点击 专题新闻 通知公告 …", or a bar
    from the home link on: "新闻首页 陕 西 调查·策划 国 内 …"), three or more bulleted short links in a row
    ("·男子包厢拍下…(图)" / "·河南七旬老人…"). Not a list a sentence leads into ("…共设四个门类：" / "消息新闻" / …)."""
    out = list(lines)
    for n, end in _runs(out, lambda raw: 0 < len(t := raw.strip()) <= CHANNEL_MAX and cjk_count(t) == len(t)):
        before = next((out[k].strip() for k in range(n - 1, -1, -1) if out[k].strip()), "")
        if end - n >= MENU_MIN and sum(_channel(out[k].strip()) for k in range(n, end)) >= MENU_MIN \
                and not before.endswith(("：", ":")):
            _blank(out, n, end, dropped)
    for n, raw in enumerate(out):
        words = raw.split()
        if len(words) < MENU_MIN + 1 or any(len(w) > 8 for w in words):
            continue
        if words[0].endswith("首页"):
            _blank(out, n, n + 1, dropped)
            continue
        channel = [_channel(w) or w.endswith(("公告", "数字报", "点击")) for w in words]
        if all(len(w) >= 2 and cjk_count(w) == len(w) for w in words) \
                and (channel[0] or words[0] in ("首页", "主页", "网站首页")) \
                and (sum(channel) * 4 >= len(words) * 3 or (len(words) >= 8 and sum(channel) >= 3)):  # ("参评作品分为 消息新闻 … 五类": a sentence)
            _blank(out, n, n + 1, dropped)
    for n, end in _runs(out, lambda raw: (t := raw.strip())[:1] in ("·", "•") and len(t) <= TITLE_LIST_LINE_MAX
                        and t[-1] not in "。；;：:"):
        if end - n >= LINK_RUN_MIN:
            _blank(out, n, end, dropped)
    return out


def _without_title_lists(lines: list[str], dropped: list[str]) -> list[str]:
    """An e-paper page view's list of the page's headlines ("本版标题导航" / "修武:“美学经济”带火乡村游" /
    "博爱:万亩竹林变身“绿色银行”" / …), each printed again over its article further down: two or more lines in a
    row that all come again later are navigation, and are blanked (reported as dropped). So are runs of ">>"
    pointers (a 导读 box: ">>一碗面,…" / ">>王瑞雪:…"); one ">>" line alone is a digest's headline."""
    out = list(lines)
    for n, raw in enumerate(lines):
        if raw.lstrip().startswith(">>"):
            run = [k for k in (n - 1, n + 1) if 0 <= k < len(lines) and lines[k].lstrip().startswith(">>")]
            if run:
                dropped.append(raw.strip())
                out[n] = ""
            else:
                dropped.append(">>")
                out[n] = raw.lstrip()[2:]
    out = _without_menus(out, dropped)
    lines = out
    later: dict[str, int] = {}
    for n, raw in enumerate(lines):
        text = _list_key(raw)  # ("# 我市中考今日开考": the same headline, marked as one)
        if text:
            later[text] = n  # the last line with this text
    out = list(lines)

    def listed(k: int, n: int) -> bool:
        return k < len(lines) and bool(text := _list_key(lines[k])) and len(text) <= TITLE_LIST_LINE_MAX \
            and text[-1] not in "。…：:" and later[text] > k and later[text] > n + 1  # ("相关新闻：" is a label)

    n = 0
    while n < len(lines):
        run, unlisted = n, 0
        while listed(run, n) or (run > n and listed(run + 1, n) and not unlisted
                                 and cjk_count(_list_key(lines[run - 1])) >= 4 and (text := _list_key(lines[run]))
                                 and len(text) <= TITLE_LIST_LINE_MAX and cjk_count(text) >= 4
                                 and not any(ch in text for ch in "。，,；;：:")):
            unlisted += not listed(run, n)  # (a digest's list may name an item the page never reaches: one such line
            run += 1  # between two listed headlines)
        if unlisted and any(match_photo_credit(lines[k].strip()) or match_byline(lines[k].strip()) for k in range(n, run)):
            run, unlisted = n, 0  # ("本报记者 王乐 摄" under each photo: credits said again, no list of titles)
        if run - n - unlisted >= 2:
            dropped.extend(lines[k].strip() for k in range(n, run))
            out[n:run] = [""] * (run - n)
            if run < len(lines) and _ELLIPSIS_LINE.match(lines[run].strip()):
                dropped.append(lines[run].strip())  # "......": the list goes on elsewhere
                out[run] = ""
                run += 1
        n = max(run, n + 1)
    return out


_ELLIPSIS_LINE = re.compile(r"^(?:\.{3,}|…+|⋯+|。{3,})$")


# a new-media item's closing credits, each role with its name: "记者|王金刚 编辑|苗欣", "审核丨张晓航 终审丨朱代军",
# "记者：张  帆 编辑：李丽" (a staff role among them, or bars between role and name, tell them from a byline)
_WRITER_ROLES = ("记者", "文字", "文", "撰文", "采写", "作者", "通讯员", "实习生", "摄影", "摄像", "图片", "图", "视频")
_STAFF_ROLES = ("责任编辑", "责编", "编辑", "审核", "终审", "复审", "初审", "校对", "监制", "统筹", "策划", "制作", "设计",
                "海报", "主编", "值班编辑")
_CREDIT_PAIR = (rf"(?P<role>{'|'.join(sorted(_WRITER_ROLES + _STAFF_ROLES, key=len, reverse=True))})\s*(?P<sep>[|丨｜:：])\s*"
                r"(?P<name>[\u4e00-\u9fff](?:[ \u3000]{1,2}[\u4e00-\u9fff](?![\u4e00-\u9fff])|[\u4e00-\u9fff·]{1,3})"
                r"(?:[、,，/][\u4e00-\u9fff]{2,4})*)")
_CREDITS_LINE = re.compile(rf"^(?:{_CREDIT_PAIR}[ \u3000]*)+$")
_CREDIT_PAIRS = re.compile(_CREDIT_PAIR)


def _credits_line(line: str, dropped: list[str]) -> str:
    """A line of closing credits: the writers' part kept as a credit, the staff's part dropped (their roles and names
    go to the page's staff). "记者|王金刚 编辑|苗欣" -> "记者：王金刚" (dropped: "编辑：苗欣"); a line of ordinary
    credits ("记者：张帆", "文字：王冰 摄影：李明") comes back unchanged."""
    pairs = list(_CREDIT_PAIRS.finditer(line))
    staff = [m for m in pairs if m.group("role") in _STAFF_ROLES]
    if not staff and all(m.group("sep") in ":：" for m in pairs):
        return line
    dropped.extend(f"{m.group('role')}：{m.group('name')}" for m in staff)
    return " ".join(f"{m.group('role')}：{m.group('name')}" for m in pairs if m.group("role") not in _STAFF_ROLES)


# the next numbered photo's caption run on after a credit: "…老人。 本报记者 周昕 摄 ②“老师傅”…"
# a dateline broken inside its brackets: "本报讯（记者　郭文华　通讯员　李"
_OPEN_REPORTED = re.compile(r"^本报讯\s*(?:本报)?(?:记者|通讯员)[^，。：:（）()]{1,20}$")  # its names, 报道： on the next line
_OPEN_DATELINE = re.compile(r"^[^（(]{0,12}[讯汛]\s*[（(][^）)]{1,40}$")  # (汛: microfilm OCR's slip for 讯)
DATELINE_TAIL_MAX = 6  # characters of the names before the bracket closes on the next line
_RUN_ON_CAPTIONS = re.compile(r"(?:(?<=摄)|(?<=摄[)）]))[ \u3000]+(?=[②-⑳])")


def _split_run_on_headlines(lines: list[str], first_number: int) -> Iterator[tuple[int, str]]:
    """Numbered lines, a headline run on before its dateline split off: e-paper index exports print
    "祖籍宁波的香港企业家   新华社北京8月1日电 近日，…" on one line; numbered captions run on after their credits
    are split too."""
    for number, raw in enumerate(lines, first_number):
        if "摄" in raw and _RUN_ON_CAPTIONS.search(raw):  # "①志愿者看望老人。 本报记者 周昕 摄 ②队员在为老人理发。 …摄": a caption each
            yield from ((number, part) for part in _RUN_ON_CAPTIONS.split(raw))
            continue
        if raw.lstrip()[:1] in "■●◆▲" and (m := _BULLETED_HEADLINE.match(raw.strip())) is not None:
            yield number, m.group("head")  # "■市第六届全民运动会开幕　9月25日，…": a brief's headline, then its text
            yield number, m.group("rest")
            continue
        if "|" in raw and (row := _ONE_CELL_ROW.match(raw)) is not None:
            yield number, ""  # each row an item of its own
            raw = row.group("cell")
        if raw[:1].strip() and (brief := _RUN_ON_BRIEF.match(raw.rstrip())) is not None \
                and _LEAD.match(brief.group("rest")) and not match_byline(brief.group("head")) \
                and not brief.group("head").endswith(("讯", "电", "报道", "消息", "记者", "市", "县", "区", "镇", "乡", "村",
                                                      "街道", "社区")):  # ("日照日报/日照新闻网讯 4月17日,…")
            yield number, brief.group("head")  # "市区新增两处新能源汽车充电站 近日,山阳区、解放区…": a brief's headline
            yield number, brief.group("rest")  # run on before its text under a column of briefs
            continue
        m = _RUN_ON.match(raw.strip()) or (_RUN_ON_BRACKETED.match(raw.strip()) if "〔" in raw or "【" in raw else None)
        if m and not match_byline(m.group("head")) and (credit := match_byline(m.group("rest"))) is not None \
                and (credit[1] or m.group("rest").startswith(("□", "■"))):  # "…一线见闻   □新天水·天水日报记者 景春燕"
            yield number, m.group("head")
            yield number, m.group("rest")
        else:
            yield number, raw


# markdown around a whole line: "**本报记者 冯雪**", "> 编者按：…", "__…__"
_QUOTE = re.compile(r"^>\s*")
_EMPHASIS = re.compile(r"^(\*\*\*|\*\*|\*|__|_)(?P<text>[^*_\s].*?)\1$")  # "**本报记者 冯雪**", "*本版编辑:沈悦*"


def unmark(line: str) -> str:
    """A line without markdown around it: "**本报记者 冯雪**" -> "本报记者 冯雪"; "> 编者按：…" -> "编者按：…"."""
    line = _QUOTE.sub("", line)
    m = _EMPHASIS.match(line)
    return m.group("text").strip() if m else line


def _indent_width(line: str) -> int:
    """Leading white space in columns: "    正文" -> 4, "　　正文" -> 4, "\t正文" -> 4."""
    width = 0
    for ch in line:
        if ch in " \u00a0":
            width += 1
        elif ch == "\u3000":
            width += 2
        elif ch == "\t":
            width += 4
        else:
            break
    return width


CLOSERS = frozenset("。！？!?….”’」』；;：:）)》】\"'")  # what a finished sentence or clause ends with


def glued(text: str) -> bool:
    """A credit follows this text without a space: "…作业。" + "本报记者 宋崇飞 摄"."""
    return not text or text[-1] in CLOSERS


@dataclass(frozen=True)
class PageStyle:
    """How this page sets its body paragraphs, measured on lines that are clearly body text.

    ``paragraph_gap``: the usual number of blank lines between two body paragraphs (0 on a
    page without blank lines, 1 on most exports), so a wider gap marks a new article.
    ``body_indent``: the indent of the page's paragraphs when most are indented (4 for
    "　　" or four spaces), so a line set otherwise (flush left, or centred) stands out.
    """

    paragraph_gap: int | None
    body_indent: int | None
    wrap_width: int | None = None  # a hard-wrapped export's line length: a line that long ran on, it is no headline
    wrap_measure: Callable[[str], int] = _characters  # or columns
    headlines_like_body: bool = False  # the page indents its headlines as its paragraphs (an e-paper's copy)
    headlines_set_apart: bool = False  # every sure headline has a wider gap above it than paragraphs have

    @property
    def indented_body(self) -> bool:
        return self.body_indent is not None

    def wrapped(self, line: Line) -> bool:
        """The line is as long as the page's wrapped lines ("记者日前从修武县农业农村局获悉，该县2024年度3.6万亩高")."""
        # a paragraph's first line is as wide with its indent: "　　记者3月21日从市医疗保障局获悉，目前全市已有1860家"
        return self.wrap_width is not None and self.wrap_measure(line.text) + line.indent // 2 >= self.wrap_width - 1

    def set_like_body(self, line: Line) -> bool:
        """Indented as the page's paragraphs are (within a column)."""
        return self.body_indent is not None and abs(line.indent - self.body_indent) <= 1

    @classmethod
    def measure(cls, lines: list[Line]) -> PageStyle:
        gaps: Counter[int] = Counter()
        indents: Counter[int] = Counter()
        for prev, line in zip(lines, lines[1:]):
            if _clear_body(prev) and _clear_body(line):
                gaps[min(line.gap, 2)] += 1
        for line in lines:
            if _clear_body(line):
                indents[line.indent] += 1
        paragraph_gap = gaps.most_common(1)[0][0] if sum(gaps.values()) >= 2 else None
        total = sum(indents.values())
        indented = sum(n for width, n in indents.items() if width >= 2)
        body_indent = None
        if total >= 3 and indented / total >= 0.6:
            body_indent = max((w for w in indents if w >= 2), key=lambda w: indents[w])
        # headlines beyond doubt (a headline-shaped line over a dateline) set like the paragraphs: indents tell nothing
        headed = [k for k, (line, nxt) in enumerate(zip(lines, lines[1:])) if line.plain and line.headline_shaped
                  and nxt.byline is not None and nxt.byline[1]]
        like_body = body_indent is not None and len(headed) >= 2 \
            and all(abs(lines[k].indent - body_indent) <= 1 for k in headed)
        apart = paragraph_gap is not None and len(headed) >= 2 \
            and all(_group_gap(lines, k) > paragraph_gap for k in headed)
        return cls(paragraph_gap, body_indent, *_wrap_width(lines), headlines_like_body=like_body,
                   headlines_set_apart=apart)


def _group_gap(lines: list[Line], k: int) -> int:
    """The gap above line k's headline group: above a kicker or a column label set right over it ("法治快讯" /
    "孟州检察院开展“送法进校园”活动")."""
    top = k
    while top > 0 and k - top < 2 and lines[top].gap == 0 and lines[top - 1].plain \
            and (lines[top - 1].headline_shaped or cjk_count(lines[top - 1].text) <= 8):
        top -= 1
    return lines[top].gap


OVER_WIDTH_SHARE = 5  # more than one line in five wider than the width: the page is not wrapped at it


def _wrap_width(lines: list[Line]) -> tuple[int | None, Callable[[str], int]]:
    """The length most lines that break off mid-sentence share, when they do (a PDF export wraps at ~30), and how
    it is measured: in characters, or else in columns (Latin letters and digits half as wide), as a PDF is set."""
    open_lines = [line for line in lines if line.plain and line.ends_open]
    # a paragraph's first line may hold its indent inside the column (a full-width space is a column; ``indent``
    # counts it 2): "　　武陟大米米粒饱满、口感香甜，在郑" is as wide as "州、洛阳等地市场十分畅销，每公斤售价"
    return _wrap_of([line.text for line in open_lines], ["\u3000" * (line.indent // 2) + line.text for line in open_lines],
                    every=[line.text for line in lines])


def _wrap_of(*variants: list[str], every: list[str]) -> tuple[int | None, Callable[[str], int]]:
    for texts in variants:
        for measure in (_characters, columns):
            width = _shared_width([measure(t) for t in texts])
            if width is not None and sum(measure(t) > width + 2 for t in every) * OVER_WIDTH_SHARE <= len(every):
                return width, measure
            # (a page with many lines far wider than that is not wrapped there: its headlines happen to be as long)
    return None, _characters


def _raw_wrap_width(lines: list[str]) -> tuple[int | None, Callable[[str], int]]:
    """``_wrap_width`` of the raw lines, before they are read: "①昨天清晨,…享用热气腾腾的早餐。" is 30 wide on
    a page wrapped at 30, so it ran on even though it ends a sentence."""
    open_lines = [t for raw in lines if (t := raw.rstrip()) and t[-1] not in _SENTENCE_END and t[-1] not in _CLOSING]
    return _wrap_of([t.lstrip() for t in open_lines], open_lines, every=[t.strip() for t in lines if t.strip()])


def _shared_width(open_ends: list[int]) -> int | None:
    """The width (give or take one) that at least 60% of these lines share, if there are enough of them."""
    if len(open_ends) < WRAPPED_LINES_MIN:
        return None
    counts = Counter(open_ends)
    width = max(counts, key=lambda n: counts[n] + counts[n - 1] + counts[n + 1])
    near = counts[width] + counts[width - 1] + counts[width + 1]
    # most of them, or many of them on a page of many short lines (headlines, credits, a masthead)
    shared = near * 10 >= len(open_ends) * 6 or (near >= WRAPPED_MANY and near * 10 >= len(open_ends) * 4)
    if NARROW_WRAP_MIN <= width < WRAP_WIDTH_MIN:
        # a narrow column (an 18-character county-paper column): only when many lines are that wide and nearly
        # every other long line breaking off is too (headlines, shorter, are left out of the count)
        long = sum(1 for n in open_ends if n * 4 >= width * 3)
        return width if near >= WRAPPED_MANY and near * 4 >= long * 3 else None
    return width if width >= WRAP_WIDTH_MIN and shared else None


def _clear_body(line: Line) -> bool:
    """A line that is body text beyond doubt: long, and ends a sentence."""
    return line.plain and len(line.text) >= 40 and not line.ends_open and not line.headline_shaped
