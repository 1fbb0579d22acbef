"""Credit lines of many papers, each form as printed: who wrote it, who took the photo, who helped."""
from __future__ import annotations

import pytest

from indexer.newspaper.bylines import Credit, credited_photographers, match_byline, match_end_credit, match_photo_credit


@pytest.mark.parametrize(("line", "reporters", "correspondents", "rest"), [
    ("台海网2月5日讯 (导报记者 房舒 实习生 王忆芸 通讯员 吴海泳 文/图)美籍华人周博士", ("房舒", "王忆芸"), ("吴海泳",), "美籍华人周博士"),
    ("□首发集团八达岭分公司京新收费所 吕文静", ("吕文静",), (), ""),
    ("广西新闻网-南国早报南宁讯 (记者 张若凡)10月29日晚,自治区举行招待会", ("张若凡",), (), "10月29日晚,自治区举行招待会"),
    ("荆楚在线消息(楚天都市报)(记者陈曙光)正月初六,记者踏上襄樊的土地", ("陈曙光",), (), "正月初六,记者踏上襄樊的土地"),
    ("文/YMG全媒体记者 杨春娜 图/郑晓平 张洁 唐克", ("杨春娜",), (), ""),
    ("本版文/图 本报记者 谭心怡(除署名外)", ("谭心怡",), (), ""),
    ("YMG全媒体记者 杨春娜", ("杨春娜",), (), ""),
    ("记者 时宽兵 文/摄 1月7日,在东阳市画水镇许宅村", ("时宽兵",), (), "1月7日,在东阳市画水镇许宅村"),
    ("文/图　张  磊　刘海燕", ("张磊", "刘海燕"), (), ""),
    ("孟州市读者　张玉兰", ("张玉兰",), (), ""),
    ("王丽娟/文 李晓鹏/图", ("王丽娟",), (), ""),
    ("◎冯丽娜", ("冯丽娜",), (), ""),
    ("○ 聂红梅", ("聂红梅",), (), ""),  # a 副刊 piece signed under its title
    ("解放区实验小学五(2)班 刘欣怡", ("刘欣怡",), (), ""),  # a pupil under the school and class
    ("○记者刘念海文/图", ("刘念海",), (), ""),  # the name run on into 文/图
    ("记者：焦  阳  通讯员：尤志远", ("焦阳",), ("尤志远",), ""),  # an app card's roles with a colon
    ("山阳区百间房乡村民 秦建设 等", ("秦建设",), (), ""),  # villagers signing a letter, one named "and others"
    ("市农科所　杨振华", ("杨振华",), (), ""),  # a research unit's writer under the headline
    ("田思勉 (叶县)", ("田思勉",), (), ""),  # a writer and the county they write from
    ("本报讯 记者吕长江、通讯员邝新民报道：今年武陟、温县两县秋作物长势良好", ("吕长江",), ("邝新民",),
     "今年武陟、温县两县秋作物长势良好"),
    ("□记者魏然报道", ("魏然",), (), ""),  # the name run on into 报道
    # portal copies of the 2000s: a paper's or a site's 消息 with the reporters in brackets, a credit opening the text
    ("汉网消息(记者胡常峰 实习生邓婧 王雯萱)广告公司想在楼顶安广告牌", ("胡常峰", "邓婧", "王雯萱"), (), "广告公司想在楼顶安广告牌"),
    ("鞍山日报消息(见习记者 董鹏飞)昔日垃圾场,今日变花园。", ("董鹏飞",), (), "昔日垃圾场,今日变花园。"),
    ("记者时鹏、全悦敏核实报道:被撞的超市叫“二嫂食品香烟超市”", ("时鹏", "全悦敏"), (), "被撞的超市叫“二嫂食品香烟超市”"),
    ("中国气象报记者刘晓林摄影报道3月3日,天气多云,略感寒意", ("刘晓林",), (), "3月3日,天气多云,略感寒意"),
    ("本报讯　通讯员王长顺、记者孔涛报道：温县北冷乡最近办起了一所农民技术学校。", ("孔涛",), ("王长顺",),
     "温县北冷乡最近办起了一所农民技术学校。"),
    ("(记者方华) “银行被抢了,警车都把银行包围了。”", ("方华",), (), "“银行被抢了,警车都把银行包围了。”"),
    ("何白 整理", ("何白",), (), ""),
    ("◇本报记者邹英", ("邹英",), (), ""),
    ("王青青 晚报记者 叶晓姝", ("王青青", "叶晓姝"), (), ""),
    ("本期主持 大饼", ("大饼",), (), ""),
    ("廖晗报道", ("廖晗",), (), ""),
    ("本报记者何沛“这个原创动画短视频很有意思,”", ("何沛",), (), "“这个原创动画短视频很有意思,”"),
    ("本报通讯员 赵振华 记者 刘新民", ("刘新民",), ("赵振华",), ""),  # 本报通讯… is no dateline "本报X讯"
    ("〔本报讯〕记者孙明报道：五月十日，市政府召开会议", ("孙明",), (), "五月十日，市政府召开会议"),
    ("□ 王履祥 自从春城晚报于1980年1月1日呱呱坠地之日起", ("王履祥",), (), "自从春城晚报于1980年1月1日呱呱坠地之日起"),
    ("★关 河", ("关河",), (), ""),
    ("本报讯（记者 谢 红兵）12月7日晚", ("谢红兵",), (), "12月7日晚"),  # an OCR'd stray space after the surname
    ("本报讯（记者 王 冰 赵改玲）近日", ("王冰", "赵改玲"), (), "近日"),
    ("本报综合 “稳中求进”——政府工作报告提出", (), (), "“稳中求进”——政府工作报告提出"),  # compiled by the paper
    ("□本报记者综合报道", (), (), ""),  # the paper's reporters, no one named (not a person "综合报道")
    # papers in Taiwan: the reporter, a slash and where the story was reported, bracketed or not
    ("〔記者彭健禮/苗栗報導〕二〇二六年中央政府總預算案仍卡關", ("彭健禮",), (), "二〇二六年中央政府總預算案仍卡關"),
    ("記者吳佳俊/報導   7月8日上午10時15分花蓮縣消防局接獲民眾報案", ("吳佳俊",), (), "7月8日上午10時15分花蓮縣消防局接獲民眾報案"),
    ("【記者王小明、李大同／台北報導】時序入夏,花蓮縣溪流多", ("王小明", "李大同"), (), "時序入夏,花蓮縣溪流多"),
    ("（記者洪美秀／新竹報導）新竹縣政府昨天宣布", ("洪美秀",), (), "新竹縣政府昨天宣布"),
    ("編譯茅毅/綜合報導聯合報", ("茅毅",), (), ""),  # a translator's credit, the paper after it on a web copy
    # a pupil's school and class, then the name after a ◎, run on into the essay
    ("台東縣豐榮國小五年乙班 ◎賴怡辰 結束一整天累人的上課時間,電力早已消耗殆盡", ("賴怡辰",), (), "結束一整天累人的上課時間,電力早已消耗殆盡"),
])
def test_bylines_of_other_papers(line: str, reporters: tuple, correspondents: tuple, rest: str) -> None:
    found = match_byline(line)
    assert found is not None
    credit, after = found
    assert (credit.reporters, credit.correspondents, after) == (reporters, correspondents, rest)


