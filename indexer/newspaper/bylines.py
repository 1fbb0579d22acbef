"""Credit lines: datelines and bylines ("本报讯(记者徐金华)", "□ 李文"), end credits ("（记者 张三）") and photo credits.

Every matcher takes one line (or paragraph) as printed and returns the credit as printed
plus the people in it by role; none of them decides where an article starts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from indexer.newspaper.script import either_script

_HAN = "\u4e00-\u9fff"
_CJK_NAME = rf"[{_HAN}]{{2,4}}(?:·[{_HAN}]{{1,6}})?"
# "本报记者", "本报驻埃及记者", "新华社记者", "本报特约记者", "见习记者", "实习生", "通讯员", ...
# "郑州晚报记者", "广州日报全媒体记者", "郑报融媒记者": a paper's name may stand before the role
_REPORTER_ROLE = (
    rf"(?:[A-Z]{{2,6}}(?=[{_HAN}]{{0,8}}记者))?(?:(?:本报|新华社|中新社|《?[{_HAN}]{{2,8}}?(?:[·・][{_HAN}]{{2,8}}?)?(?:日报|晚报|早报|都市报|融媒体?|全媒体|电视台|广播电视台)?》?)?"
    rf"(?:驻[{_HAN}]{{1,6}})?(?:特约|特派|见习|首席|实习)?(?:摄影)?记者"  # "首席摄影记者"
    r"|本版摄影[:：]?|本期主持人?|实习生|志愿者|读者|网友|栏目主持人?|作者[:：]?|视频[:：/／]|文[/／]图|图[/／]文|文[/／]|文·图[/／]|图·文[/／]|文图[/／]|撰文[:：]?)"
)
_CORRESPONDENT_ROLE = r"(?:(?:本报|特约)?通讯员|拍友)"  # "拍友 包响亮 摄": a reader's photo
_ROLE = rf"(?:{_REPORTER_ROLE}|{_CORRESPONDENT_ROLE})"
_SEP = r"(?:[\s、,，]|[/／](?:[文图](?![\u4e00-\u9fff]))?)"  # "康迪/文 通讯员 陈利凯": "/文" separates too
# "文/图" after the names: "见习记者 马菁华 实习生 蒲祖沅 文/图"
_SUFFIX = r"(?:\s*[/／]?\s*(?:文[/／][图摄]|图[/／]文|文图|图文|[文图])(?![\u4e00-\u9fff]))?"
# names need a separator or a role between them, so a long run of text cannot be cut into
# "names" in exponentially many ways: "本报记者 宋崇飞 通讯员 李红", "记者徐金华、王晓东"
_NAMES = rf"(?:{_ROLE}{_SEP}*)?{_CJK_NAME}(?:(?:{_SEP}+(?:{_ROLE}{_SEP}*)?|{_ROLE}{_SEP}*){_CJK_NAME})*"

# Datelines that open an article: "本报讯(记者徐金华)", "本报3月24日讯", "本报郑州3月24日电  （记者张三、李四）",
# "新华社北京3月14日电（记者 刘明）", "中新网郑州3月24日电", "【新华社延安十四日电】", "据新华社北京3月24日电".
_DATE = r"(?:\d{1,2}月)?\d{1,2}日|[一二三四五六七八九十]{1,3}日"
_AGENCY = r"(?:新华社|中新社|中新网|人民日报|人民网|央视网|光明日报|经济日报|中国日报|法治日报|工人日报|河南日报|大河报)"
# "晨报讯", "海都讯", "晚报讯": another paper's short name before 讯 ("简讯", "快讯" are column labels)
# "台海网2月5日讯": a paper's or site's name and a date before 讯
# "广西新闻网-南国早报南宁讯": a site, a paper and a place before 讯; "荆楚在线消息(楚天都市报)(记者陈曙光)": a site's 消息
_PAPER_WIRE = (rf"(?!简讯|快讯|短讯|喜讯|资讯|通讯|电讯|要讯)[{_HAN}]{{2,4}}讯(?=[\s(（])|[{_HAN}]{{2,6}}?(?:{_DATE})讯"
               rf"|(?:[{_HAN}]{{2,8}}网[-—－])?[{_HAN}]{{1,6}}(?:日报|晚报|早报|晨报|都市报|商报|时报|快报)[{_HAN}]{{0,4}}讯(?=[\s(（]|$)"
               rf"|[{_HAN}]{{1,8}}(?:在线|网)消息(?:[(（][{_HAN}]{{2,8}}报[)）])?(?=[(（]\s*(?:本报)?(?:见习|首席|实习)?记者)"
               # "鞍山日报消息(见习记者 董鹏飞 …)": a paper's 消息 with its reporters in brackets
               rf"|[{_HAN}]{{1,6}}(?:日报|晚报|早报|晨报|都市报|商报|时报|快报)消息(?=[(（]\s*(?:本报)?(?:见习|首席|实习)?记者)")
_WIRE = re.compile(
    rf"^(?P<credit>(?:据)?(?:[【〔\[]本报(?:消息|讯)[】〕\]]|本报消息|本报综合(?=\s)|本报讯(?!员)|本报[汛迅](?=[\s(（])|本报[{_HAN}]{{0,8}}(?:{_DATE})?讯(?!员)|本报[{_HAN}]{{0,8}}(?:{_DATE})电|{_PAPER_WIRE}"
    rf"|{_AGENCY}[{_HAN}]{{0,10}}(?:{_DATE})电|【{_AGENCY}[{_HAN}]{{0,10}}(?:{_DATE})?电】)"
    rf"\s*(?:[(（](?P<inner>[^()（）\n]{{0,60}})[)）]|(?P<reported>(?:本报)?(?:记者|通讯员)\s*[{_HAN}、 ]{{2,24}}?)\s*报道[:：]"
    # "本报讯 记者 孔令晓 通讯员 张帆 端午假期,…": the names without brackets, each after its role, then a space
    rf"|(?P<spaced>(?:(?:本报)?记者|通讯员|实习生)[ \u3000]*[{_HAN}]{{2,3}}(?:[ \u3000]+(?:(?:本报)?记者|通讯员|实习生)[ \u3000]*[{_HAN}]{{2,3}})*)(?=[ \u3000]))?)\s*"
)
# "□ 李文", "■本报记者 张三 李四"; "N本报记者 苏燕梅", "●记者 张三": a bullet (some exports turn the
# dingbat into a Latin N) before a role
_BOX = re.compile(rf"^(?P<credit>(?:[□■◎◇★○]\s*|口[ \u3000]+(?=[{_HAN}]{{2,3}}\s*$)|[●◆▲★▌|N]\s*(?={_ROLE}))(?P<inner>{_NAMES}){_SUFFIX})\s*$")
# a letter signed by its reader: "解放区　读者　刘桂芬", "山阳区　李晓东"
_WHO_WROTE_IN = r"(?:读者|居民|市民|村民|网友|农民|退休职工|退休教师|退休干部|老党员)"
_SIGNED = re.compile(rf"^(?:[{_HAN}]{{1,12}}?(?:区|县|市|镇|乡|街道|社区|村)(?:[ \u3000]+(?:{_WHO_WROTE_IN}[ \u3000]+)?"
                     rf"|{_WHO_WROTE_IN}[ \u3000]+)|读者[ \u3000]+)(?P<inner>{_CJK_NAME})(?:[ \u3000]*等)?$")
# "解放区　读者　刘桂芬", "孟州市读者　张玉兰", "山阳区　李晓东", "山阳区焦东路街道居民　王桂兰", "沁阳县西万乡农民　吕长顺"
# a writer under a work unit: "□首发集团八达岭分公司京新收费所 吕文静"
# a credit opening the text: "(记者方华) “银行被抢了,…”", "记者时鹏、全悦敏核实报道:被撞的超市叫…",
# "中国气象报记者刘晓林摄影报道3月3日,…"
_OPENING_CREDIT = re.compile(
    rf"^(?P<credit>[(（]\s*(?P<inner>(?:本报)?(?:见习|首席|实习)?记者\s*{_NAMES})\s*[)）]"
    rf"|(?P<inner2>{_REPORTER_ROLE}\s*{_CJK_NAME}(?:\s*[、,，]\s*{_CJK_NAME})*)\s*(?:核实|采写|联合|综合)?(?:摄影)?报道[:：]?)"
    rf"\s*(?P<rest>\S.*)$", re.DOTALL)
# how a work unit's name ends: "修武县委宣传部", "市农科所", "焦作市第一中学", "市气象台"; or the writer's post in it:
# "（市中医院康复科主任医师　席建华）", "（市农科所研究员　程家俊）"
_UNIT_ENDINGS = ("主任医师|医师|研究员|教授|律师|工程师|农艺师|站长|所长|院长|主任|部长|处长|科长|局长|校长|馆长|经理|书记|宣传部|办公室|委员会|研究所|研究院|农科所|农科院|管理局|管理处|中心|协会|学会|医院|中学|小学|大学|学院|学校"
                 "|公司|集团|工厂|街道|社区|部|局|所|站|院|处|科|厂|矿|社|馆|台|委|办|队|会|乡|镇|村")
# a pupil under a school and class, a writer under a school or hospital: "解放区实验小学五(2)班 刘欣怡",
# "温县实验中学八（3）班 何雨萱", "焦作大学 李文", "作者：焦作市第一中学高二（3）班 陈思远"; or under an office or a
# post: "市体改委 宋建华", "市人民医院心内科主任医师 邱 明" (an expert answering a reader); not "市税务局 金点子" or
# "市政务服务中心 马上办", two-part headlines, nor a profile's subtitle "记市人民医院主任医师 邱明"
_SCHOOL_UNIT = re.compile(rf"^(?:作者\s*[:：]\s*)?(?!记)[{_HAN}（）()\d]{{1,30}}(?:班|小学|中学|大学|学院|学校|医院|研究所|农科所|研究院|研究会"
                          rf"|学会|协会|站|委|宣传部|办公室|主任医师|医师|教授|研究员|律师|工程师|农艺师|畜牧师)"
                          rf"[ \u3000]+(?P<inner>[{_HAN}]{{2,3}})$")  # (or a research unit: "市农科所　杨振华")
# a writer under the place they live, after 作者: "作者　孟县城关镇　秦长生"
_AUTHOR_PLACE = re.compile(rf"^作者\s*[:：]?\s*[{_HAN}]{{2,12}}(?:省|市|县|区|镇|乡|村|街道)[ \u3000]+(?P<inner>[{_HAN}]{{2,3}})$")
_BOX_UNIT = re.compile(rf"^(?:[□■]|文\s*[/／])\s*[{_HAN}（）()]{{4,30}}[ \u3000]+(?P<inner>{_CJK_NAME})\s*$")  # "文/市第二人民医院 宁志伟"
# the writer and the photographer side by side: "文/YMG全媒体记者 杨春娜 图/郑晓平 张洁 唐克"
_WRITER_AND_PHOTO = re.compile(r"^文字?\s*[/／:：]\s*(?P<inner>.{2,30}?)\s+(?:图|图片|摄影)\s*[/／:：]\s*\S.{0,30}$")
# a writer and a note on who they are: "作者：赵丽君（焦作师范高等专科学校马克思主义学院讲师）", "文/李文（市作协会员）"
_NAMED_NOTE = re.compile(rf"^(?:作者\s*[:：]|文\s*[/／]|□)\s*(?P<inner>{_CJK_NAME})\s*[(（][^()（）]{{2,40}}[)）]$")
# one credit for the whole page: "本版文/图 本报记者 谭心怡(除署名外)"
_PAGE_CREDIT = re.compile(r"^本版(?:文\s*[/／]\s*图|图文|文字|撰文|文)?\s*[/／:：]?\s*(?P<inner>.{2,30}?)\s*[(（]除署名外[)）]$")
# a name before the role of the next: "王青青 晚报记者 叶晓姝"
_NAME_THEN_ROLE = re.compile(rf"^(?P<credit>(?P<inner>{_CJK_NAME}[ \u3000、]+{_REPORTER_ROLE}{_SEP}*{_NAMES}))$")
# a credit line of its own: "本报记者 王晓东 通讯员 李红", "文/张然", "作者：陈曦"
_STANDALONE = re.compile(rf"^(?P<credit>(?P<inner>{_ROLE}{_SEP}*{_NAMES}){_SUFFIX})\s*$")
# a credit closing an article: "（记者 张三）", "（本报记者 张三 李四）", "（文/张三）", "(记者 X 通讯员 Y)"
# and "(李涛 全媒体记者晋群)": a name may stand before the first role
_END = re.compile(rf"(?P<credit>[(（]\s*(?P<inner>(?:{_CJK_NAME}{_SEP}+)?{_ROLE}{_SEP}*{_NAMES})\s*[)）])\s*$")
# an author's note on its own line: "(作者为光明日报社首任总编辑胡愈之)", "（作者为焦作大学副教授）"
_AUTHOR_NOTE_ALONE = re.compile(r"^[(（]\s*作者(?:为|系|是|单位[:：]?)[^()（）]{2,40}[)）]$")
# the name closing such a note, after a post or a space: "…首任总编辑胡愈之)", "(作者系市委党校教授 王明)"
_POST = r"(?:总编辑|编辑|主编|社长|记者|教授|研究员|院长|所长|主任|书记|馆长|校长|会长|理事长|作家|学者|律师|医生|教师)"
_NOTE_NAME = re.compile(rf"(?:{_POST}|[ \u3000])(?P<name>[{_HAN}]{{2,3}})[)）]$")
_NOT_NOTE_NAMES = re.compile(r"[会院所部局处委厅室校司社馆组站队协]$|^(?:教授|研究员|主任|委员|成员|助理|博士|硕士|学生|干部)")
# a credit after an article's last sentence, set off by a space: "…现场。 潍坊日报社全媒体记者 窦浩智 吴晓强"
# "…参加了初赛。通讯员张锦清 记者羊荣江 摄影报道": any role leads when the credit says 报道
_TRAILING = re.compile(rf"(?<=[。！？”!?])[ \u3000]*(?P<credit>(?P<inner>{_REPORTER_ROLE}{_SEP}*{_NAMES}){_SUFFIX}"
                       rf"|(?P<reported>{_ROLE}{_SEP}*{_NAMES})\s*(?:摄影)?报道)\s*$")
# a writer-photographer's credit run on before the text: "记者 时宽兵 文/摄 1月7日,在东阳市画水镇…"
_RUN_ON_BOTH = re.compile(rf"^(?P<credit>{_ROLE}{_SEP}*{_NAMES}\s*(?:文[/／][图摄]|图[/／]文))\s+(?P<rest>\S.*)$")
# who took the photos, in a credit: "文/万干 图/翟鹏程", "本报记者 X 文/图" (X both wrote and took them)
_PHOTO_PART = re.compile(rf"(?:^|\s)(?:图|图片|摄影)\s*[/／:：]\s*(?:摄影师\s*)?(?P<names>{_NAMES})")
_BOTH = re.compile(r"文\s*[/／]\s*[图摄]|图\s*[/／]\s*文|文图|图文")
# "本报记者 张明星/文 倪军/图": "/文" after the writers, "/图" after the photographers
_WRITER_SUFFIX = re.compile(rf"[{_HAN}]\s*[/／]\s*文(?![{_HAN}])")
_PHOTO_SUFFIXED = re.compile(rf"(?<![{_HAN}])([{_HAN}]{{2,4}})\s*[/／]\s*[图摄](?![{_HAN}])")
# names marked by what they did, with no role: "王丽娟/文 李晓鹏/图", "曾会文/文"
_MARKED_NAMES = re.compile(rf"^{_CJK_NAME}\s*[/／]\s*文(?:[\s、]+{_CJK_NAME}\s*[/／]\s*文)*(?:[\s、]+{_CJK_NAME}\s*[/／]\s*[图摄])*$")
# a photo report's credit in brackets after the last sentence: "…完成播种工作。(刘敬宗 摄影报道)"
_BRACKET_REPORTED = re.compile(rf"(?<=[。！？”!?])\s*(?P<credit>[(（]\s*(?P<inner>{_NAMES})\s*摄影报道\s*[)）])\s*$")
# a reporter's credit run on before the text, which opens with a quote: "本报记者何沛“这个原创动画短视频很有意思,"
_RUN_ON_QUOTE = re.compile(rf"^(?P<credit>{_REPORTER_ROLE}\s*[{_HAN}]{{2,3}})(?P<rest>[“\"].+)$")
# two names run on after the last sentence, writer and photographer: "…服务社区群众。陈建国/林楠"
_SLASHED_NAMES = re.compile(rf"(?<=[。！？”!?])\s*(?P<credit>(?P<inner>[{_HAN}]{{2,3}}[/／][{_HAN}]{{2,3}}))\s*$")
# a brief signed with a name alone after its last sentence: "…种植技术。（王立军）"
_NAME_ONLY_END = re.compile(
    rf"(?:(?<=[。！？”!?])|^)\s*(?P<credit>[(（](?P<name>[{_HAN}]{{2,3}}(?:[ \u3000、]{{1,2}}[{_HAN}]{{2,3}}){{0,2}})[)）])\s*$")
# a brief signed by a writer under the work unit that sent it in: "…石材加工产值达到四百三十万元。（修武县委宣传部 宁志强）",
# "（市农科所　鲁志平）" (the unit ends as units do; what follows the space must look like a name: not "（市气象局 供稿）")
_UNIT_END = re.compile(
    rf"(?:(?<=[。！？”!?])|^)\s*(?P<credit>[(（](?P<unit>[{_HAN}]{{1,20}}(?:{_UNIT_ENDINGS}))[ \u3000]+"
    rf"(?P<name>[{_HAN}](?:[ \u3000]{{0,2}}[{_HAN}]){{1,2}})[)）])\s*$")
# a brief signed with a boxed name after its last sentence: "…免去旅客“找车难”的问题。□晓敏" (a pen name may be
# any two or three characters: the box marks it)
_BOX_END = re.compile(rf"(?<=[。！？”!?])\s*(?P<credit>[□■](?P<name>\s*[{_HAN}]{{2,3}}))\s*$")
# or with a name alone, set apart by a space: "…荣获二等奖。 夏慧" (run on with no space, a hard-wrapped line may end so;
# after a closing quote alone, it is a headline's author: "乾县境内鲜为人知的“五陵塬” 陈刚辉")
_SPACED_NAME_END = re.compile(rf"(?:(?<=[。！？!?])|(?<=[。！？!?]”))[ \u3000]+(?P<credit>(?P<name>[{_HAN}]{{2,3}}))\s*$")
# what follows "记者" in a sentence, not a name: "记者了解到", "记者看到", "记者从…获悉"
_NOT_RUN_ON = re.compile(r"^[了看发获注来走从在对随问与和跟就也又还先再当得将把被已正要会能随近昨今日前]")
_NOT_NAME_ENDINGS = "季节礼会赛展周日月年典"
_SUPPLIED = frozenset({"供稿", "供图", "提供", "整理", "口述", "推荐"})
_NOT_CREDITS = frozenset({"待续", "未完", "完", "续完", "社论", "评论", "通讯", "特写", "综合", "编者", "图文", "上", "下"})
# a commentary author's line: "王建华（作者为河南理工大学教授）", "（作者系市委党校教师）" after a name
_AUTHOR_NOTE = re.compile(rf"^(?P<credit>(?P<inner>{_CJK_NAME})\s*[(（]\s*作者(?:为|系|是|单位[:：]?)[^()（）]{{1,40}}[)）])\s*$"
                          # or the note first: "(作者系市政协委员)谭卫民"
                          rf"|^(?P<credit2>[(（]\s*作者(?:为|系|是|单位[:：]?)[^()（）]{{1,40}}[)）]\s*(?P<inner2>{_CJK_NAME}))\s*$")
# photo credit closing a paragraph: "…作业。本报记者 宋崇飞 摄", "通讯员 李红 摄", "记者 王飞/摄",
# "袁新宇摄（视觉中国）", "新华社发（王建伟 摄）", "（新华社发）", "新华社发"
_OFFICES = ("融媒体中心", "新闻中心", "宣传部", "供图", "资料图片", "资料照片")
_PHOTO = re.compile(
    rf"(?<![^\s。！？!?”’」』)）.;；])(?P<credit>{_NAMES}\s*/?\s*摄(?:影(?!报道))?(?:\s*[(（][^()（）]{{1,12}}[)）])?"
    rf"|[(（]\s*{_NAMES}\s*/?\s*摄(?:影)?\s*[)）]|[■●]?\s*摄影[:：]?\s*{_NAMES}"
    rf"|{_AGENCY}发\s*[(（]\s*{_NAMES}\s*/?\s*摄\s*[)）]|[(（]\s*{_AGENCY}(?:记者)?发(?:\s*{_NAMES}\s*/?\s*摄)?\s*[)）]"
    rf"|{_AGENCY}发"  # "…也是上海开埠以来接待的最大一条邮轮。(见上图)" / "新华社发": unbracketed, after the caption or alone"
    rf"|(?<=[。！？”!?])\s*图\s*[/／]\s*(?:摄影师\s*)?{_NAMES}"  # "…张琍蕾。图/摄影师王剑"
    # an office's credit, naming no one: "…丰收乐开怀。 白玉县融媒体中心", "…喜迎丰收。 德格县融媒体中心供图"
    rf"|(?<=[。！？”!?])\s+[{_HAN}]{{2,12}}?(?:{'|'.join(_OFFICES)})"
    rf"|(?<=[。！？”!?])\s*[(（][{_HAN}]{{2,12}}供图[)）]"  # "…采访。 (小岗村村委会供图)"
    rf"|(?:本报)?资料(?:图片|照片)"  # "本报资料图片": an old photo from the paper's files, no one named
    rf"|(?<![{_HAN}])[{_HAN}]{{2,3}}\s*[/／]\s*作"  # "王晓东/作": who drew the cartoon
    rf"|图\s*[/／:：]\s*{_NAMES}[ \u3000]+文字?\s*[/／:：]\s*{_NAMES})\s*$"  # "图/本报记者 姬小川　文/本报记者 庞 雪"
)
# a photographer's role and name closing a caption, with no 摄: "新媒体达人在崇州竹艺村跳舞摄影记者 王红强"
_PHOTO_ROLE_END = re.compile(rf"(?<=[^\s摄])\s*(?P<credit>(?:首席)?摄影记者\s*[{_HAN}]{{2,4}})\s*$")
# the paper's own voice, naming no one: "本报评论员", "本报特约评论员", "本报编辑部"
# a boxed writer's name run on into the text after a space: "□ 王履祥 自从春城晚报于1980年1月1日呱呱坠地之日起,…" (three
# or four characters: "■ 修武 连日来，…" is a place over a brief)
_ROLE_COLON = re.compile(r"(?<=记者|讯员|摄影|习生)[:：](?=\s*[\u4e00-\u9fff])")
_SENTENCE_MARKS = re.compile(r"[。？！?!，,；;]")
_ROLE_BAR = re.compile(r"(?<=记者|讯员|摄影|习生|编辑|文字|图片)[｜|](?=\s*[\u4e00-\u9fff])")
_BOX_RUN_ON = re.compile(rf"^(?P<credit>[□■◎]\s*(?P<name>[{_HAN}]{{3,4}}))[ \u3000]+(?P<rest>[^\s□■◎].{{8,}})$")
# a pupil's or writer's unit, then the name after a ◎, run on into the text: "台東縣豐榮國小五年乙班 ◎賴怡辰 結束一整天…"
_UNIT_BOX_RUN_ON = re.compile(rf"^(?P<credit>[{_HAN}]{{2,20}}[ \u3000]*◎\s*(?P<name>[{_HAN}]{{2,4}}))[ \u3000]+(?P<rest>[^\s□■◎].{{8,}})$")
# the reporter and where the story was reported, as papers in Taiwan print them, bracketed or not, before the text:
# "〔記者彭健禮/苗栗報導〕二〇二六年…", "記者吳佳俊/報導   7月8日上午…", "（記者王小明、李大同／台北報導）"; a
# translator's, with the paper after it on a web copy: "編譯茅毅/綜合報導聯合報"
_REPORTED_FROM = re.compile(
    rf"^(?P<credit>(?P<open>[〔【\[(（])?\s*(?:本报)?(?:记者|编译)\s*(?P<inner>{_CJK_NAME}(?:\s*[、,，]\s*{_CJK_NAME})*)\s*[/／]\s*"
    rf"[{_HAN}]{{0,8}}?(?:报导|报道)\s*(?(open)[〕】\])）]|(?:[{_HAN}]{{1,6}}报\s*$)?))\s*(?P<rest>.*)$", re.DOTALL)
# the paper's own voice, no one named: "本报评论员", "□本报记者综合报道"
_LEADER_WRITER = re.compile(r"^[□■]?\s*(?:(?:本报|本刊)(?:特约)?(?:评论员|编辑部)|本报(?:记者)?\s*综合(?:报道|整理|消息)?)$")
# a source line of its own: "据新华社", "据新华社电", "据央视新闻报道"
_SOURCE = re.compile(rf"^据(?:{_AGENCY}|[{_HAN}《》]{{2,10}}?)(?:[{_HAN}]{{0,8}}电|报道|消息)?$")
# a closing mark with no name: "(本报记者)", "（本报综合）", "（综合新华社电）"
# a wire agency closing a brief: "(法新社)", "（路透社电）", "（新华社）"
_AGENCIES = r"(?:新华社|中新社|法新社|路透社|美联社|合众国际社|共同社|时事社|塔斯社|俄新社|德新社|埃菲社|安莎社|韩联社|朝中社|越通社|中央社)"
# a writer and the county they write from, under the headline: "田思勉 (叶县)"
_NAME_AND_PLACE = re.compile(rf"^(?P<name>[{_HAN}]{{2,4}})\s*[(（][{_HAN}]{{1,8}}(?:县|区|市|镇|乡)[)）]$")
_NAME_AND_PAPER = re.compile(rf"^(?P<name>[{_HAN}]{{2,4}})\s*[(（][{_HAN}]{{2,10}}(?:日报|晚报|早报|报|网)[)）]$")
_WIRE_END = re.compile(rf"(?<=[。！？”…])\s*[(（]{_AGENCIES}(?:电|报道|消息)?[)）]$")
_UNNAMED_END = re.compile(r"^[(（]\s*(?:(?:本报|本刊)?(?:记者|综合|报道|综合报道|编辑|综合新华社电|据新华社电)"
                          rf"|(?:据|综合)?{_AGENCY}[{_HAN}]{{0,10}}(?:{_DATE})?电|{_AGENCIES}(?:电|报道|消息)?)\s*[)）]$")  # "（新华社北京3月4日电）"
# "（本报记者徐驭尧、窦皓、董泽扬参与采写）", "（本报记者侯琳良整理）", "（本报记者李心萍采访整理）": who helped
# write it, or wrote up what a speaker said, at the end
_HELPED = re.compile(rf"^[(（]\s*(?P<inner>(?:{_ROLE}\s*)?{_NAMES})\s*(?:参与(?:采写|采访|报道)|(?:采访)?整理)\s*[)）]$")
# a photo report's or a compiler's credit on a line of its own: "吕依霖 摄影报道", "井娇摄影报道", "易芝娜/编撰"
_ALONE_REPORTED = re.compile(rf"^(?P<inner>{_NAMES})\s*(?:摄影报道|[/／]\s*(?:编撰|编译|整理|撰文))$")
# who compiled what follows (readers' letters, a forum's remarks): "何白 整理"; who reported it: "廖晗报道"
_COMPILED = re.compile(rf"^(?P<inner>{_NAMES})\s*(?:\s整理|(?<!摄影)(?<!图片)(?<!新闻)报道)$")
_MAX_CREDIT = 60
_TOKEN = re.compile(rf"(?P<role>{_ROLE})|(?P<name>[{_HAN}·]+)")
# two-character names padded to three columns: "赵  鹏   林  蔚" -> "赵鹏   林蔚"
# "记者程  浩": a padded name may follow its role with no space
# "（记者 原  新通讯员 王  璐）": or a role may follow a padded name with no space; "文/图　张  磊": 图 is no name
_PADDED = re.compile(rf"(?:(?<![{_HAN}])(?!(?<=[/／])[文图摄])|(?<=记者|讯员|习生))([{_HAN}])[ \u3000]{{1,2}}([{_HAN}])(?:(?![{_HAN}])|(?=通讯员|实习生|记者|摄(?![{_HAN}])))")
# words that follow a role but name nobody: "记者手记", "记者观察", "本报记者调查"
_NOT_NAMES = frozenset({"本报讯", "本报电", "来论", "来稿", "来函", "新华社", "中新社", "新华网", "人民网", "报道", "摄影报道", "报告", "摄", "摄影", "综合", "本报", "文图", "图文", "整理", "发", "电", "讯", "手记", "观察",
                        "调查", "专访", "采访", "连线", "札记", "日记", "笔记", "随笔", "来信", "走访", "探访", "体验", "追踪", "一线",
                        "组图", "图片", "照片", "图表", "综合报道", "综合消息", "本报综合", "综合整理"})


@dataclass(frozen=True)
class Credit:
    """A parsed credit: the text as printed and the people in it by role."""

    text: str
    reporters: tuple[str, ...] = ()
    correspondents: tuple[str, ...] = ()

    @property
    def people(self) -> tuple[str, ...]:
        return self.reporters + tuple(n for n in self.correspondents if n not in self.reporters)

    def merged(self, other: Credit) -> Credit:
        """Two credits of one article ("本报讯" and "（记者 张三）") as one."""
        text = f"{self.text} {other.text}".strip()
        correspondents = self.correspondents + tuple(n for n in other.correspondents if n not in self.correspondents)
        # a name one credit gives as a correspondent's is not a reporter's for a credit naming no roles:
        # "作者：车晓林 帅 婷" and "本报讯（记者 车晓林 通讯员 帅婷）" are 车晓林 and 通讯员 帅婷
        reporters = tuple(n for n in self.reporters + tuple(n for n in other.reporters if n not in self.reporters)
                          if n not in correspondents)
        return Credit(text, reporters, correspondents)


def joined_name(text: str) -> str:
    """A name as one word, its padding and stray spaces gone: "高  杰" -> "高杰", "关 河" -> "关河"."""
    return re.sub(r"[ \u3000]+", "", unpad(text.strip()))


def name_and_note(name: str, note: str) -> str | None:
    """A name alone over an author's note, as one credit: "王建华" / "（作者单位：中共焦作市委党校）" ->
    "王建华（作者单位：中共焦作市委党校）"; None if they are not that."""
    joined = f"{name.strip()}{note.strip()}"
    flat = joined_name(name)
    if not re.fullmatch(rf"[{_HAN}]{{2,4}}", flat) or not _AUTHOR_NOTE_ALONE.match(note.strip()):
        return None
    return joined if _AUTHOR_NOTE.match(unpad(joined)) else None


def author_note_alone(text: str) -> bool:
    """An author's note on a line of its own: "（作者单位：中共焦作市委党校）", "(作者系焦作大学教师)"."""
    return bool(_AUTHOR_NOTE_ALONE.match(text.strip()))


