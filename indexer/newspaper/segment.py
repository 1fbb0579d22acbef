"""Where articles start: every line gets a role (headline, byline, body, sub-heading, caption, ...) and a reason.

The page is read the way an editor reads it, from all its signals at once. A record is
``[section] [kicker] headline [subtitle] [byline] body… [end credit]`` or a photo caption.
The one hard question is whether a short, unpunctuated line inside an article starts a
new record (a headline) or not (a sub-heading, or a paragraph the layout broke). Each
such line is scored on the evidence for a new record, and every piece of evidence is
kept as the reason shown by ``baokan parse --explain``:

* what follows it: a dateline or byline ("本报讯（记者 张三）…") is the strongest sign;
  a body that opens like a news lead ("3月14日，…", "记者从…获悉") or repeats the line's
  words ("温县举办太极拳比赛" / "…温县在陈家沟举办太极拳比赛") is a sign too;
* how it is set compared with this page's own body paragraphs: a wider blank gap than
  the page puts between paragraphs, no indent where paragraphs are indented, a ``#`` mark;
* what came before: an end credit ("（记者 张三）") closes an article; a paragraph that
  breaks off mid-sentence goes on in the next line; a one-paragraph brief above;
* what it is: numbered ("一、", "（二）") lines, very short lines and lines built like
  another short line of the article ("新校舍：…" / "新机制：…") are sub-headings; a group of
  headline lines (kicker, headline, subtitle) or a column tag ("（社论）") marks a headline.

A line whose evidence adds up to ``START_SCORE`` starts a record. The weights are few and round on purpose:
each stands for a family of page layouts, not for one test page (README, "How a page becomes records").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from indexer.newspaper.bylines import Credit, joined_name, looks_like_name, match_end_credit, signature
from indexer.newspaper.script import shadow
from indexer.newspaper.layout import ENUMERATOR, NUMBERED_PHOTO, Line, PageStyle, bigrams, cjk_count, name_list

CAPTION_TITLE_MAX = 20
EDITORS_NOTE = ("编者按", "编者的话", "编前语", "编者")
# what the desk adds under a reader's signed letter, run on after its label: "编辑的话：读者反映的问题，本报已转…",
# "编者附言：…", "记者调查:记者就此事走访了…" (the signature above it closes the letter, which the note stays with; not
# "编者按：…", which opens the next piece)
POSTSCRIPT = re.compile(r"^[【\[]?(?:编者附言|编辑附言|编辑的话|编后语?|记者调查|记者追踪|记者手记|本报回音|回音|答复)"
                        r"[】\]]?\s*[:：]")
# "市民:张九龄", "姓名：王芳": a field of a profile box ("编者按：…" is a note, not a field)
FIELD = re.compile(r"^(?!编者按|编后|按语|导语|提要|摘要|提示)[\u4e00-\u9fff]{2,3}[:：](?=\S)")
ALL_IN_BRACKETS = re.compile(r"^[(（][^()（）]+[)）]$")  # "(一九四九年六月十六日)": a subtitle closes its headline group
BULLETS = ("△", "▲", "●", "◆", "★", "☆", "■", "•", "▌")  # "△由市教委…": each brief of a column opens with one
BULLET_LOOKAHEAD = 4  # lines below a column label where its second bulleted brief may start (briefs wrap)
GALLERY_MIN = 3  # credited photos in a row under a headline that are a gallery, a caption each
PHOTO_STORY_MAX = 200  # characters of text above a photo that a titled photo story carries
PHOTO_STORY_SHARE = 0.1  # of the caption's character pairs also in that text: more than a date in common
# names of pages and columns: "法治·平安", "副刊·山阳石", "社会新闻", "理论周刊", "县区传真", "国际短讯"
PAGE_NAME = re.compile(r"^(?:[\u4e00-\u9fff]{2,3}[·・][\u4e00-\u9fff]{2,3}"
                       r"|[\u4e00-\u9fff]{1,6}(?:新闻|周刊|专刊|副刊|传真|短讯|简讯|快讯|速览|速递|动态|时评|文苑|要闻|广角|园地|茶座|杂谈|书屋|论坛"
                       r"|来信|回音|追踪|信箱|短波|快评|观察|提示|习作|之窗|视窗|风采|行情|名科|掠影|纪事|直通车"
                       r"|面对面|百科|点评|札记|频道)|图说[\u4e00-\u9fff]{2,4}|摄影报道)$")
# a notice's or document's number under its title: "（2016）豫0802民初1187号", "焦国土告字〔2010〕27号"
DOC_NUMBER = re.compile(r"^[(（〔\[]\d{4}[)）〕\]]\s*\S{1,16}号$|^\S{1,10}[〔\[（(]\d{4}[〕\]）)]\s*\d{1,5}\s*号$")
# a whole headline in brackets, as reposts set them: "【我市2023年中招政策出炉！这些变化要知道】"
BRACKETED_HEADLINE = re.compile(r"^【[^】]{6,40}】$")
# a series' name and part, set apart by a vertical bar: "70年峥嵘岁月丨我与三峡日报", "荐读九江丨…名家寄语①"
SERIES_LINE = re.compile(r"^[^。，,！？丨｜|]{2,16}[丨｜][^。，,！？丨｜|]{2,24}$")
# a series' name with the part's number: "焦作观察⑦", "走基层·看变化③"
SERIES_NUMBERED = re.compile(r"^(?:[\u4e00-\u9fff·・]{2,10}[①-⑳]|【[\u4e00-\u9fff·・]{2,14}[①-⑳]】)$")  # (or "【百年初心·镜头里的焦作⑥】")
# a service column's name, set apart over the headline of each of its pieces: "以案说法", "农技知识", "普法小常识",
# "健康问答", "农技110" (right over the headline it is read as its kicker, which editors disagree on; over a photo it is
# the photo's title: "田间课堂" / "…讲解病虫害防治知识。 本报记者 李阳 摄")
COLUMN_NAME = re.compile(r"^[\u4e00-\u9fff]{1,4}(?:说法|知识|常识|问答|顾问|讲堂|课堂|贴士|110)$")
# a column's name in brackets, alone on its line: "【城事】", "【每日金句】", "〓山西观察〓", "〔科技之窗〕", "［读者来信］"
BRACKETED_BANNER = re.compile(r"^【(?:庆祝|纪念|喜迎|迎接|献礼|礼赞|聚焦|奋进|学习贯彻|决胜|致敬)[\u4e00-\u9fff·・]{3,14}】$")
BRACKETED_LABEL = re.compile(r"^(?:【[\u4e00-\u9fff]{2,6}】|〓[\u4e00-\u9fff]{2,6}〓|〔[\u4e00-\u9fff]{2,6}〕|［[\u4e00-\u9fff]{2,6}］"
                             r"|〖[\u4e00-\u9fff]{2,6}〗|[·・•][ \u3000]?[\u4e00-\u9fff]{2,6}[ \u3000]?[·・•]"  # ("· 市场走笔 ·")
                             # a call for contributions in quotes: "〔“我与焦作”征文〕", "【“身边的感动”征文选登】"
                             r"|[【〔［〖]“[\u4e00-\u9fff]{2,10}”(?:征文|征稿|有奖征文|征文选登|专栏)[】〕］〗])$")
# a column's name set out letter by letter: "太 行 风", "山 阳 石"
SPACED_LABEL = re.compile(r"^[\u4e00-\u9fff](?:[ \u3000]{1,2}[\u4e00-\u9fff]){1,4}$")
# a page's name set out with spaces between its characters, its last word whole: "山　阳　副刊"
_SPACED_NAME = re.compile(r"^[\u4e00-\u9fff](?:[ \u3000]{1,2}[\u4e00-\u9fff]){1,4}[\u4e00-\u9fff]?$")


def _despaced(text: str) -> str:
    """"山　阳　副刊" -> "山阳副刊"; any other text as it is."""
    return re.sub(r"[ \u3000]+", "", text) if _SPACED_NAME.match(text) else text
FIRST_SECTION = re.compile(r"^(?:[(（]一[)）]|一、|第一[、，,]|1[.、．](?!\d))")  # "（一）": numbered sections begin
SECTION_MAX = 6  # "## 科技视界", "## 时评": a column label is a word or two
KICKER_MAX = 30  # a kicker or subtitle line without "——"; a longer line over a headline is body text
PARALLEL_WINDOW = 60  # lines looked at for a sub-heading's twin: one article's worth
TITLE_GROUP_MAX = 4  # kicker, headline (sometimes set on two lines), subtitle
SUBHEAD_MAX = 12
SPACED_TITLE_MAX = 6  # "讣　告", "征 稿 启 事": a title this short may be set with spaces between its characters
SERIES_MIN, SERIES_MAX = 4, 10  # three lines of one length (4-10) in an article are a series of sub-headings
LEAD_IN_MAX = 24  # "博爱县寨卜昌村：", "政府工作报告引起在京海南人麦瑶共鸣:": what comes before the colon of a headline  # "产业链条越拉越长": sub-headings are short; a longer unmarked line may be a broken paragraph
START_SCORE = 1.5
SUBHEAD_MARKS = "▶►◆"  # a feature's sub-headings in a repost: "▶ 小区门口的“流动哨”" (■ and ● mark briefs as often)
# "2. 波黑塞族军队前司令…", "【2】焦作至平顶山高速公路…": an item's number before its headline (not "1.5万名考生…")
_ITEM_NUMBER = re.compile(r"^(?:(\d{1,2})(?:[.．](?!\d)\s*|、)|【(\d{1,2})】\s*)(?=[^\d\s])")
# "同心绘就中国式现代化新图景（社论）", "…（新春走基层）", "…（政策问答·回应关切）": a column tag closes a headline
NAME_LINE = re.compile(r"^[\u4e00-\u9fff]{2,3}$")  # "刘洪", "钱云飞" (four characters are more often a phrase)
SALUTATION = re.compile(r"^[^，,。！？]{2,24}[，,、][^，,。！？]{0,12}[:：]$|^[^，,。！？]{2,16}[:：]$")  # "各位委员，同志们："
_COLUMN_TAG = re.compile(r"(?<=\S\S)[（(](?P<tag>[^()（）\d]{2,24})[)）]$")
# not columns: "(节选)", "（上）", a date "(一九四九年六月十六日)", an author's note "（作者为…）"
_NOT_COLUMN = re.compile(r"^(?:节选|摘要|全文|续|上|中|下|图|附图|[一二三四五六七八九十〇零]+年.*|作者.*)$")
# "坚持创新驱动 建设科技强市": two phrases side by side
TWO_PART = re.compile(r"[\u4e00-\u9fff”》][ \u3000]+[\u4e00-\u9fff“《]")  # the evidence a headline-shaped line inside an article needs to start a new record
# who speaks, under the headline of a forum's part: "全国人大代表、温县陈家沟太极拳学校校长 陈小平"
SPEAKER = re.compile(r"^[\u4e00-\u9fff、，,（）()·]{2,40}(?:代表|委员|校长|院长|主任|书记|主席|局长|经理|董事长|理事长|会长|所长|教授|研究员"
                     r"|负责人|总经理|厂长|村长|社长|站长|队长|支书)[ \u3000]+[\u4e00-\u9fff]{1,2}[ \u3000]?[\u4e00-\u9fff]{1,2}$")
# a reader's question and the answer under a column of them, each pair an item: "问：…" / "答：…"
QA_QUESTION = re.compile(r"^问\s*[:：]")
QA_ANSWER = re.compile(r"^答\s*[:：]")
# "问：如何发挥规划…？", "记者：…": a question of an interview, under the part's sub-heading
INTERVIEW_QUESTION = re.compile(r"^(?:问|记者|本报记者|主持人)[:：]")
# a box's label in brackets before the box's title: "【链接】首日部分项目冠军" (the label one of boxes.txt)
BOX_AND_TITLE = re.compile(r"^[【\[［]([\u4e00-\u9fff]{2,6})[】\]］]\s*[^，。,.；;！？!?\s][^，。,.；;]{1,19}$")
# classified notices: "遗失声明" over "…不慎遗失营业执照副本，…声明作废。" lines; a paid block, like an advertisement
# (a heading may be starred or boxed: "★遗失声明★")
# a box of figures under its own title: "数说焦作这一年", "数读·2024年我市经济运行", "一图读懂政府工作报告"
DATA_BOX = re.compile(r"^(?:数说|数读|数看|数字看|数据看|一图读懂|图解)[·・:：]?[\u4e00-\u9fff\d“”]{2,16}$")
# a notice's title, alone on its line: "征稿启事", "讣告", "关于…坟墓迁移的公告", "招聘启事"
NOTICE_TITLE = re.compile(r"^[\u4e00-\u9fff“”《》、\d]{0,30}(?:启事|公告|通告|讣告|告示|公示|声明|敬告|谨告)$"
                          r"|^(?:停水|停电|停气|停暖|放假|开学|招生|报名|换证|缴费|交通管制|封路)通知$"  # "停水通知"
                          # a document's title: "关于表彰全市优秀共产党员、…和先进基层党组织的决定"
                          r"|^关于[\u4e00-\u9fff“”《》、，\d]{2,60}的(?:决定|通知|意见|通报|决议|命令|批复)$")
# a notice's text opening under its title: "经研究，…", "根据…", "为…"
NOTICE_TEXT = re.compile(r"^(?:经|根据|按照|依据|为了?|兹|现将|现就)")
# who issues a notice, on the line over its title: "焦作市城市管理局" / "关于塔南路施工期间交通管制的通告"
ISSUER = re.compile(r"^[\u4e00-\u9fff（）()]{2,24}(?:局|委员会|委|人民政府|政府|公司|中心|办公室|法院|检察院|指挥部|银行|医院"
                    r"|学校|大学|厅|管理处|办事处|所|站|支队|大队)$")
# an office or company signing a letter or reply at its end: "孟县农业生产资料公司" (a name, no verb in it:
# "新华街小学建起校园广播站" is a headline)
SIGNER = re.compile(r"^(?!.*(?:建|办|开|推|召|举|设|成|获|启|迎|让|为|进|助|抓|促|提|实|创))"
                    r"[\u4e00-\u9fff（）()]{4,16}(?:公司|局|委员会|办公室|法院|检察院|人民政府|厅|协会|学会|研究会|总会|医院)$")
CLASSIFIED_TITLE = re.compile(r"^[★☆■□●◆【\[\s]*(?:(?:遗失|挂失|作废)(?:声明|启事)|分类广告|声明启事)[★☆■□●◆】\]\s]*$")
BRIEF_MAX_CHARS = 300
# of a one-line headline's character pairs already in the article above: a sub-heading sums up the story it is
# part of ("党的领导是发展全过程人民民主的根本保证" in an article on 全过程人民民主); a new article brings new words
ABOVE_SHARE = 0.3  # an article of one paragraph this short is a brief: the next headline-shaped line is news


@dataclass
class Draft:
    """A record being assembled: its headline, credit, paragraphs (sub-headings marked) and captions."""

    kind: str
    title: str = ""
    section: str | None = None
    byline: Credit | None = None
    paragraphs: list[str] = field(default_factory=list)
    subheads: set[int] = field(default_factory=set)  # indexes of paragraphs that are sub-headings
    # headline groups kept inside the article, as (first paragraph, lines): a second author may show one was a headline
    groups: list[tuple[int, int]] = field(default_factory=list)
    captions: list[tuple[str, Credit]] = field(default_factory=list)
    photo: tuple[str, Credit] | None = None
    closed: bool = False  # an end credit was printed: the article is over
    feature: bool = False  # its byline stands on a line of its own under the headline, as features print it
    level: int = 0  # the markdown heading level its headline was marked with, 0 if none
    source_ended: bool = False  # a copy's source line closed it, not a credit
    web_copy: bool = False  # its headline had a web copy's fields under it ("来源：… 作者：… 发布时间：…")
    resumed: bool = False  # its text jumped to another page ("（下转第8版）") and was taken up there

    _words: set[str] = field(default_factory=set, repr=False)
    _counted: int = field(default=0, repr=False)

    def add(self, text: str, subhead: bool = False) -> None:
        if subhead:
            self.subheads.add(len(self.paragraphs))
        self.paragraphs.append(text)

    def words(self) -> set[str]:
        """The character pairs of its paragraphs so far (counted as they are asked for)."""
        for text in self.paragraphs[self._counted:]:
            self._words |= bigrams(text)
        self._counted = len(self.paragraphs)
        return self._words

    def credit(self, credit: Credit) -> None:
        self.byline = credit if self.byline is None else self.byline.merged(credit)


@dataclass(frozen=True)
class Explained:
    """One line of the page with the role it got and the main reason: ``baokan parse --explain``."""

    number: int
    role: str
    reason: str
    text: str


class Labels(frozenset[str]):
    """Labels written in Simplified characters that hold a label in Traditional ones too: "本報新聞" in Labels({"本报新闻"})."""

    def __contains__(self, text: object) -> bool:
        return super().__contains__(text) or (isinstance(text, str) and super().__contains__(shadow(text)))


def _labels(name: str) -> Labels:
    text = resources.files("indexer.newspaper").joinpath("data", name).read_text(encoding="utf-8")
    return Labels(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def section_labels() -> Labels:
    """Labels in indexer/newspaper/data/sections.txt ("简讯", "时评", ...)."""
    return _labels("sections.txt")


@lru_cache(maxsize=1)
def box_labels() -> Labels:
    """Labels in indexer/newspaper/data/boxes.txt ("记者手记", "相关链接", ...)."""
    return _labels("boxes.txt")


class Segmenter:
    """Walks the lines of one page and assembles drafts, explaining each line's role."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.style = PageStyle.measure(lines)
        self.drafts: list[Draft] = []
        self.dropped: list[str] = []
        self.explained: list[Explained] = []
        self.section: str | None = None
        self.bracketed_headlines = False  # a headline in 【】 has been taken: the page sets them so
        self._marks: dict[str, int] = {}
        # the page's articles are marked at one heading level and more than one of them is (sub-headings go deeper)
        levels = [line.level for line in lines if line.heading]
        self.nested_headings = len(set(levels)) > 1 and levels.count(min(levels)) >= 2
        self.top_level = min(levels, default=0)
        self.cur: Draft | None = None
        self._owners: dict[int, Draft | None] = {}  # the draft each line went to, as explained

    # --- looking at lines --------------------------------------------------------------

    def at(self, i: int) -> Line | None:
        return self.lines[i] if 0 <= i < len(self.lines) else None

    def is_section(self, i: int) -> bool:
        """A column label: "简讯" alone, or a heading followed by another heading or a headline.

        "## 科技视界" then "## 清华大学教授到中区开展产学研对接活动" -> section 科技视界;
        "# 温县：怀药产业插上科技翅膀" then "——温县推进怀药精深加工见闻" is a headline and its subtitle.
        """
        line, nxt = self.at(i), self.at(i + 1)
        if line is None or nxt is None or self._listed(i):
            return False
        if line.plain and line.text in section_labels():
            return True
        if (line.plain or line.heading) and PAGE_NAME.match(_despaced(line.text)) and line.text not in box_labels() \
                and not (nxt.byline is not None and len(line.text) > SECTION_MAX) \
                and (self.title_group(i + 1) is not None or not (self.drafts or self.cur) or nxt.photo is not None):
            # (a longer line right over a dateline is its headline: "寒潮来袭出行提示" / "本报讯（记者 王冰）…")
            # "法治·平安", "社会新闻", "县区传真" over a headline or atop the page, "图说孟州" over photos: the
            # page's or column's name
            return True
        if line.plain and line.headline_shaped and len(line.text) <= SECTION_MAX and nxt.photo is not None \
                and (after := self.at(i + 2)) is not None and after.photo is not None \
                and nxt.text.startswith(("①", "图①")) and after.text.startswith(("②", "图②")):
            return True  # "赛场掠影" over "①…本报记者 X 摄" / "②…通讯员 Y 摄": the name of a numbered group of photos
        if (line.plain or line.heading) and SERIES_NUMBERED.match(line.text) and self.title_group(i + 1) is not None:
            return True  # "焦作观察⑦" over "既要“面子”更要“里子”": a series' name and its part
        if line.plain and SERIES_LINE.match(line.text) and self.title_group(i + 1) is not None:
            return True  # "70年峥嵘岁月丨我与三峡日报" over a headline: the series the piece belongs to
        if line.plain and LATIN_LABEL.match(line.text) and self.title_group(i + 1) is not None:
            return True  # "Letters to the Editor" over "殴打记者是因为心里恐惧": a column's name in English
        if line.plain and COLUMN_NAME.match(line.text) and nxt.gap > 0 and self.title_group(i + 1) is not None:
            return True  # "以案说法" / "" / "醉驾撞人致伤　司机获刑四个月": the column, set apart; right over it, a kicker
        if line.plain and BRACKETED_BANNER.match(line.text) and nxt.gap > 0 and self.title_group(i + 1) is not None:
            return True  # "【庆祝首届中国农民丰收节】" / / "金秋怀川丰收忙": a banner over the page's story, set apart
        if line.plain and BRACKETED_LABEL.match(line.text) and self.title_group(i + 1) is not None:
            return True  # "【城事】" over "●一碗面,暖了环卫工人的心窝": a digest's column
        if line.plain and SPACED_LABEL.match(line.text) and self.title_group(i + 1) is not None \
                and not (self.cur is not None and self.cur.title and not self.cur.paragraphs):
            return True  # "太 行 风" over "故乡的柿子树": a column's name, spaced out (not an author's name under a headline)
        if line.headline_shaped and len(line.text) <= SECTION_MAX and nxt.text.startswith(BULLETS) and any(
                (b := self.at(k)) is not None and b.text.startswith(nxt.text[0]) for k in range(i + 2, i + 2 + BULLET_LOOKAHEAD)):
            return True  # "三秦短波" over "△由市教委…" / "△在京…" (wrapped or not): a column of bulleted briefs
        if line.text.endswith((":", "：")) and line.text.rstrip(":：") not in section_labels():
            return False  # "# 新华网载文:" over "# 洛阳牡丹成中国“名片”": a colon leads into the headline below
        if not line.heading or (len(line.text) > SECTION_MAX and line.text not in section_labels()):
            return False  # "# 硬“核”力量落地招远" over "# 首个…核电机组全面启动建设": a headline on two lines
        if nxt.heading:
            if nxt.text.startswith("—"):
                return False
            if line.text in section_labels():
                return True
            # "## 科技视界" / "" / "## 清华大学教授…": a column's name, set apart; "# 稳住经济大盘" right over
            # "# 我市前8个月…" (or "### 护航营商环境" over "## 我市法院…"): a kicker, one headline group
            return nxt.gap > 0
        group = self.title_group(i + 1)
        return group is not None and not nxt.text.startswith("—") and self.followed_by_credit(group)

    def title_group(self, i: int) -> int | None:
        """The end (exclusive) of a headline group starting at line i, or None.

        Up to four headline lines (kicker, headline on one or two lines, subtitle; "# " headings count) that
        are followed by something a headline stands over: a byline, body text, a caption.
        """
        first = self.at(i)
        if first is None or (self.style.wrapped(first) and not self._wide_headline(i)) or self._listed(i):
            return None
        if not (first.headline_shaped or first.heading or self._lead_in(i)) or DOC_NUMBER.match(first.text) \
                or INTERVIEW_QUESTION.match(first.text) or MOURNERS.match(first.text):
            return None  # ("问:养老保险能不能接着交?(山阳区王女士)": a reader's question, not a headline)
        if (signed := self.at(i + 1)) is not None and signed.date_alone:
            return None  # "焦作市公安局交通警察支队" over "2024年3月22日": who signed the notice above
        if SIGNER.match(first.text) and first.gap == 0 and first.plain and self.cur is not None and self.cur.paragraphs \
                and self.cur.byline is None and (nxt := self.at(i + 1)) is not None and not nxt.text.startswith("关于") \
                and nxt.byline is None:
            return None  # "…望予谅解。" / "孟县农业生产资料公司" / "修武县推广小麦联合收割": who signed the letter above
        j = i + 1
        while j - i < TITLE_GROUP_MAX and (nxt := self.at(j)) is not None and (nxt.headline_shaped or nxt.heading
                                                                              or self._over_subtitle(j)) \
                and not nxt.enumerated \
                and not self._name_over_text(j) and (nxt.heading or not self._field_line(j)) \
                and (not self.style.wrapped(nxt) or nxt.text.startswith("——")) \
                and not ALL_IN_BRACKETS.match(self.lines[j - 1].text) \
                and (_short_title_line(nxt) or nxt.heading
                     or (j == i + 1 and ISSUER.match(first.text) is not None and nxt.text.startswith("关于")
                         and NOTICE_TITLE.match(nxt.text) is not None)) \
                and not column_tag(self.lines[j - 1].text) \
                and not nxt.text.startswith("【") and not INTERVIEW_QUESTION.match(nxt.text) \
                and not SPEAKER.match(nxt.text) and not DOC_NUMBER.match(nxt.text) \
                and (not NOTICE_TITLE.match(self.lines[j - 1].text) or nxt.text.startswith("——")
                     or not (NOTICE_TEXT.match(nxt.text) or "，" in nxt.text or "," in nxt.text)) \
                and not (nxt.gap > first.gap and not first.heading):  # "…笑声比灯光还暖" / / "读《怀庆府志》札记"
            j += 1
        if j - i > 1 and not (_short_title_line(first) or first.heading):
            j = i + 1  # a long line is no kicker: alone it is a headline, or "…等疫情防控点位慰问了", a broken paragraph
        after = self.at(j)
        if after is None:
            return None
        if j - i == TITLE_GROUP_MAX and after.headline_shaped and not after.enumerated:
            return None  # a run of short lines longer than a headline group: a list, not a headline
        return j

    def _listed(self, i: int) -> bool:
        """Line i is an item of a list that a sentence of the text above leads into: "…本届评选共设四个门类：" /
        "消息新闻" / "新闻评论" / …: words of the article, not a column or a headline."""
        k = i - 1
        while k >= 0 and (above := self.lines[k]).gap == 0 and above.plain and above.headline_shaped \
                and len(above.text) <= SUBHEAD_MAX and k > i - 8:
            k -= 1  # (the list's earlier items)
        if k < 0:
            return False
        lead = self.lines[k]
        return lead.text.endswith(("：", ":")) and not lead.heading and self.lines[i].gap == 0 \
            and (lead.byline is not None or len(lead.text) > LEAD_IN_MAX or "，" in lead.text or "。" in lead.text)

    def _repeats_copy_title(self, headline: str) -> bool:
        """The current record is only a web copy's title, and ``headline`` (a printed headline group) holds it again."""
        cur = self.cur
        return cur is not None and cur.kind == "article" and bool(cur.title) and not cur.paragraphs \
            and not cur.captions and cur.byline is None and _squashed(cur.title) in _squashed(headline)

    def _wide_headline(self, i: int) -> bool:
        """Line i is as long as the page's wrapped lines but is a headline: no comma in it, and a dateline right under
        it ("马村区关停取缔“散乱污”企业136家 环境质量明显改善" / "本报讯(记者王冰)今年以来,…" on a page wrapped at 25)."""
        line, nxt = self.lines[i], self.at(i + 1)
        if nxt is not None and nxt.byline is None and nxt.plain and nxt.gap == 0 and nxt.headline_shaped \
                and not self.style.wrapped(nxt) and (after := self.at(i + 2)) is not None and after.byline is not None \
                and after.gap == 0 and (i == 0 or line.gap > 0) and "  " not in line.text \
                and self.style.wrap_width is not None and self.style.wrap_measure(line.text) <= self.style.wrap_width + 1:
            # or a headline the column wrapped onto a second, shorter line, set apart above: "河南理工大学一项成果获省" /
            # "科技进步一等奖" / "本报讯（记者 曹 阳…）…" on a page wrapped at 13
            return line.headline_shaped and not any(ch in "，,、；;" for ch in line.text + nxt.text)
        return nxt is not None and nxt.byline is not None and line.headline_shaped \
            and not any(ch in "，,、；;" for ch in line.text)

    def _over_subtitle(self, j: int) -> bool:
        """Line j is a headline line that ends open ("七旬老人的养老钱是怎样被骗走的"), set between a headline line and
        its subtitle ("——山阳区法院审结…"): short, no sentence in it, and the subtitle right under it."""
        line, nxt = self.lines[j], self.at(j + 1)
        return line.plain and nxt is not None and nxt.plain and nxt.text.startswith("——") \
            and len(line.text) <= KICKER_MAX and not any(ch in "。，,；;！!？?" for ch in line.text)

    def _lead_in(self, i: int) -> bool:
        """Line i is the first part of a headline broken after a colon, a headline line below it and then a
        credit: "博爱县寨卜昌村：" / "古村落里兴起新产业" / "本报记者 李  丹"."""
        line, nxt, after = self.lines[i], self.at(i + 1), self.at(i + 2)
        # (more than a field's two- or three-character label: "市民：" heads a profile box's field)
        if line.plain and line.text.endswith("、") and 5 <= len(line.text) <= LEAD_IN_MAX \
                and not any(ch in "。，,；！？" for ch in line.text) and nxt is not None and nxt.headline_shaped \
                and len(nxt.text) <= SUBHEAD_MAX and after is not None and (after.byline is not None or after.opens_like_a_lead) \
                and (i == 0 or line.gap > 0 or (prev := self.lines[i - 1]).end_credit is not None or prev.credit_only):
            return True  # a headline wrapped at a list's comma, after the item above closed: "…义务理发、打扫卫生、" / "检修家电"
        return line.plain and line.text.endswith(("：", ":")) and 5 <= len(line.text) <= LEAD_IN_MAX \
            and not any(ch in "。，,；！？" for ch in line.text) \
            and nxt is not None and nxt.headline_shaped and after is not None and after.byline is not None

    def _parallel(self, i: int) -> bool:
        """Line i has a twin among the article's other short lines: "新校舍：…" / "新机制：…",
        "产业链条越拉越长" / "创新动能越来越足" (looked for in the article so far and in the lines below,
        up to the next credit, heading or label, at most ``PARALLEL_WINDOW`` of each)."""
        text = self.lines[i].text
        cur = self.cur
        others = [cur.paragraphs[k] for k in sorted(cur.subheads)[-PARALLEL_WINDOW:]] if cur is not None else []
        for line in self.lines[i + 1:i + 1 + PARALLEL_WINDOW]:  # a window: a long page stays linear
            if not line.plain or line.end_credit is not None or line.text in section_labels():
                break
            if line.headline_shaped and not line.enumerated:
                others.append(line.text)
        if SERIES_MIN <= len(text) <= SERIES_MAX and not NOTICE_TITLE.search(text) \
                and sum(len(other) == len(text) for other in others if other != text) >= 2:
            return True  # "工业生产稳步增长" / "投资拉动作用增强" / "消费市场总体平稳": a series of sub-headings of one length
        if cur is not None and cur.feature and len(text) <= SERIES_MAX and not self.followed_by_credit(i + 1) \
                and sum(len(other) <= SERIES_MAX for other in others if other != text) >= 2:
            return True  # "老房子变成了摇钱树" / "年轻人回来了" / "路越走越宽": a feature's short sub-headings
        return any(_twins(text, other) for other in others if other != text)

    def _short_lines_below(self, i: int) -> bool:
        """Another short headline-shaped line follows before the next credit, heading or label: a feature's
        sub-headings come in series, so a lone one under an article that had none is more likely a headline."""
        for line in self.lines[i:i + PARALLEL_WINDOW]:
            if not line.plain or line.end_credit is not None or line.text in section_labels():
                return False
            if line.headline_shaped and len(line.text) <= SUBHEAD_MAX:
                return True
        return False

    def _field_line(self, i: int) -> bool:
        """Line i is one field of a profile box, with another field just below: "市民:张九龄" / "53岁 司机" /
        "声音:“可盼望到今天能开通了…”" are the box's text, not lines of the headline above."""
        if not FIELD.match(self.lines[i].text):
            return False
        # (a credit "作者：程莉 郭慧" under "解放区：春风行动送岗位上门" is no second field)
        return any(FIELD.match(line.text) and line.byline is None for line in self.lines[i + 1:i + 3])

    def _name_over_text(self, i: int) -> bool:
        """Line i is a name alone ("钱云飞") with text below it: the author under a headline, not part of it."""
        line, nxt = self.lines[i], self.at(i + 1)
        return _name_alone(line.text) and nxt is not None and nxt.plain and not nxt.headline_shaped

    def split_second_author(self, cur: Draft, credit: Credit) -> bool:
        """An end credit naming other people than the byline under the headline means two articles ran
        together: "作者：刘伟" … "文化自信从何而来？" … "赵敏（作者为焦作大学副教授）". The last sub-heading
        of the article becomes the second article's headline."""
        # the last sub-heading, else the last headline-shaped line that did not start a record on its own evidence
        # (a numbered one, "三、以作风建设优化发展环境", is a section of the first article, never a headline)
        candidates = {k for k in cur.subheads if not ENUMERATOR.match(cur.paragraphs[k])} \
            or {start for start, _ in cur.groups if start > 0}
        # (the same reporter's bracketed credit closes a brief of theirs under a feature they signed above:
        # "本报记者 邵春雨" over the feature … "“爱心粥屋”开进府城街道" / "…免费供应早餐。(记者 邵春雨)")
        again = cur.feature and credit.text.lstrip()[:1] in "(（"
        if cur.kind != "article" or cur.byline is None or not cur.byline.people or not credit.people \
                or (set(credit.people) & set(cur.byline.people) and not again) or not candidates:
            return False
        k = first = max(candidates)
        if cur.paragraphs[k].startswith(("—", "(", "（")):  # a subtitle is no headline alone: the line above is
            for start, size in cur.groups:  # "《光明日报》发刊词(节选)" / "(一九四九年六月十六日)"
                if 0 < start < k < start + size:
                    first = k - 1
        if k == len(cur.paragraphs) - 1:
            return False
        lines, rest = cur.paragraphs[first:k + 1], cur.paragraphs[k + 1:]
        title = " ".join(lines)
        del cur.paragraphs[first:]
        cur.subheads -= set(range(first, k + 1))
        second = self.start("article", title)
        for text in rest:
            second.add(text)
        for n, line in enumerate(self.explained):
            if line.role in ("subhead", "body") and line.text.strip().lstrip("#").strip() in lines:
                self.explained[n] = Explained(line.number, "headline", "a second author's credit below: " + line.reason, line.text)
        return True

    def ends_article(self, i: int) -> bool:
        """Nothing of the article can follow line i: the page ends (or another page's header comes), a headline group or
        another credit line starts."""
        line = self.at(i)
        return line is None or line.after_break or line.heading or self.title_group(i) is not None or line.credit_only or self.is_section(i)

    def is_author_line(self, i: int) -> bool:
        """A person's name alone on the line just under a headline, with text below it ("刘洪")."""
        line, nxt = self.lines[i], self.at(i + 1)
        cur = self.cur
        return (
            cur is not None and cur.kind == "article" and bool(cur.title) and not cur.paragraphs and cur.byline is None
            and line.plain and _name_alone(line.text) and nxt is not None and nxt.plain
        )

    def followed_by_credit(self, end: int) -> bool:
        nxt = self.at(end)
        return nxt is not None and nxt.byline is not None

    def new_record_score(self, i: int, end: int) -> tuple[float, list[str]]:
        """The evidence that the headline group lines[i:end] starts a new record inside the current article."""
        line = self.lines[i]
        nxt = self.at(end)
        cur = self.cur
        score, why = 0.0, []

        def note(points: float, reason: str) -> None:
            nonlocal score
            score += points
            why.append(f"{reason} ({points:+g})")

        if nxt is not None and nxt.byline is not None and nxt.credit_only and cur is not None and cur.paragraphs \
                and signature(nxt.text) and self.ends_article(end + 1):
            note(-2, "the credit below has nothing under it: it signs the text above")  # "孟州市读者　张玉兰"
        elif nxt is not None and nxt.byline is not None:
            note(4, "followed by a dateline or byline")
        elif nxt is not None and self._name_over_text(end):
            note(4, "followed by the author's name")
            if cur is not None and cur.byline is not None and cur.byline.people \
                    and joined_name(nxt.text) not in cur.byline.people:
                note(2, "another author than the article above's")  # "□李　牧" over poems … "读《怀川旧事》" / "马德厚"
        if line.fields_below:
            note(4, "a web copy's fields about the item under it (来源, 发布时间): the item's headline")
        if line.heading and cur is not None and cur.paragraphs and 0 < cur.level < line.level and self.nested_headings:
            note(-1, f"a level-{line.level} heading under an article headed at level {cur.level}: its sub-heading")
        elif line.heading:
            note(3, "marked as a heading")
        elif self.bracketed_headlines and BRACKETED_HEADLINE.match(line.text):
            note(3, "in brackets, as the page's other headlines are")  # a repost: "【市教育局提醒：…】"
        if nxt is not None and name_list(nxt.text):
            note(2, "a list of names under it")
        if nxt is not None and FIRST_SECTION.match(nxt.text) and not line.enumerated:
            note(2, "followed by the first of numbered sections (（一）, 一、)")
        if line.enumerated and cur is not None and cur.closed and self._numbered_items(i):
            note(1, "numbered like the items before it, after the credit that closed the one above")
        elif line.enumerated:
            note(-4, "numbered like a sub-heading")
        if CLASSIFIED_TITLE.match(line.text):
            note(3, "the heading of classified notices (遗失声明)")
        elif DATA_BOX.match(line.text) and end - i == 1:
            note(2, "a data box's title (数说…, 数读…)")
        elif NOTICE_TITLE.match(_despaced(line.text)) and end - i == 1:
            note(4, "a notice's title (征稿启事, 讣告, …公告)")
            if (number := self.at(end)) is not None and DOC_NUMBER.match(number.text):
                note(3, "its document number under it (（1996）焦经初字第47号)")
        elif end - i == 2 and ISSUER.match(line.text) and NOTICE_TITLE.match(self.lines[i + 1].text) \
                and self.lines[i + 1].text.startswith("关于"):
            note(4, "a notice's title under its issuer (焦作市城市管理局 / 关于…的通告)")
        if cur is not None and cur.closed:
            note(3, "the article above ended with its credit")
        gap = self.style.paragraph_gap
        if gap is not None:
            if line.gap > gap:
                note(2, "set off by a wider gap than the page's paragraphs")
            elif line.gap < gap:
                note(-1, "closer to the text above than paragraphs are")
            elif self.style.headlines_set_apart and not line.heading:
                note(-2, "no wider gap above it, as the page sets apart its headlines")
        if self.style.indented_body and not self.style.headlines_like_body:
            if self.style.set_like_body(line):
                note(-3, "indented like the page's paragraphs")
            elif line.indent > (self.style.body_indent or 0):
                note(1, "centred, unlike the page's paragraphs")
            else:
                note(1, "not indented, unlike the page's paragraphs")
        if end - i >= 2:
            note(1, f"a headline group of {end - i} lines")
        if column_tag(self.lines[end - 1].text):
            note(1.5, "ends with a column tag such as （社论）")
        elif TWO_PART.search(line.text):
            note(0.5, "a two-part headline")
        if nxt is not None and nxt.plain and nxt.opens_like_a_lead:
            note(1, "the text below opens like a news lead")
        elif nxt is not None and nxt.plain and SALUTATION.match(nxt.text):
            note(2, "the text below opens with a salutation, as a speech or letter does")
        elif nxt is not None and nxt.plain and nxt.text.lstrip("【[").startswith(EDITORS_NOTE) and end - i <= 2:
            note(3, "the text below opens with an editor's note, as a new piece does")  # "编者按：本报近日收到…"
        if nxt is not None and nxt.byline is None:
            words = set().union(*(bigrams(t.text) for t in self.lines[i:end]))
            below = bigrams(nxt.text[:80])
            share = len(words & below) / len(words) if words else 0.0
            if share >= 0.5:
                note(2, "repeats its words in the text below")
            elif share >= 0.25:
                note(1.5, "shares its words with the text below")
            elif share > 0.1:
                note(0.5, "shares a few words with the text below")
        if cur is not None and cur.paragraphs and end - i == 1 and not line.heading and not column_tag(line.text):
            words = bigrams(line.text)
            share = len(words & cur.words()) / len(words) if len(words) >= 4 else 0.0
            if share >= ABOVE_SHARE:
                note(-1, "repeats words of the article above: its story may go on")
        if cur is not None and cur.feature and line.text[:1] in SUBHEAD_MARKS and not self.followed_by_credit(end) \
                and self._marked_lines(line.text[0]) >= 2:
            note(-3, f"marked {line.text[0]} like other short lines of this feature: its sub-headings")
        if cur is not None and cur.feature and (cur.subheads or line.heading or end - i > 1 or self._short_lines_below(end)):
            note(-1, "the article above is a feature (byline on its own line), and features have sub-headings")
        elif cur is not None and cur.paragraphs and len(cur.paragraphs) == 1 and not cur.subheads \
                and len(cur.paragraphs[0]) <= BRIEF_MAX_CHARS and "——" not in cur.title:
            # (under "稳中有进 亮点纷呈 ——上半年全市经济运行综述", a headline with a subtitle, the paragraph is a lead)
            note(1, "the article above is a one-paragraph brief")
        if cur is not None and cur.paragraphs and end - i == 1 and not line.heading and self._parallel(i):
            note(-2, "parallel to another short line of this article, as sub-headings are")
        elif cur is not None and cur.paragraphs and line.text.endswith("——") and not line.heading and self._parallel(i):
            note(-2, "a speaker's label (黄三文委员——) like others in this article: one part of a forum")
        if nxt is not None and nxt.plain and INTERVIEW_QUESTION.match(nxt.text):
            note(-2, "the text below is an interviewer's question: a part of an interview")
        if len(line.text) <= 8 and end - i == 1 and not line.heading:
            note(-1, "very short, like a sub-heading")
        prev = self.at(i - 1)
        if prev is not None and prev.plain and prev.ends_open and not prev.headline_shaped and not line.heading \
                and not prev.date_alone:  # ("焦作市中站区龙洞街道办事处" / "2012年1月16日": a notice signed and dated)
            note(-1, "the paragraph above breaks off mid-sentence")
        return score, why

    # --- building records --------------------------------------------------------------

    def explain(self, i: int, role: str, reason: str) -> None:
        self._owners[i] = self.cur
        line = self.lines[i]
        self.explained.append(Explained(line.number, role, reason, line.raw))

    def finish(self) -> None:
        if self.cur is not None and not self.cur.resumed:  # (an article taken up after its jump is among them already)
            self.drafts.append(self.cur)
        self.cur = None

    def start(self, kind: str, title: str = "") -> Draft:
        self.finish()
        self.cur = Draft(kind=kind, title=title, section=self.section)
        return self.cur

    def walk(self) -> None:
        i = 0
        while i < len(self.lines):
            i = self.step(i)
        self.finish()
        self.unnumber()
        self.untag()

    def unnumber(self) -> None:
        """Headlines numbered 1, 2, 3… one item after another are an archive's count, not their words:
        "1. 莱加里说巴不想介入阿富汗内政" -> "莱加里说巴不想介入阿富汗内政"."""
        numbers = [(n, *found) for n, d in enumerate(self.drafts) if (found := item_number(d.title)) is not None]
        counted: set[int] = set()
        for (first, k, _), (second, k2, _) in zip(numbers, numbers[1:]):
            if k2 == k + 1 and second == first + 1:
                counted |= {first, second}
        for n, _, end in numbers:
            if n in counted and self.drafts[n].title[end:]:
                self.drafts[n].title = self.drafts[n].title[end:]

    def untag(self) -> None:
        """A tag in 【】 before a headline is the item's column, not its words (no title in any test set keeps one):
        "【武陟】今年将建成高标准农田12万亩" -> title "今年将建成高标准农田12万亩", section 武陟."""
        for draft in self.drafts:
            if (m := LEADING_BAR_LABEL.match(draft.title)) is not None and cjk_count(draft.title[m.end():]) >= 4 \
                    and (m.group(1) in section_labels() or PAGE_NAME.match(m.group(1))):
                self.dropped.append(m.group())  # "短评｜“小配件”里有大文章": the column, then the headline
                draft.title = draft.title[m.end():].lstrip()
                draft.section = draft.section or m.group(1)
            while (m := LEADING_TAG.match(draft.title)) is not None and cjk_count(draft.title[m.end():]) >= 4:
                self.dropped.append(m.group())  # "【提醒】【扩散】焦作这些收费站…": each tag
                draft.title = draft.title[m.end():].lstrip()
                if not re.fullmatch(r"[一二三四五六七八九十]+", m.group(1)):  # "【一】…", "【二】…": the item's number
                    draft.section = draft.section or m.group(1)

    def step(self, i: int) -> int:
        line = self.lines[i]
        if line.after_break:  # another page's header stood above this line: nothing runs on across it
            self.finish()
            self.section = None
        elif (prev := self.at(i - 1)) is not None and prev.copy_ended and not prev.headline_shaped \
                and self.cur is not None and self.cur.paragraphs:
            self.cur.closed = True  # "…为中小学生作辅导。" / "本文转自:大连日报" / "高杰": the copy ended with its source
            self.cur.source_ended = True
        cur = self.cur
        in_article = cur is not None and cur.kind == "article"
        if self.is_section(i):
            self.finish()
            self.section = _despaced(line.text).strip("【】〓〔〕［］〖〗")
            self.dropped.append(line.raw)
            self.explain(i, "section", "a column label above articles")
            return i + 1
        boxed = None
        if in_article and cur is not None and cur.paragraphs and line.plain and (
                line.text.rstrip("：:") in box_labels()
                or (not cur.closed and (boxed := BOX_AND_TITLE.match(line.text)) is not None
                    and boxed.group(1) in box_labels())):
            # (or the label in brackets before the box's title: "【链接】首日部分项目冠军")
            # "记者手记" / "相关链接": a box of the article; a short title right under the label is the box's
            cur.add(line.text, subhead=True)
            cur.closed = False  # "…（本报记者 马骁）" / "记者手记" / "电梯虽小，连着民生。…": the box goes on the article
            self.explain(i, "box", "a box label: the box belongs to the article above")
            nxt, after = self.at(i + 1), self.at(i + 2)
            if not boxed and nxt is not None and nxt.headline_shaped and after is not None and after.plain and not after.headline_shaped:
                cur.add(nxt.text, subhead=True)
                self.explain(i + 1, "box", "the box's title")
                return i + 2
            return i + 1
        if (not in_article or (cur is not None and cur.closed)) and line.plain and line.text.strip("：:◆■●【】") in EDITORS_NOTE \
                and (nxt := self.at(i + 1)) is not None and nxt.plain:
            # "编前语" over the note, under the page's photos: the note opens an item, the label is no headline
            self.start("article").add(line.text, subhead=True)
            self.explain(i, "subhead", "an editor's note label: the note under it is an item with no headline")
            return i + 1
        name = joined_name(line.text) if len(line.text) <= 8 else line.text  # "高  杰" is 高杰
        if (cur is None or cur.closed) and line.plain and NAME_LINE.match(name) and looks_like_name(name) \
                and name not in section_labels() and name not in NOT_NAMES \
                and (nxt := self.at(i + 1)) is not None and nxt.plain and not nxt.date_alone:
            # "刘志刚" over an essay, "杨金贵" over "古建凝岁月,胜迹铸辉煌": the writer's name where an item begins
            self.start("article").credit(Credit(line.text, (name,)))
            self.explain(i, "byline", "a name alone where an item begins: its writer")
            return i + 1
        end = self.title_group(i)
        rejected = ""  # why a headline-shaped line did not start a record, for --explain
        if end is not None:
            starts, reason = self.starts_record(i, end)
            if starts:
                return self.take_title(i, end, reason)
            rejected = reason
        if line.photo is not None or line.caption_mark:
            return self.take_captions(i)
        if line.byline is not None:
            return self.take_byline(i)
        if self.is_author_line(i):  # "云杉" under "光明颂·光明日报六十年感怀": the author's name alone
            assert cur is not None
            cur.credit(Credit(line.text, (joined_name(line.text),)))
            self.explain(i, "byline", "a name alone under the headline: the author")
            return i + 1
        if line.end_credit is not None:
            before, credit = line.end_credit
            if not before and cur is not None and cur.kind == "article" and cur.title and not cur.paragraphs \
                    and cur.byline is None and not cur.captions and credit.people:
                cur.credit(credit)  # "王建华（作者单位：中共焦作市委党校）" right under the headline: its byline
                self.explain(i, "byline", "the author's name and note under the headline")
                return i + 1
            if cur is None or (before and (cur.closed or self.next_bullet(line))):  # "△三原县…。(吴树民 周秦)": the next brief
                cur = self.start("article")
            if before:
                cur.add(before)
            reason = "ends with the article's credit"
            if self.split_second_author(cur, credit):
                cur = self.cur
                reason += "; a second author in one article: the last sub-heading was a headline"
            assert cur is not None
            cur.credit(credit)
            cur.closed = True
            self.explain(i, "end-credit" if not before else "body", reason)
            return i + 1
        if (line.date_alone or (line.plain and MOURNERS.match(line.text))) and in_article and cur is not None \
                and cur.paragraphs:
            cur.add(line.text)
            cur.closed = True
            self.explain(i, "body", "the date the article above was signed: it ends there" if line.date_alone
                         else "the family signing the notice above: it ends there")
            return i + 1
        if line.heading and in_article and cur is not None and cur.title and not cur.paragraphs and not cur.captions \
                and cur.byline is None and not line.enumerated:
            cur.title += " " + line.text  # "引题:…" / "标题:焦作：从“煤城”…": a headline line no group took: the headline's
            self.explain(i, "headline", "a heading right under the headline, before any text: part of the headline")
            return i + 1
        if line.heading and in_article and cur is not None and self.at(i + 1) is not None:
            cur.add(line.text, subhead=True)  # "## 重现从沉沦到崛起的中国" under "# 老报刊展示世纪风雨": its sub-heading
            self.explain(i, "subhead", "a heading that starts no record: a sub-heading of the article")
            return i + 1
        if line.heading:  # a heading with nothing under it
            self.dropped.append(line.raw)
            self.explain(i, "dropped", "a heading with no text under it")
            return i + 1
        subhead = in_article and self.is_subhead(line)
        if in_article and cur is not None and cur.closed and cur.kind == "article" and cur.paragraphs and line.plain \
                and POSTSCRIPT.match(line.text) is not None:
            cur.closed = False  # "读者 李建国" / "编后：小区楼道照明虽是小事，…": the desk's note under a signed letter
            self.explain(i, "body", "the desk's note under the signed text above: it stays with it")
            cur.add(line.text)
            return i + 1
        if line.jump == "in" and (jumped := self.jumped_from(i)) is not None and jumped is not cur:
            if cur is not None and cur.title and not cur.paragraphs and cur.byline is None:
                self.dropped.append(cur.title)  # "我市重点项目建设提速增效" / "（上接第1版）": its headline printed again
                self.cur = None
            self.finish()  # "（上接第7版）" / "郑宝山今年五十二岁，…": the article that jumped goes on here
            jumped.resumed = True
            self.cur = cur = jumped  # (it keeps its place among the records)
            self.explain(i, "body", "continued from another page (上接…): the article that jumped there (下转…) goes on")
            cur.add(line.text)
            return i + 1
        if line.post_title and cur is None and self.title_group(i + 1) is not None:
            self.dropped.append(line.raw.strip())  # a digest post's own title, over the items it holds
            self.explain(i, "dropped", "the title of a WeChat post that holds several items, over the first item's headline")
            return i + 1
        if not in_article or cur is None or cur.closed or self.next_bullet(line) or self.untitled_break(i):
            closed = in_article and cur is not None and cur.closed
            by_source = closed and cur is not None and cur.source_ended
            cur = self.start("article")
            self.explain(i, "body", "text after the copy's source line that ended the copy above: another item with no headline"
                         if by_source else "text after the credit that closed the article above: another item with no headline"
                         if closed else "text with no headline above it, set apart as another item" if in_article
                         else "text with no headline above it")
        elif end is not None:
            self.explain(i, "subhead" if subhead else "body", f"not a new article: {rejected}")
            if not cur.groups or sum(cur.groups[-1]) <= len(cur.paragraphs):
                cur.groups.append((len(cur.paragraphs), end - i))
        else:
            self.explain(i, "subhead" if subhead else "body", "a short line inside the article" if subhead else "continues the article")
        cur.add(line.text, subhead=subhead)
        return i + 1

    def jumped_from(self, i: int) -> Draft | None:
        """The article whose text jumped ("（下转第8版）") before line i and has not been taken up again: the one whose
        headline the continuation prints again, else the first still waiting (jumps go on in the order they left)."""
        waiting: list[Draft] = []
        for k in range(i):
            owner = self._owners.get(k)
            if self.lines[k].jump == "out" and owner is not None and owner.kind == "article" and not owner.resumed \
                    and all(owner is not w for w in waiting):
                waiting.append(owner)
        cur = self.cur
        if cur is not None and cur.title and not cur.paragraphs and cur.byline is None:
            again = [w for w in waiting if _squashed(w.title) == _squashed(cur.title)]
            return again[0] if again else None
        return waiting[0] if waiting else None

    def next_bullet(self, line: Line) -> bool:
        """Line opens with the bullet that opened the current item: "■日前，…" after "■4月23日，…" is the next brief."""
        cur = self.cur
        return cur is not None and bool(cur.paragraphs) and line.text[:1] in BULLETS \
            and cur.paragraphs[0][:1] == line.text[:1]

    def _marked_lines(self, mark: str) -> int:
        """How many headline-shaped lines of the page open with ``mark`` and have no credit under them (a WeChat
        feature's "▶ 小区门口的“流动哨”" / "▶ 居民家里的“代购员”": sub-headings, not headlines)."""
        if mark not in self._marks:
            self._marks[mark] = sum(1 for k, line in enumerate(self.lines) if line.text.startswith(mark)
                                    and line.headline_shaped and not self.followed_by_credit(k + 1))
        return self._marks[mark]

    def _numbered_items(self, i: int) -> bool:
        """Line i goes on a count of numbered headlines, each over its own item ("1. 莱加里说…" … "(法新社)" /
        "2. 波黑塞族军队…"): the headline with the number before it is the item's first."""
        found = item_number(self.lines[i].text)
        if found is None or found[0] == 1:
            return False
        titles = [d.title for d in self.drafts[-3:]] + ([self.cur.title] if self.cur is not None else [])
        return any((n := item_number(title)) is not None and n[0] == found[0] - 1 for title in titles)

    def untitled_break(self, i: int) -> bool:
        """Untitled text set apart by a blank line on a page whose paragraphs have none: the next stored item,
        its headline not kept ("…于是自费订阅…。" / "" / "有一种陪伴,虽然不语,却最暖心。…")."""
        line, prev, cur = self.lines[i], self.at(i - 1), self.cur
        if cur is not None and not cur.title and cur.byline is None and cur.section and line.plain \
                and QA_QUESTION.match(line.text) and cur.paragraphs and QA_ANSWER.match(cur.paragraphs[-1]):
            return True  # "有问必答": "问：…？（山阳区 王女士）" / "答：…" / "问：…": untitled items, a question and answer each
        return self.style.paragraph_gap == 0 and line.gap > 0 and cur is not None and not cur.title \
            and cur.byline is None and len(cur.paragraphs) >= 2 and line.plain and not line.headline_shaped \
            and prev is not None and prev.plain and not prev.ends_open and not self._credit_closes_block(i)

    def _credit_closes_block(self, i: int) -> bool:
        """An end credit closes the text from line i to the next gap ("（记者 王冰）"): the text above, which has none,
        is the same article's (a stray blank line), not an item of its own."""
        k = i
        while (line := self.at(k)) is not None and (k == i or line.gap == 0):
            if line.end_credit is not None:
                return True
            k += 1
        return False

    def is_subhead(self, line: Line) -> bool:
        """A headline-shaped line kept inside an article stands alone (a sub-heading) if it is numbered,
        short, or set off from the text like a heading; otherwise it may be a paragraph the layout broke
        ("开展此次宣讲活动旨在通过专家培" / "训授课,…"), which the paragraph cleaner joins again."""
        if not (line.headline_shaped or line.enumerated):
            return False
        gap = self.style.paragraph_gap
        set_off = (gap is not None and line.gap > gap) or (self.style.indented_body and not self.style.set_like_body(line))
        return line.enumerated or len(line.text) <= SUBHEAD_MAX or set_off

    def starts_record(self, i: int, end: int) -> tuple[bool, str]:
        cur = self.cur
        line = self.lines[i]
        if cur is None or cur.kind != "article":
            return True, "first headline after " + ("a caption" if cur is not None else "the top of the page or a label")
        if not cur.paragraphs and not cur.captions:
            if cur.byline is None and not cur.title:
                return True, "headline over the text that follows"
            if not cur.title:
                return True, "headline under its credit (本报评论员)"
            if self.followed_by_credit(end) and self._repeats_copy_title(" ".join(line.text for line in self.lines[i:end])):
                # "“九江故事”踏石留痕" (a web copy's title) / "脚步如笔山河如画" / "“九江故事”踏石留痕" / "本报记者周慧超"
                return True, "the printed headline group over its credit, repeating the copy's title above it"
            return False, "the article above has no text yet"
        nxt = self.at(end)
        if nxt is not None and (nxt.photo is not None or nxt.caption_mark) and line.heading is False \
                and end - i == 1 and len(line.text) <= CAPTION_TITLE_MAX:
            after = self.at(end + 1)
            if after is None or not after.plain or after.headline_shaped:
                return True, "a short title over a photo caption"
        score, why = self.new_record_score(i, end)
        return score >= START_SCORE, "; ".join(why) or "no sign of a new article"

    def take_title(self, i: int, end: int, reason: str) -> int:
        lines = self.lines[i:end]
        # (a line wrapped at a list's comma runs on: "…义务理发、打扫卫生、" / "检修家电")
        title = "".join(line.text + ("" if line.text.endswith("、") or k == len(lines) - 1 else " ")
                        for k, line in enumerate(lines))
        if len(lines) == 1 and len(_despaced(title)) <= SPACED_TITLE_MAX:
            title = _despaced(title)  # "讣　告", "公　告": a short title set with its characters spaced out
        nxt = self.at(end)
        roles = _title_roles(lines)
        kind = "article"
        cur = self.cur
        carried: list[str] = []
        credit: Credit | None = None
        if cur is not None and cur.kind == "article" and not cur.title and cur.byline is None and cur.paragraphs \
                and cur.paragraphs[0].lstrip("【[").startswith(EDITORS_NOTE):
            carried, self.cur = cur.paragraphs, None  # "编者按：…" printed above the headline it introduces
        dated = (after := self.at(end + 1)) is not None and after.byline is not None  # photo, then "晨报讯(记者 X)…"
        if nxt is not None and (nxt.photo is not None or nxt.caption_mark) and len(title) <= CAPTION_TITLE_MAX and not dated:
            kind = "caption"
        elif cur is not None and cur.kind == "article" and not cur.title and cur.byline is not None and not cur.paragraphs \
                and not cur.captions and not carried:
            credit, self.cur = cur.byline, None  # "本报评论员" printed above the headline
        for n, role in enumerate(roles):
            self.explain(i + n, role if kind == "article" else "caption-title", reason if n == 0 else "part of the headline group")
        if cur is not None and self._repeats_copy_title(title):
            self.dropped.append(cur.title)  # the copy's title, printed again in the headline group
            self.cur = None
        draft = self.start(kind, title)
        draft.web_copy = any(line.fields_below for line in lines)
        draft.level = min((line.level for line in lines if line.heading), default=0)
        self.bracketed_headlines = self.bracketed_headlines or bool(BRACKETED_HEADLINE.match(title))
        draft.paragraphs.extend(carried)
        if credit is not None and kind == "article":
            draft.credit(credit)
        if kind == "caption":
            return self.take_captions(end, titled=draft)
        if nxt is not None and nxt.byline is not None:
            return self.take_byline(end)
        return end

    def take_byline(self, i: int) -> int:
        line = self.lines[i]
        credit, rest = line.byline  # type: ignore[misc]
        cur = self.cur
        # "□ 李文" under "## 时评" with no headline of its own starts a record; a credit under a
        # headline (or under an editor's note) belongs to it; a second credit line adds to the first.
        attach = cur is not None and cur.kind == "article" and (
            (cur.byline is None and len(cur.paragraphs) <= 1 and (not cur.captions or not cur.paragraphs))
            or (cur.byline is not None and not cur.paragraphs)  # "见习记者 马菁华 …" then "本报讯 11月6日，…"
        )
        nxt = self.at(i + 1)
        closing = cur is not None and cur.kind == "article" and line.credit_only and bool(cur.paragraphs) \
            and (len(cur.paragraphs) > 1 or not cur.paragraphs[0].lstrip("【[").startswith(EDITORS_NOTE)) \
            and (self.ends_article(i + 1) or (nxt is not None and nxt.photo is not None and nxt.gap > 0) or line.copy_ended
                 or (nxt is not None and nxt.plain and POSTSCRIPT.match(nxt.text) is not None)) \
            and (not attach or (cur.byline is None and bool(cur.title)))
        if closing and cur is not None:
            # "郑州晚报记者 裴蕾" / "实习生 王治" after the text, and then the next headline (or a photo set apart):
            # credits at the end
            reason = "a credit line after the text, before the next headline"
            if self.split_second_author(cur, credit):
                cur = self.cur
                reason += "; a second author in one article: the last headline-shaped line was a headline"
            assert cur is not None
            cur.credit(credit)
            cur.closed = True
            self.explain(i, "end-credit", reason)
            return i + 1
        if not attach:
            cur = self.start("article")
        assert cur is not None
        cur.credit(credit)
        closing = match_end_credit(rest) if rest else None
        if closing is not None and closing[0]:  # "本报讯 记者3月15日从…获悉，…入选该年选。（记者 刘艺琳）": a one-paragraph brief
            rest = closing[0]
            cur.credit(closing[1])
            cur.closed = True
        if rest:
            cur.add(rest)
        elif attach and cur.title:
            cur.feature = True
        self.explain(i, "byline", "a dateline or credit" + ("" if attach else ", starting an article with no headline"))
        return i + 1

    def take_captions(self, i: int, titled: Draft | None = None) -> int:
        """Photo captions from line i on: inside the article if the article goes on after them."""
        end = i
        while (nb := self.at(end + 1)) is not None and (nb.photo is not None or (nb.caption_mark and nb.byline is None)):
            if nb.after_break:
                break  # (another page's or item's view begins: its photo is its own)
            last, writer = self.lines[end], self.cur.byline if self.cur is not None else None
            if last.photo is None and last.text.startswith("图为") and nb.photo is not None and nb.photo[1].people \
                    and not NUMBERED_PHOTO.match(nb.text) and nb.gap > 0 and writer is not None \
                    and re.search(r"文\s*[/／]\s*图|图\s*[/／]\s*文", writer.text) \
                    and not set(nb.photo[1].people) & set(writer.people):
                break  # "文/图 本报记者 滕跃" … "图为改造后的老街一角。" / "9月22日，…（通讯员 詹立波 摄）": his photo, then another's
            end += 1
        cur = self.cur
        photos = _numbered_groups([(line.photo if line.photo is not None else (line.text, Credit(""))) for line in self.lines[i:end + 1]])
        after = self.at(end + 1)
        under_headline = cur is not None and cur.kind == "article" and bool(cur.title) and not cur.paragraphs \
            and not cur.captions and after is not None and (after.byline is not None or (after.plain and not after.headline_shaped))
        if titled is None and under_headline and cur is not None and len(photos) >= GALLERY_MIN \
                and all(credit.people for _, credit in photos):
            # a gallery under the headline, each photo credited ("在温江绿道望雪山 田相和 摄" / "…摄影记者 王勤" / …):
            # a caption each, so each photographer's photo is found; the article follows with its headline
            self.cur = None
            for photo in photos:
                self.start("caption").photo = photo
            self.finish()
            self.cur = cur
            for n in range(i, end + 1):
                self.explain(n, "caption", "one of a gallery of credited photos under the headline")
            return end + 1
        if titled is None and cur is not None and cur.kind == "article" and (
                (cur.paragraphs and self._article_goes_on(end + 1)) or under_headline
                # (or its closing credit follows: "▲开幕式上，…。焦作日报记者 龚 昊 摄" / "（焦作日报记者 仇佳丽）")
                or (cur.paragraphs and not cur.closed and after is not None and after.end_credit is not None
                    and not after.end_credit[0])
                or (cur.paragraphs and not cur.closed and all(not credit.text for _, credit in photos))):
            # (or an uncredited "图为…" after the article's text: the article's photo, its writer's ("文/图 本报记者 X"))
            # a photo inside the article, or right under its headline ("别弄脏母亲河的“脸”" / photo / "晨报讯(记者 李旭阳)…")
            cur.captions.extend(photos)
            for n in range(i, end + 1):
                self.explain(n, "caption", "a photo caption inside the article (the article goes on after it)")
            return end + 1
        if titled is None and cur is not None and cur.kind == "article" and cur.paragraphs and not cur.closed \
                and cur.web_copy and cur.byline is not None and len(photos) == 1 \
                and set(photos[0][1].people) & set(cur.byline.people):
            # a web copy ("来源：焦作日报  作者：屈  恒  发布时间：…" under its title) holds one item: "本报讯（记者 屈恒）…" /
            # "5月16日，游客在莫沟村…。本报记者 屈恒 摄" is the photo its own writer took for it (on a printed page the
            # paper sets such a photo apart, a record of its own)
            cur.captions.extend(photos)
            for n in range(i, end + 1):
                self.explain(n, "caption", "a photo after a web copy's text, taken by its writer: the copy's photo")
            return end + 1
        if titled is None and cur is not None and cur.kind == "article" and cur.title and not cur.paragraphs \
                and not cur.captions and cur.byline is not None and len(photos) == 1 and photos[0][1].people \
                and set(cur.byline.people) <= set(photos[0][1].people) and not self._article_goes_on(end + 1):
            # "标题：丰收时节" / "作者：本报记者 冯国栋" / "…铁棍山药。本报记者 冯国栋 摄": a titled photo, its
            # photographer's name given again above it
            cur.kind, cur.photo = "caption", photos[0]
            self.dropped.append(cur.byline.text)  # the name again, in the caption's own credit
            self.finish()
            for n in range(i, end + 1):
                self.explain(n, "caption", "the photo under a headline credited to its photographer")
            return end + 1
        if titled is None and cur is not None and cur.kind == "article" and cur.title and cur.byline is None \
                and 1 <= len(cur.paragraphs) <= 2 and sum(map(len, cur.paragraphs)) <= PHOTO_STORY_MAX and not cur.captions \
                and len(photos) == 1 and photos[0][1].people and (_about_one_thing(photos[0][0], cur.paragraphs)
                                                                   or _photo_described(cur.paragraphs[0])
                                                                   or photos[0][0].lstrip().startswith(("图①", "①"))):
            # (or a numbered group of photos, "图①…" / "图②…" / "图③…本报记者 谷雨 摄", under the title and its text)
            # "红色旧址再现活力" / "记者6月7日拍摄的…" / "陕北省工农民主政府旧址位于…。本报记者 祁小军 摄": a photo story
            text, credit = photos[0]
            cur.kind, cur.photo = "caption", ("\n".join([*cur.paragraphs, text]), credit)
            cur.paragraphs = []
            self.finish()
            for n in range(i, end + 1):
                self.explain(n, "caption", "the photo of a titled photo story: its text above, its credit here")
            return end + 1
        for n, photo in enumerate(photos):
            if n == 0 and titled is not None:
                titled.photo = photo
                self.finish()
            else:
                self.start("caption").photo = photo
                self.finish()
        for n in range(i, end + 1):
            line = self.lines[n]
            numbered = NUMBERED_PHOTO.match(line.text)
            self.explain(n, "caption", "the next photo of a numbered group (图②…)" if numbered else
                         "a photo caption" + (" with its credit" if line.photo and line.photo[1].text else ""))
        return end + 1

    def _article_goes_on(self, i: int) -> bool:
        line = self.at(i)
        sub_heading = line is not None and line.heading and self.nested_headings and line.level > self.top_level
        if line is None or not (line.plain or sub_heading) or self.is_section(i):
            return False  # (a deeper heading that starts no record is the article's: "### 二、怎么管？长效机制跟上")
        end = self.title_group(i)
        return end is None or not self.starts_record(i, end)[0]