@pytest.mark.parametrize(("line", "before", "people"), [
    ("（本报记者侯琳良整理）", "", ("侯琳良",)),
    ("（本报记者 郑海洋 采访整理）", "", ("郑海洋",)),
    ("参加了初赛。通讯员张锦清 记者羊荣江 摄影报道", "参加了初赛。", ("羊荣江", "张锦清")),
    ("先进行列。(今晚报特派记者 张凯林 尉迟健平)", "先进行列。", ("张凯林", "尉迟健平")),
    ("占今年植树任务的60%以上。(《濮阳日报》记者 王振巍 张同乐)", "占今年植树任务的60%以上。", ("王振巍", "张同乐")),
    ("完成播种工作。(刘敬宗 摄影报道)", "完成播种工作。", ("刘敬宗",)),
    ("服务社区群众。陈建国/林楠", "服务社区群众。", ("陈建国", "林楠")),
    ("化为美好现实!本报记者 汤晓峰 朱文君", "化为美好现实!", ("汤晓峰", "朱文君")),
    # a name that is also a city's, right after its role, is a person's ("(南京 祝晓)": 南京 is where the writer lives)
    ("会议在宁波召开。（记者 宁波）", "会议在宁波召开。", ("宁波",)),
    ("吸引了众多市民参加。（记者 岳阳 通讯员 李平）", "吸引了众多市民参加。", ("岳阳", "李平")),
    ("读书使人明智。(南京 祝晓)", "读书使人明智。", ("祝晓",)),
    ("心中感觉分量沉甸甸的。(记者陈昌旭 杭州日报)", "心中感觉分量沉甸甸的。", ("陈昌旭",)),  # the paper after the name is no one
    # a brief signed with a name after its last sentence: boxed (a pen name), or alone after a space
    ("免去旅客“找车难”的问题。□晓敏", "免去旅客“找车难”的问题。", ("晓敏",)),
    ("我市参赛小品《都是血压惹的祸》荣获二等奖。 夏慧", "我市参赛小品《都是血压惹的祸》荣获二等奖。", ("夏慧",)),
    ("明代改为怀庆府，府治在今沁阳。(陈敬之 供稿)", "明代改为怀庆府，府治在今沁阳。", ("陈敬之",)),  # who sent it in
    ("(作者系市政协委员)谭卫民", "", ("谭卫民",)),  # the author's note before the name
    ("不少站牌上的线路字太小，看不清楚。（山阳区　赵建华）", "不少站牌上的线路字太小，看不清楚。", ("赵建华",)),  # where the writer lives
    # a writer under the work unit that sent the piece in
    ("去年全街产值达到四百万元。（武陟县委宣传部 宁  远）", "去年全街产值达到四百万元。", ("宁远",)),
    ("注意人身安全。（市农科所　鲁志刚）", "注意人身安全。", ("鲁志刚",)),
    # or the writer's post in the unit: an expert answering a reader
    ("每天三十分钟左右。（市第三人民医院康复科主任医师　柏  松）", "每天三十分钟左右。", ("柏松",)),
    ("（县植保站站长　程一帆）", "", ("程一帆",)),
    ("（武陟县人社局就业办主任　冯立国）", "", ("冯立国",)), ("（焦作大学科技处副处长　秦  川）", "", ("秦川",)),
    ("签约资金十二亿元。（市科委 秦川）", "签约资金十二亿元。", ("秦川",)),  # the unit is no second writer
])
def test_end_credits(line: str, before: str, people: tuple) -> None:
    found = match_end_credit(line)
    assert found is not None and found[0] == before and found[1].people == people