def is_role(text: str) -> bool:
    """A role alone, its names on the next line: "本报记者", "通讯员", "新华社记者"."""
    return bool(re.fullmatch(_ROLE, text.strip()))


# a three-character name set out with single spaces: "（记者 付 凯 明 通讯员 邓 雪）" (four such characters are two
# names: "（记者 梁 鑫 徐 红）")
_SPACED_THREE = re.compile(rf"(?:(?<![{_HAN}])(?:(?<![{_HAN}] )|(?<=[{_HAN}]{{2}} ))|(?<=记者|讯员|习生))([{_HAN}]) ([{_HAN}]) ([{_HAN}])"
                           rf"(?:(?![{_HAN}])(?! [{_HAN}](?![{_HAN}]))|(?=通讯员|实习生|记者))")


def unpad(text: str) -> str:
    """Join two-character names padded with spaces: "本报记者  赵  鹏   林  蔚" -> "本报记者  赵鹏   林蔚"."""
    if " " not in text and "\u3000" not in text:
        return text  # nothing padded: most lines
    return _PADDED.sub(r"\1\2", _SPACED_THREE.sub(r"\1\2\3", text))


_RUN_ON_ROLE = re.compile(r"(?<=[\u4e00-\u9fff])(?<!本报)(?<!特约)(?=通讯员|实习生)")