NOT_NAMES = frozenset({"回信", "贺信", "贺电", "来信", "附件", "附录", "说明", "前言", "后记", "图片", "链接", "导读",
                       "公告", "通告", "通知", "启事", "声明", "公示", "讣告", "告示"})


# an obituary's or a family notice's signature: "子 邢建国　女 邢建华　泣告", "全体家属 敬告"
# the family signing an obituary: "不孝男 张建国 率全家泣告", "子女 张华、张敏 敬告" (a notice's own title is not:
# "停水敬告", "停电谨告": a utility's words, no kin and no names set apart)
MOURNERS = re.compile(r"^[\u4e00-\u9fff \u3000、]{2,40}(?:泣告|泣启|叩首|泣叩)$"
                      r"|^(?=[^\n]*(?:[ \u3000、]|孝|家属|子女|全家|亲属|率|携|妻|夫))[\u4e00-\u9fff \u3000、]{2,40}(?:敬告|谨告|谨启)$")
LATIN_LABEL = re.compile(r"^[A-Za-z][A-Za-z&'.]*(?: [A-Za-z&'.]+){1,5}$")  # "Letters to the Editor", "CHINA DAILY"
LEADING_BAR_LABEL = re.compile(r"^([\u4e00-\u9fff]{2,6})[ \u3000]*[｜丨|][ \u3000]*")  # "短评｜…": a column's name, a bar
LEADING_TAG = re.compile(r"^【([\u4e00-\u9fff]{1,6})】")  # "【武陟】…", "【提醒】…": an app's or a digest's tag