@pytest.mark.parametrize("line", ["增长了一倍。上半年/下半年", "比例为三比一。（完）", "见下图。报道/评论", "图片报道", "新闻报道",
                                  "乾县境内鲜为人知的“五陵塬” 陈刚辉", "这是一个好日子。 上午", "活动圆满结束。 完",
                                  "价格如下。（市气象台 供稿）", "数据如上。（市统计局 提供）"])
def test_text_that_only_looks_like_an_end_credit(line: str) -> None:
    found = match_end_credit(line)
    assert found is None or not found[1].people


@pytest.mark.parametrize(("line", "before", "people"), [
    ("方群与夫人张琍蕾。图/摄影师王剑", "方群与夫人张琍蕾。", ("王剑",)),
    ("汪秋萍(右)在小岗村采访。 (小岗村村委会供图)", "汪秋萍(右)在小岗村采访。", ()),  # an office's, in brackets
    ("YMG全媒体记者 杨春娜摄", "", ("杨春娜",)),
    ("清甜萝卜喜迎丰收。 德格县融媒体中心供图", "清甜萝卜喜迎丰收。", ()),
    ("新媒体达人在崇州竹艺村跳舞摄影记者 王红强", "新媒体达人在崇州竹艺村跳舞", ("王红强",)),
    ("孟州市黄河滩区的农民在收获。通讯员 聂远航 本报记者 葛云霄 摄", "孟州市黄河滩区的农民在收获。", ("聂远航", "葛云霄")),
    ("丰收乐开怀。 白玉县融媒体中心", "丰收乐开怀。", ()),
])
def test_photo_credits(line: str, before: str, people: tuple) -> None:
    found = match_photo_credit(line)
    assert found is not None and found[0] == before and found[1].reporters == people