# an OCR'd stray space after a surname: "（记者 谢 红兵）" is 谢红兵 (a lone surname, then two characters)
_STRAY_SPACE = re.compile(rf"(?:(?<=^)|(?<=[\s、,，]))([{_HAN}]) ([{_HAN}]{{2}})(?![{_HAN}])")


def split_names(inner: str, default_role: str = "记者") -> Credit:
    """People in the inside of a credit: "记者 王晓东 通讯员 李红" -> reporters 王晓东, correspondents 李红."""
    reporters: list[str] = []
    correspondents: list[str] = []
    role = default_role
    flat = _STRAY_SPACE.sub(lambda m: m.group(1) + m.group(2) if m.group(1) in surnames() else m.group(), unpad(inner))
    flat = _RUN_ON_ROLE.sub(" ", flat)  # "原新通讯员 王璐": a role run on after a name
    flat = re.sub(r"(?<=[\u4e00-\u9fff]{2})(?=文[/／][图摄])", " ", flat)  # "刘念海文/图": the name, then 文/图
    flat = re.sub(r"(?<=[\u4e00-\u9fff]{2})(?:摄影)?报道$", "", flat)  # "记者魏然报道": the name, then 报道
    if re.search(r"[/／]\s*文(?![\u4e00-\u9fff])", flat):  # "曾会文/文 黄启鹏/图": who wrote, not who took the photo
        flat = re.sub(rf"[{_HAN}]{{2,4}}\s*[/／]\s*图(?![{_HAN}])", " ", flat)
    for m in _TOKEN.finditer(flat):
        if m.group("role"):
            role = m.group("role")
            continue
        for name in _names_in(m.group("name")):
            target = correspondents if re.fullmatch(_CORRESPONDENT_ROLE, role) else reporters
            if name not in target:
                target.append(name)
    return Credit(inner, tuple(reporters), tuple(correspondents))


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """The surnames in indexer/newspaper/data/surnames.txt: "王", "李", …, "欧阳", "尉迟"."""
    text = resources.files("indexer.newspaper").joinpath("data", "surnames.txt").read_text(encoding="utf-8")
    return frozenset(word for line in text.splitlines() if not line.startswith("#") for word in line.split())


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Places of China in indexer/newspaper/data/places.txt: "南京", "沭阳", … (where a reader signing lives)."""
    text = resources.files("indexer.newspaper").joinpath("data", "places.txt").read_text(encoding="utf-8")
    return frozenset(word for line in text.splitlines() if not line.startswith("#") for word in line.split())


def looks_like_name(text: str) -> bool:
    """A person's name by its shape: 2-4 characters opening with a surname, not a place.

    "陈建国" -> True; "上半年" -> False; "孟州市" -> False.
    """
    if not 2 <= len(text) <= 4 or text[-1] in _PLACE_ENDINGS:  # "孟州市": a place, whatever its first character
        return False
    return text[:1] in surnames() or (len(text) >= 3 and text[:2] in surnames())


_PLACE_ENDINGS = "市县区镇乡村州省街路"


# two-character surnames: "张凯林尉迟健平" is 张凯林 and 尉迟健平
_MEDIA = re.compile(r"(?:日报|晚报|早报|晨报|报社|报|新闻|新闻网|网|电视台|广播|融媒|中心|客户端)$")
_COMPOUND_SURNAME = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:%s)" % "|".join(sorted(s for s in surnames() if len(s) == 2)))


def _names_in(run: str) -> list[str]:
    """One run of characters between separators: "徐金华" -> [徐金华]; "徐金华王晓东" -> two 3-character names."""
    if run in _NOT_NAMES or run.startswith("发自"):  # "本报记者 孙国庆 李晓东 发自北京"
        return []
    if len(run) >= 3 and _MEDIA.search(run):  # "作者:焦作日报 浏览:1234": a CMS names the paper where a writer goes
        return []
    if 5 <= len(run) <= 8 and (m := _COMPOUND_SURNAME.search(run)) and 2 <= len(run) - m.start() <= 4 and m.start() <= 4:
        return [run[:m.start()], run[m.start():]]
    if len(run) == 6 and "·" not in run:
        return [run[:3], run[3:]]
    if 2 <= len(run) <= 4 or ("·" in run and len(run) <= 12):
        return [run]
    return []


@either_script
def match_byline(block: str) -> tuple[Credit, str] | None:
    """A byline at the start of a block: (credit, rest of the block), else None.

    "本报讯(记者徐金华)7月26日上午,…" -> (Credit("本报讯(记者徐金华)", ("徐金华",)), "7月26日上午,…");
    "本报记者  赵  鹏   林  蔚" -> (Credit(…, ("赵鹏", "林蔚")), "");
    "记者｜韦晓东" (a repost's bar after the role) -> (Credit("记者｜韦晓东", ("韦晓东",)), "").
    """
    plain = _ROLE_BAR.sub(" ", block)  # one character for one: the credit is cut from the block as printed
    if not _SENTENCE_MARKS.search(block):  # "记者：焦  阳  通讯员：尤志远" (an interview's "记者：…？" is no credit)
        plain = _ROLE_COLON.sub(" ", plain)
    found = _match_byline(plain)
    if found is None or plain == block:
        return found
    credit, rest = found
    at = plain.find(credit.text)
    return (replace(credit, text=block[at:at + len(credit.text)]) if at >= 0 else credit), rest


def _match_byline(block: str) -> tuple[Credit, str] | None:
    m = _WIRE.match(block.lstrip("■●◆▲△★☆"))  # "■本报讯 近日，…": a brief's bullet before its dateline
    if m:  # "本报永修讯 记者张晶报道：…": the names may follow the dateline without brackets
        people = split_names(m.group("inner") or m.group("reported") or m.group("spaced") or "", default_role="")
        bullet = block[:len(block) - len(block.lstrip("■●◆▲△★☆"))]
        return Credit(bullet + m.group("credit").strip(), people.reporters, people.correspondents), \
            block[len(bullet) + m.end():].strip()
    line = block.strip()
    head = line[:_MAX_CREDIT]
    m = (_RUN_ON_BOTH.match(line) if "/" in head or "／" in head else None) \
        or (_RUN_ON_QUOTE.match(line) if "“" in head or '"' in head else None)  # (cheap tests first: every line comes here)
    if m is not None and len(m.group("credit")) <= _MAX_CREDIT:
        people = split_names(m.group("credit"))
        if (people.reporters or people.correspondents) and _named(m.group("credit"), people):
            return Credit(m.group("credit"), people.reporters, people.correspondents), m.group("rest")
    if line[:1] in "□■◎" and (m := _BOX_RUN_ON.match(line)) is not None and looks_like_name(m.group("name")):
        return Credit(m.group("credit"), (m.group("name"),)), m.group("rest")  # "□ 王履祥 自从春城晚报…"
    if "记者" in head[:24] and (m := _OPENING_CREDIT.match(line)) is not None:
        people = split_names(m.group("inner") or m.group("inner2"))
        if people.reporters and all(map(looks_like_name, people.reporters)):
            return Credit(m.group("credit").strip(), people.reporters, people.correspondents), m.group("rest").strip()
    if "◎" in head and (m := _UNIT_BOX_RUN_ON.match(line)) is not None and looks_like_name(m.group("name")):
        return Credit(m.group("credit"), (m.group("name"),)), m.group("rest")
    if ("记者" in head[:6] or "编译" in head[:3]) and (m := _REPORTED_FROM.match(line)) is not None:
        people = split_names(m.group("inner"))
        if people.reporters:
            return Credit(m.group("credit").strip(), people.reporters), m.group("rest").strip()
    if len(line) > _MAX_CREDIT:
        return None
    if _SOURCE.match(line) or _LEADER_WRITER.match(line):
        return Credit(line), ""
    flat = unpad(line)
    first = flat[:1]
    m2 = None
    m = (_BOX_UNIT.match(flat) or _NAMED_NOTE.match(flat) if first in "□■作文" else None) \
        or (m3 if len(flat) <= 24 and (" " in flat or "\u3000" in flat) and (m3 := _SIGNED.match(flat)) is not None
            and looks_like_name(m3.group("inner")) else None) \
        or ((m2 := _SCHOOL_UNIT.match(flat) or _AUTHOR_PLACE.match(flat)) if (" " in flat or "\u3000" in flat) else None)
    if m is not None and m is m2 and (not looks_like_name(m.group("inner")) or m.group("inner")[-1] in _NOT_NAME_ENDINGS):
        m = None  # ("焦作大学 毕业季": a two-part headline)
    if m:
        return Credit(line, (m.group("inner"),)), ""
    m = _WRITER_AND_PHOTO.match(flat) if first == "文" else _PAGE_CREDIT.match(flat) if first == "本" else None
    if m and (_STANDALONE.match(m.group("inner")) or re.fullmatch(_NAMES, m.group("inner"))):
        people = split_names(m.group("inner"))
        if people.reporters or people.correspondents:
            return Credit(line, people.reporters, people.correspondents), ""
    if (m := _NAME_AND_PLACE.match(flat)) is not None and looks_like_name(m.group("name")):
        return Credit(line, (m.group("name"),)), ""
    if (m := _COMPILED.match(flat)) is not None and (people := split_names(m.group("inner"))).reporters:
        return Credit(line, people.reporters, people.correspondents), ""
    if _MARKED_NAMES.match(flat):
        people = split_names(flat)
        if people.reporters:
            return Credit(line, people.reporters, people.correspondents), ""
    for pattern in (_BOX, _STANDALONE, _NAME_THEN_ROLE):
        m = pattern.match(flat)
        if m:
            people = split_names(m.group("credit").lstrip("□■◎◇●◆▲★▌|N○"))  # with "/图" after a name: see split_names
            if flat[:1] == "○" and not all(map(looks_like_name, people.people)):
                continue  # "○ 聂红梅" signs a piece; "○ 温县" is a bulleted place
            if any(len(name) == 4 and not looks_like_name(name) for name in people.people):
                continue  # "■一盏马灯": a feature's sub-heading after its bullet, not a boxed pen name ("□ 晓敏")
            if (people.reporters or people.correspondents) and _named(flat, people):
                return Credit(line, people.reporters, people.correspondents), ""
    return None


_ANONYMOUS = ("先生", "女士", "小姐", "同学", "师傅", "大爷", "大妈", "阿姨", "老人")


def match_end_credit(line: str) -> tuple[str, Credit] | None:
    """A credit closing a paragraph: (text before it, credit), else None ("…作业。（记者 张三）").

    A reader who asks and signs unnamed is no writer, and the line is no credit: "…我该怎么办？（武陟　读者　张先生）"
    -> None; a place the writer lives in is no second writer: "…。(南京 祝晓)" -> 祝晓.
    """
    found = _match_end_credit(line)
    if found is None:
        return None
    before, credit = found
    people = credit.reporters + credit.correspondents
    flat = unpad(credit.text)
    # a place's name right after a role is a person's: "（记者 岳阳 通讯员 李平）", "（记者 宁波）"
    place = {n for n in people if (n in places() or (len(n) >= 3 and n[-1] in "区县市"))
             and not re.search(rf"{_ROLE}[\s:：]*{re.escape(n)}", flat)}  # ("（山阳区　赵建华）": where the writer lives)
    if people and all(n.endswith(_ANONYMOUS) or n in place for n in people):
        return None
    if any(n.endswith(_ANONYMOUS) or (n in place and len(people) > 1) for n in people):
        credit = replace(credit, reporters=tuple(n for n in credit.reporters if not n.endswith(_ANONYMOUS) and n not in place),
                         correspondents=tuple(n for n in credit.correspondents if not n.endswith(_ANONYMOUS)))
    return before, credit


_SENTENCE_WORDS = frozenset({"于是", "但是", "因此", "同时", "此外", "然而", "所以", "其中", "另外", "而且", "并且", "随后",
                             "之后", "目前", "当时", "如今", "今年", "去年", "明年", "近日", "日前", "据悉", "为此"})


def _spaced_name(name: str) -> bool:
    """A name alone after a sentence and a space signs the brief, unless it is a word or a title: "…二等奖。 夏慧" does;
    "…特此通知。 管委会", "…请咨询。 王老师", "…意见很大。 于是" do not."""
    return name not in _SENTENCE_WORDS and not name.endswith(("老师", "女士", "先生", "同志", "师傅")) \
        and name[-1] not in "会委局办处部厅院所站队司社"


def _named(credit: str, people: Credit) -> bool:
    """A role run on into one word names someone only if the word is shaped like a name: "记者徐金华" does,
    "记者核实" (a sub-heading) and "网友希望“好心人”…" (a sentence) do not."""
    named = people.reporters + people.correspondents
    if len(named) != 1 or re.search(r"[\s、,，/／:：□■◎◇●◆▲★▌]", credit.strip()):
        return True
    return looks_like_name(named[0])


def signature(line: str) -> bool:
    """A letter's signature, which closes the text above it: "孟州市读者　张玉兰", "山阳区　李晓东"."""
    return bool(_SIGNED.match(unpad(line.strip())))


def credited_photographers(credit: Credit) -> tuple[str, ...]:
    """Who took the photos, by the credit: "文/万干 图/翟鹏程" -> (翟鹏程,); "记者 时宽兵 文/摄" -> (时宽兵,)."""
    flat = unpad(credit.text)
    m = _PHOTO_PART.search(flat)
    if m:
        return split_names(m.group("names")).people
    if _WRITER_SUFFIX.search(flat):  # "本报记者 张明星/文 倪军/图": the names marked "/图"
        return tuple(dict.fromkeys(_PHOTO_SUFFIXED.findall(flat)))
    return credit.reporters if _BOTH.search(flat) else ()


@either_script
def _match_end_credit(block: str) -> tuple[str, Credit] | None:
    """A credit closing an article: (text before it, credit), else None.

    "…取得实效。（记者 张三）" -> ("…取得实效。", Credit("（记者 张三）", ("张三",)));
    "王建华（作者为河南理工大学教授）" -> ("", Credit(…, ("王建华",)));
    "(作者为光明日报社首任总编辑胡愈之)" -> ("", Credit(…, ("胡愈之",))).
    """
    line = block.rstrip()
    if _UNNAMED_END.match(line.strip()):
        return "", Credit(line.strip())  # "(本报记者)", "（新华社北京3月4日电）": closes the article, names nobody
    m = _HELPED.match(unpad(line.strip())) or _ALONE_REPORTED.match(unpad(line.strip()))
    if m:
        people = split_names(m.group("inner"))
        return "", Credit(line.strip(), people.reporters, people.correspondents)
    if (m := _NAME_AND_PAPER.match(unpad(line.strip()))) is not None and looks_like_name(m.group("name")):
        return "", Credit(line.strip(), (m.group("name"),))  # "尹海将 (云南日报)": the writer and the paper, closing a copy
    if _AUTHOR_NOTE_ALONE.match(line.strip()):  # "(作者为光明日报社首任总编辑胡愈之)": closes the article
        m = _NOTE_NAME.search(line.strip())
        named = m is not None and not _NOT_NOTE_NAMES.search(m.group("name")) and looks_like_name(m.group("name"))
        return "", Credit(line.strip(), (m.group("name"),) if named and m is not None else ())
    m = _AUTHOR_NOTE.match(unpad(line.strip()))
    if m and looks_like_name(m.group("inner") or m.group("inner2")):
        return "", Credit(line.strip(), (m.group("inner") or m.group("inner2"),))
    if (m := _WIRE_END.search(line)) is not None:  # "…没有偏袒任何一方。(法新社)": a wire brief, no one named
        return line[:m.start()].rstrip(), Credit(m.group().strip())
    # the tail with padded names joined ("（王  磊）", "…。记者 聂  宁"); cuts are mapped back to the line as printed
    start = max(0, len(line) - _MAX_CREDIT)
    flat = line[:start] + unpad(line[start:])
    if (m := _UNIT_END.search(line)) is not None and looks_like_name(name := unpad(m.group("name"))) \
            and name not in _NOT_NAMES | _NOT_CREDITS | _SUPPLIED:
        return line[:m.start("credit")].rstrip(), Credit(m.group("credit").strip(), (name,))
    m = _NAME_ONLY_END.search(flat, start)
    names: tuple[str, ...] = ()
    if m and m.group("name") not in _NOT_NAMES | _NOT_CREDITS:  # "…技术。（王立军）", "（吴树民 周秦）": signed by its writers
        names = tuple(re.split(r"[ \u3000、]+", m.group("name")))
        if len(names) > 1 and names[-1] in _SUPPLIED:
            names = names[:-1]  # "(陈敬之 供稿)": who sent it in
        if any(re.fullmatch(_ROLE, n) or n in _NOT_NAMES | _NOT_CREDITS for n in names):
            names = ()  # "（记者 付晓明）": a role, read below
    if m and names:
        cut = _original_offset(line, flat, m.start("credit"))
        return line[:cut].rstrip(), Credit(line[cut:].strip(), names)
    m = _BOX_END.search(flat, start) or _SPACED_NAME_END.search(flat, start)
    if m and m.group("name").strip() not in _NOT_NAMES | _NOT_CREDITS \
            and (m.group("credit")[0] in "□■" or (looks_like_name(m.group("name")) and _spaced_name(m.group("name")))):
        cut = _original_offset(line, flat, m.start("credit"))
        return line[:cut].rstrip(), Credit(line[cut:].strip(), (m.group("name").strip(),))
    m = _BRACKET_REPORTED.search(flat, start)
    if m is None and (m := _SLASHED_NAMES.search(flat, start)) and not all(map(looks_like_name, re.split(r"[/／]", m.group("inner")))):
        m = None  # "…增长了一倍。上半年/下半年": no names
    if m:
        people = split_names(m.group("inner"))
        if people.reporters or people.correspondents:
            cut = _original_offset(line, flat, m.start("credit"))
            return line[:cut].rstrip(), Credit(line[cut:].strip(), people.reporters, people.correspondents)
    m = _TRAILING.search(flat, start)
    if m:  # "…图为生态捕捞现场。 潍坊日报社全媒体记者 窦浩智 吴晓强": a credit after the last sentence
        people = split_names(m.group("inner") or m.group("reported"))
        run_on = not flat[m.start() - 1:m.start()].isspace()  # "…安全。见习记者 徐舒帆", not "…问题。记者了解到"
        if (people.reporters or people.correspondents) and not (run_on and any(_NOT_RUN_ON.match(n) for n in people.people)):
            cut = _original_offset(line, flat, m.start("credit"))
            return line[:cut].rstrip(), Credit(line[cut:].strip(), people.reporters, people.correspondents)
    tail_start = max(0, len(line) - _MAX_CREDIT)
    flat_tail = unpad(line[tail_start:])
    m = _END.search(flat_tail)
    if not m:
        return None
    people = split_names(m.group("inner"))
    if not (people.reporters or people.correspondents):
        return None
    # the same credit in the line as printed (unpad only removed spaces inside it)
    opening = line.rfind("（" if m.group("credit").startswith("（") else "(")
    if opening < 0:
        return None
    return line[:opening].rstrip(), Credit(line[opening:].strip(), people.reporters, people.correspondents)


@either_script
def match_photo_credit(block: str) -> tuple[str, Credit] | None:
    """A photo credit closing a block: (text before it, credit with photographers in ``reporters``).

    "…进行作业。本报记者 宋崇飞 摄" -> ("…进行作业。", Credit("本报记者 宋崇飞 摄", ("宋崇飞",)));
    "…开幕式在呼伦贝尔举行。（新华社发）" -> ("…举行。", Credit("（新华社发）")).
    """
    start = max(0, len(block) - _MAX_CREDIT)  # a credit is short: look at the end only
    printed, block = block, _ROLE_BAR.sub(" ", block)  # "摄影｜焦作日报全媒体记者 雷　鸣"
    flat = block[:start] + unpad(block[start:])
    m = _PHOTO.search(flat, start) or _PHOTO_ROLE_END.search(flat, start)
    if not m:
        return None
    credit = m.group("credit")
    cut = _original_offset(block, flat, m.start())
    before, printed = printed[:cut].rstrip(), printed[cut:].strip()
    if ("发" in credit or credit.strip().strip("()（）").endswith(_OFFICES)) and "摄" not in credit:  # "（新华社发）", "德格县融媒体中心供图":
        return before, Credit(printed)  # an agency or an office, no person
    if credit.startswith(("(", "（")) and "发" not in credit:
        credit = credit[1:-1]  # "(王嘉彬 程帅 摄)": the whole credit in brackets
    inner = re.sub(r"\s*[(（][^()（）]*[)）]\s*$", "", credit) if credit.rstrip().endswith(("）", ")")) and "发" not in credit else credit
    inner = re.sub(rf"^[(（]?\s*{_AGENCY}(?:记者)?发\s*[(（]?|[)）]$", "", inner)
    inner = re.sub(r"[ \u3000]+文字?\s*[/／:：].*$", "", inner) if re.match(r"图\s*[/／:：]", inner) else inner  # (its writer)
    inner = re.sub(r"^图\s*[/／:：]\s*(?:摄影师)?", "", inner)
    inner = re.sub(r"\s*[/／]\s*作$", "", inner)  # (the cartoonist's name)
    people = split_names(inner.rstrip("摄影/ \t）)").rstrip("摄影/ \t"))
    # in printed order: "通讯员 聂远航 本报记者 葛云霄 摄" took the photos in that order, whatever their roles
    names = tuple(sorted(people.people, key=lambda name: inner.find(name) if name in inner else len(inner)))
    if not names:
        return None
    return before, Credit(printed, names)


def _original_offset(block: str, flat: str, flat_offset: int) -> int:
    """Where ``flat[flat_offset:]`` starts in ``block`` (``flat`` is ``block`` with some spaces removed)."""
    keep = sum(1 for ch in flat[flat_offset:] if not ch.isspace())
    pos = len(block)
    while keep and pos > 0:
        pos -= 1
        if not block[pos].isspace():
            keep -= 1
    return pos