def item_number(text: str) -> tuple[int, int] | None:
    """An item's number before its headline, and where the headline begins: "【2】焦作至平顶山…" -> (2, 3);
    "1.5万名考生…" -> None."""
    m = _ITEM_NUMBER.match(text)
    return None if m is None else (int(m.group(1) or m.group(2)), m.end())


def _squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def column_tag(text: str) -> str | None:
    """The column tag closing a headline: "同心绘就中国式现代化新图景（社论）" -> "社论"; "发刊词(节选)" -> None."""
    m = _COLUMN_TAG.search(text)
    return m.group("tag") if m and not _NOT_COLUMN.match(m.group("tag")) else None


def _name_alone(text: str) -> bool:
    """A person's name alone: "刘洪", "钱云飞"; not a label such as "回  信" or "简讯"."""
    name = joined_name(text)
    return bool(NAME_LINE.match(name)) and name not in NOT_NAMES and name not in section_labels() \
        and name not in box_labels()


def _about_one_thing(caption: str, paragraphs: list[str]) -> bool:
    """A caption and the text above it tell of one thing: they share a good part of their words
    ("田传府（右五）在为村里的老人理发" under "…党员田传府格外忙碌"), unlike a photo of another place."""
    words = bigrams(caption)
    return bool(words) and len(words & set().union(*(bigrams(p) for p in paragraphs))) / len(words) >= PHOTO_STORY_SHARE