def test_a_run_of_two_names_with_a_two_character_surname_is_split_at_it() -> None:
    from indexer.newspaper.bylines import split_names
    assert split_names("记者张凯林尉迟健平").reporters == ("张凯林", "尉迟健平")


def test_a_bulleted_place_is_no_credit() -> None:
    assert match_byline("○ 温县") is None and match_byline("焦作大学 图书馆") is None
    assert match_byline("记者了解到，该项目已经开工。") is None and match_byline("读者来论") is None
    assert match_byline("记者：谢谢！") is None  # an interviewer's line


def test_words_that_are_no_credit() -> None:
    assert match_byline("记者了解到，今年全市新增就业岗位1.2万个。") is None
    assert match_photo_credit("图为市民在公园里赏花。") is None


def test_a_role_run_on_after_a_padded_name() -> None:
    found = match_end_credit("创全县小麦单产新高。（记者 原  新通讯员 王  璐）")
    assert found is not None and (found[1].reporters, found[1].correspondents) == (("原新",), ("王璐",))


@pytest.mark.parametrize(("line", "people"), [
    ("吕依霖 摄影报道", ("吕依霖",)),
    ("井娇摄影报道", ("井娇",)),
    ("  易芝娜/编撰", ("易芝娜",)),
])
def test_credits_alone_after_a_photo_report_or_a_compilation(line: str, people: tuple) -> None:
    found = match_end_credit(line)
    assert found is not None and found[0] == "" and found[1].people == people


def test_an_agency_in_a_photo_credit_is_no_photographer() -> None:
    found = match_photo_credit("为新学年揭开序幕。(新华社 秦晴 摄)")
    assert found is not None and found[1].reporters == ("秦晴",)


@pytest.mark.parametrize(("line", "reporters"), [
    ("本报讯（记者 付 凯 明 通讯员 邓 雪）4月10日", ("付凯明",)),
    ("本报讯 （记者 梁 鑫 徐 红）1月15日", ("梁鑫", "徐红")),
    ("本报记者  赵  鹏   林  蔚", ("赵鹏", "林蔚")),
])
def test_names_set_out_with_spaces(line: str, reporters: tuple) -> None:
    found = match_byline(line)
    assert found is not None and found[0].reporters == reporters


def test_an_end_credit_with_a_name_before_the_first_role() -> None:
    found = match_end_credit("实地考察我市。(李 涛 全媒体记者晋 群)")
    assert found is not None and found[1].reporters == ("李涛", "晋群")


@pytest.mark.parametrize(("credit", "photographers"), [
    ("文/万干 图/翟鹏程", ("翟鹏程",)),
    ("记者 时宽兵 文/摄", ("时宽兵",)),
    ("王丽娟/文 李晓鹏/图", ("李晓鹏",)),
    ("本报记者 谭心怡 文/图", ("谭心怡",)),
    ("本报讯（记者 孟晓阳 实习生 刘璇）", ()),
])
def test_who_took_the_photos_by_the_credit(credit: str, photographers: tuple) -> None:
    found = match_byline(credit)
    assert found is not None
    assert credited_photographers(found[0]) == photographers
    assert credited_photographers(Credit("（记者 张三）", ("张三",))) == ()


def test_a_reader_signing_with_the_place_they_live_in() -> None:
    before, credit = match_end_credit("问得好!扪心自问,自省可以让我们少犯错误。(南京 祝晓)")
    assert (before, credit.reporters) == ("问得好!扪心自问,自省可以让我们少犯错误。", ("祝晓",))
    assert match_end_credit("市民纷纷点赞。(王冰 李明)")[1].reporters == ("王冰", "李明")  # two writers, no place


@pytest.mark.parametrize("line", ["记者核实", "网友希望“好心人”别再“递烟”", "记者手记"])
def test_a_role_run_on_into_a_word_that_is_no_name(line: str) -> None:
    assert match_byline(line) is None


@pytest.mark.parametrize(("line", "reporters"), [("记者徐金华", ("徐金华",)), ("□萧森", ("萧森",)), ("本报记者何沛“今年…”", ("何沛",))])
def test_a_role_or_box_run_on_into_a_name(line: str, reporters: tuple) -> None:
    assert match_byline(line)[0].reporters == reporters