# where a person stands in the photo: "队长刘福(右)带领…", "（左二）", "(前排中)"
_IN_THE_PHOTO = re.compile(r"[(（](?:前排|后排|中排)?(?:左|右|中)[一二三四五六七八九]?[)）]|[(（](?:前排|后排)[^()（）]{0,4}[)）]")


def _photo_described(text: str) -> bool:
    """Text that describes a photo: it says where someone stands in it ("队长刘福(右)带领10余位环卫工人清扫积雪")."""
    return bool(_IN_THE_PHOTO.search(text))


def _twins(a: str, b: str) -> bool:
    """Two sub-headings built alike: the same opening and a colon at the same place ("新校舍：" / "新机制："),
    or short lines of one length sharing two characters past their subject ("产业链条越拉越长" / "创新动能越来越足")."""
    if a.endswith("——") and b.endswith("——"):
        return True  # "黄三文委员——" / "潘建伟委员——": speakers' labels of one forum
    ca, cb = a.find("："), b.find("：")
    if 0 < ca <= 6 and ca == cb and a[0] == b[0]:
        return True
    if len(a) <= 10 and abs(len(a) - len(b)) <= 1:
        return sum(1 for k in range(3, min(len(a), len(b))) if a[k] == b[k] and "\u4e00" <= a[k] <= "\u9fff") >= 2
    return False


def _short_title_line(line: Line) -> bool:
    """Kickers and subtitles are short ("坚持创新驱动 建设科技强市"); "——…" subtitles may run longer."""
    return line.text.startswith("—") or len(re.sub(r"\s+", "", line.text)) <= KICKER_MAX


def _numbered_groups(photos: list[tuple[str, Credit]]) -> list[tuple[str, Credit]]:
    """Captions "图①…", "图②…", "图③…" of one photo group, credited once, as one caption with every photographer;
    a numbered photo with a credit of its own ("图① …。本报记者 翟  飞 摄" / "图② …。通讯员 陈小宝 摄") is a caption
    of its own, so a search for its photographer finds that photo."""
    out: list[tuple[str, Credit]] = []
    for text, credit in photos:
        # "图③：…" with no credit, then "近年来，…。本报记者 翟晓峰 摄": the group's text and its credit
        # "图为两位青年职工…" / "图为该项目部…" / "由于…。新华社记者 郝同前 摄": uncredited photos, then the credit
        closes_group = bool(out) and out[-1][0].startswith(("图①", "图为")) and not out[-1][1].text and bool(credit.text)
        if out and not out[-1][1].text and (NUMBERED_PHOTO.match(text) or closes_group
                                            or (out[-1][0].startswith("图为") and text.startswith("图为"))):
            prev_text, prev_credit = out[-1]
            joined = prev_text + (f" {prev_credit.text}" if prev_credit.text else "")
            people = prev_credit.reporters + tuple(p for p in credit.reporters if p not in prev_credit.reporters)
            out[-1] = (f"{joined}\n{text}", Credit(credit.text, people))
        else:
            out.append((text, credit))
    return out


def _title_roles(lines: list[Line]) -> list[str]:
    """Roles of a headline group's lines: [headline], [kicker, headline], [headline, subtitle], [kicker, headline, subtitle]."""
    if len(lines) == 1:
        return ["headline"]
    if len(lines) == 2:
        return ["headline", "subtitle"] if lines[1].text.startswith("—") else ["kicker", "headline"]
    return ["kicker", "headline", "subtitle"]
