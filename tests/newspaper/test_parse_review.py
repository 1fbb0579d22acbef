"""Pages reviewers built against session 10's to session 12's new rules, each a case one of them got wrong (a
headline taken for furniture or a signer, a word for a name, a list for a menu, a story's lines for a weather box);
the old rules got them right, and so must these."""
from __future__ import annotations

import pytest

from indexer.newspaper.parse import parse_page

CASES = [
    pytest.param('春节出行安全提示请查收\n\n本报讯（记者 王冰）春节将至，市交警支队提醒广大市民出行注意安全。\n', 'title', '春节出行安全提示请查收', id='headline ending 请查收 dropped as repost lead-in'),
    pytest.param('我市今年十件民生实事出炉 一起来看\n\n本报讯（记者 王冰）昨日，市政府公布了今年十件民生实事。\n', 'title', '我市今年十件民生实事出炉 一起来看', id='headline ending 一起来看'),
    pytest.param('市区新增两处充电站\n本报讯（记者 王冰）近日，山阳区新增两处新能源汽车充电站，方便市民出行。\n百姓身边的暖心医院\n本报记者 李明\n走进市第二人民医院门诊大厅，志愿者热情地为患者指引方向。\n', 'title', '百姓身边的暖心医院', id='SIGNER takes a headline ending in 医院'),
    pytest.param('市区新增两处充电站\n本报讯（记者 王冰）近日，山阳区新增两处新能源汽车充电站，方便市民出行。\n温县陈家沟太极拳协会\n本报讯（记者 李明）昨日，温县陈家沟太极拳协会换届选举大会召开。\n', 'title', '温县陈家沟太极拳协会', id='SIGNER: 协会'),
    pytest.param('市区新增两处充电站\n本报讯（记者 王冰）近日，山阳区新增两处新能源汽车充电站，方便市民出行。\n\n市政府发布禁燃通告\n春节期间市区禁放烟花爆竹\n本报讯（记者 李明）昨日，市政府发布通告，春节期间市区全域禁止燃放烟花爆竹。\n', 'title', '市政府发布禁燃通告 春节期间市区禁放烟花爆竹', id='kicker ending 通告 parted from its headline'),
    pytest.param('焦作大学 毕业季\n\n本报讯（记者 王冰）昨日，焦作大学举行2024届毕业典礼，3000余名学子告别母校。\n', 'title', '焦作大学 毕业季', id='_SCHOOL_UNIT reads a two-part headline as a byline'),
    pytest.param('关于暂停供水的通知\n\n因管网改造，示范区文苑路沿线将于3月5日8时至20时暂停供水，请相关用户提前做好储水准备，敬请谅解。特此通知。 管委会\n', 'nobody', '管委会', id='_SPACED_NAME_END: 管委会 as reporter'),
    pytest.param('暑期书法班开始报名\n\n本报讯 为丰富青少年暑期生活，市青少年宫书法班即日起开始报名，名额有限，报满即止。详情请咨询。 王老师\n', 'nobody', '王老师', id='_SPACED_NAME_END: contact 王老师 as reporter'),
    pytest.param('老街新貌\n\n本报讯（记者 王冰）老街改造前，路面坑洼不平，居民出行十分不便，意见很大。 于是\n街道办事处多方筹措资金，对老街进行了全面改造，如今老街焕然一新。\n', 'count', 1, id="_SPACED_NAME_END: hard-wrapped line ending '。 于是' splits the article"),
    pytest.param('<h1>市区新增两处充电站</h1>\n本报讯（记者 王冰）近日，山阳区新增两处新能源汽车充电站。<br>\n据介绍，两处充电站共设充电桩20个，可同时为20辆车充电。<br>\n市民可通过手机APP查询充电桩位置。<br>\n充电站运营后将有效缓解市民充电难问题。<br>\n', 'notag', '<br>', id='looks_like_markup: text lines ending in <br> no longer markup'),
    pytest.param('\u3000\u3000市区新增两处充电站\n\u3000\u3000本报讯（记者 王冰）近日，山阳区新增两处新能源汽车充电站，方便市民出行。\n\u3000\u3000相关新闻\n\u3000\u3000我市今年将新建充电桩2000个\n\u3000\u3000本报讯（记者 李明）记者从市发改委获悉，今年我市将新建充电桩2000个。\n', 'title', '我市今年将新建充电桩2000个', id="_RELATED on an indented page drops the box's headline (layout.py:254)"),
    pytest.param('我市新闻奖评选揭晓\n\n本报讯（记者 王冰）昨日，第三十届焦作新闻奖评选结果揭晓。本届评选共设四个门类：\n消息新闻\n新闻评论\n新闻专题\n新闻图片\n共评出一等奖12件、二等奖20件、三等奖30件。\n', 'kept', '消息新闻', id='channel menu: a list in the body dropped'),
    pytest.param('我市新闻奖评选揭晓\n\n本报讯（记者 王冰）昨日，第三十届焦作新闻奖评选结果揭晓。\n参评作品分为 消息新闻 新闻评论 新闻专题 新闻图片 新闻访谈 五类\n共评出一等奖12件、二等奖20件、三等奖30件。\n', 'kept', '参评作品分为', id='one-line menu: a sentence set with spaces dropped'),
    pytest.param('县区传真\n\n孟州市化工镇 近日，该镇组织志愿者深入各村开展环境整治活动，清理垃圾200余吨。\n\n温县赵堡镇 连日来，该镇抢抓农时组织群众开展春耕生产，确保粮食丰收。\n', 'nottitle', '孟州市化工镇', id='_RUN_ON_BRIEF: a place before a brief taken as its headline'),
    # session 11's review
    pytest.param('焦作日报  2023年9月20日 星期三  要闻  1\n\n山水焦作欢迎您！\n本报讯（记者 王冰）9月19日，第十二届中国焦作国际太极拳交流大赛新闻发布会召开，来自全球50多个国家和地区的选手将齐聚焦作。\n', 'title', '山水焦作欢迎您！', id='a headline ending 欢迎您 dropped as a site welcome line'),
    pytest.param('焦作日报  2023年9月20日 星期三  综合新闻  3\n\n我市表彰一批优秀教师\n本报讯（记者 王冰）9月9日，我市召开庆祝第三十九个教师节表彰大会，对一批优秀教师进行表彰。受表彰人员名单如下：\n模范教师：王小明\u3000\u3000李建华\u3000\u3000张卫东\u3000\u3000刘洋洋\u3000\u3000陈静怡\n优秀教师：赵文博\u3000\u3000孙丽娟\u3000\u3000周建国\u3000\u3000吴海燕\u3000\u3000郑晓峰\u3000\u3000冯春梅\n优秀班主任：何雨萱\u3000\u3000马红霞\u3000\u3000韩志刚\u3000\u3000杨春娜\u3000\u3000朱国强\n', 'kept', '模范教师：王小明', id='a list of award winners set with wide spaces dropped as a menu'),
    pytest.param('焦作日报  2023年1月10日 星期二  要闻  1\n\n我市去年生态环境质量持续改善\n本报讯（记者 王冰）1月9日，记者从市生态环境局获悉，2022年我市生态环境质量持续改善。主要指标如下：\n空气质量：优良天数同比增加25天\nPM2.5平均浓度：同比下降8.2%\n地表水：国省控断面水质全部达标\n', 'kept', '空气质量：优良天数', id='a figure of a year-end report dropped as a weather box line'),
    pytest.param('焦作日报  2023年8月24日 星期四  综合新闻  2\n\n今明两天我市有阵雨\n本报讯（记者 王冰）记者从市气象台获悉，受冷空气影响，今明两天我市有阵雨，气温略有下降，请市民注意防范。具体预报如下：\n今天：多云转阵雨 东风2—3级 22℃～31℃\n明天：阵雨转多云 北风3—4级 20℃～28℃\n后天：晴 21℃～30℃\n', 'kept', '今天：多云转阵雨', id="a weather story's forecast lines dropped as a weather box"),
    pytest.param('焦作日报  2023年7月12日 星期三  城事  5\n\n高温 40℃\n7月11日，在解放路上，环卫工人顶着烈日清扫路面。当日我市最高气温达40℃。本报记者 李阳 摄\n', 'title', '高温 40℃', id='a photo title with a temperature dropped as a weather line'),
    pytest.param('焦作日报  2023年5月18日 星期四  要闻  1\n\n深化“放管服”改革\n市政务服务中心 马上办\n本报讯（记者 王冰）今年以来，市政务服务中心推行“马上办、就近办、一次办”，企业群众办事更便捷。\n', 'nobody', '马上办', id='_SCHOOL_UNIT: a headline deck read as an office and a writer'),
    pytest.param('焦作日报  2023年5月18日 星期四  要闻  1\n\n优化营商环境\n市税务局 金点子\n本报讯（记者 王冰）今年以来，市税务局广泛征集优化营商环境“金点子”，推出便民办税措施20条。\n', 'nobody', '金点子', id='_SCHOOL_UNIT: 局 and a word read as a writer'),
    pytest.param('焦作日报  2023年5月18日 星期四  要闻  1\n\n市公安局 严打击\n本报讯（记者 王冰）今年以来，市公安局严厉打击电信网络诈骗犯罪，破获案件300余起。\n', 'title', '市公安局 严打击', id='_SCHOOL_UNIT: a two-part headline read as a byline'),
    pytest.param('焦作日报  2023年5月18日 星期四  人物  7\n\n仁心仁术守护百姓健康\n记市人民医院心内科主任医师 邱明\n本报记者 王冰\n三十年来，他始终坚守在临床一线，挽救了无数患者的生命。\n', 'nobody', '邱明', id="_SCHOOL_UNIT: a profile's subject in its subtitle read as the writer"),
    pytest.param('焦作日报  2024年2月15日 星期四  要闻  1\n\n甲辰年正月十五闹元宵\n本报讯（记者 王冰）2月14日，我市各地举办丰富多彩的元宵节民俗活动，吸引大批市民群众参与。\n', 'title', '甲辰年正月十五闹元宵', id='a headline opening with a cyclical lunar date read as a masthead line'),
    pytest.param('甲辰年正月初五 迎财神\n2024-02-14 09:19:00 焦作网\n本报讯（记者 王冰）正月初五，我市各大商场人头攒动，市民纷纷走上街头迎财神、逛庙会。\n', 'title', '甲辰年正月初五 迎财神', id='the same on a web copy'),
    pytest.param('焦作日报  2023年5月18日 星期四  文化  7\n\n我市一原创歌曲获全国大奖\n本报讯（记者 王冰）近日，我市音乐人创作的歌曲《太极故里》获全国大奖。\n该作品词曲版权所有，未经授权不得翻唱、改编或用于商业演出。\n', 'kept', '该作品词曲版权所有', id="a sentence about a song's rights dropped as a site footer"),
    pytest.param('焦作日报  2023年5月18日 星期四  公告  8\n\n2023年焦作市中考网上报名公告\n考生须于5月20日至25日登录焦作市教育考试网进行网上报名，逾期不予补报。\n建议使用谷歌Chrome浏览器登录报名系统，以免出现页面显示异常。\n', 'kept', '建议使用谷歌Chrome浏览器', id="a notice's advice on browsers dropped as a site footer"),
    pytest.param('焦作日报  2023年5月18日 星期四  旅游  7\n\n云台山推出精品旅游线路\n本报讯（记者 王冰）近日，云台山景区推出三条精品旅游线路。\n一日游线路：红石峡\u3000\u3000潭瀑峡\u3000\u3000泉瀑峡\u3000\u3000茱萸峰\u3000\u3000子房湖\n', 'kept', '一日游线路：红石峡', id='a tour route set with wide spaces dropped as a menu'),
    # session 12's review
    pytest.param("焦作日报\n2023年8月10日　星期四\n第03版　综合新闻\n\n守护太行绿水青山\n本报记者 王 乐\n\n　　清晨六点，修武县西村乡的护林员张大山已经走在巡山的路上。三十年来，他走坏了四十多双胶鞋。\n　　“山上的一草一木，就像自家的孩子。”张大山说。如今，他带出的徒弟已有十多人。\n\n■ 市图书馆开展暑期公益课堂\n　　近日，市图书馆暑期公益课堂开课，200余名中小学生参加书法、绘画等课程学习。（记者 杜 娟）\n\n■ 温县举办太极拳交流赛\n　　8月8日，温县太极拳交流赛在陈家沟开幕，来自全国各地的300余名选手参赛。（记者 孙 杰）\n\n■ 孟州市新增两条公交线路\n　　8月9日起，孟州市新开通两条城乡公交线路，方便沿线群众出行。（通讯员 李 娜）\n", "title", "市图书馆开展暑期公益课堂", id="SUBHEAD_MARKS: ■ briefs after a feature read as its sub-headings"),
    pytest.param("焦作日报\n2024年2月12日　星期一\n第03版　要闻\n\n孟州：莲藕飘香（新春走基层）\n　　本报记者 张 弛\n　　春节前夕，孟州市莲藕种植基地里一派繁忙景象，工人们正忙着采挖莲藕，供应节日市场。\n　　“今年莲藕价格好，一亩能挣五六千元。”种植户李大成笑着说。\n\n武陟：年货热销（新春走基层）\n　　本报记者 王 乐\n　　走进武陟县农贸市场，各类年货琳琅满目，前来采购的市民络绎不绝。\n　　市场负责人介绍，春节前一周，市场日均客流量超过两万人次。\n", "title", "孟州：莲藕飘香（新春走基层）", id="a place's headline with a column tag read as a winner and the team"),
    pytest.param("焦作日报\n2023年4月2日　星期日\n第08版　图片新闻\n\n春到怀川\n　　清明将至，我市各地春意盎然，处处是赏花踏青的好去处。\n\n龙源湖公园樱花盛开\n本报记者 王 乐 摄\n\n太行山下油菜花开\n本报记者 王 乐 摄\n\n云台山景区游人如织\n本报记者 王 乐 摄\n\n缝山针公园郁金香吐艳\n本报记者 王 乐 摄\n", "count", 5, id="_without_title_lists: repeated photo credits around captions read as a list of titles"),
    pytest.param("焦作日报\n2023年5月18日　星期四\n第05版　县区新闻\n\n示范区：黄河岸边 杨柳青青\n　　本报讯（记者 王 乐 通讯员 李 娜）初夏时节，示范区黄河滩区生态廊道绿树成荫，杨柳依依，吸引不少市民前来休闲游玩。\n　　据了解，示范区今年以来新增造林面积3000余亩，沿黄生态廊道建设全面提速。\n\n博爱：安居乐业 幸福满满\n　　本报讯（记者 赵 耀）近日，博爱县首批安置房交付使用，500余户群众喜领新房钥匙。\n　　该县坚持把保障性住房建设作为民生实事来抓，今年计划再建安置房800套。\n", "title", "示范区：黄河岸边 杨柳青青", id="_LABELLED_NAMES: a place's two-phrase headline read as a list of names"),
    pytest.param("焦作日报\n2023年10月1日　星期日\n第06版　文体\n\n国庆假期精彩节目看过来\n　　本报讯（记者 孙 杰）国庆假期，焦作广播电视台推出多档特别节目，以下为部分节目播出时间：\n焦作新闻　综合频道　19:00\n欢乐怀川　公共频道　20:30\n太极故里　综合频道　21:10\n　　市民也可通过“焦作云”客户端收看直播。\n\n城际公交假期加密班次\n　　本报讯（记者 杜 娟）为方便市民出行，10月1日至7日，焦作至郑州城际公交加密班次，首末班时间如下：\n焦作发车　首班车　6:30\n郑州发车　末班车　19:30\n", "kept", "综合频道", id="account bar: a schedule's line read as a WeChat bar"),
    pytest.param("焦作日报\n2023年6月1日　星期四\n第07版　副刊\n\n“我与焦作”征文启事\n　　为庆祝焦作建市七十周年，本报副刊即日起开展“我与焦作”主题征文活动。\n　　征文以散文、诗歌为主，散文不超过3000字，诗歌不超过40行，要求原创首发。\n　　欢迎广大读者踊跃投稿，来稿请注明真实姓名、工作单位和联系方式。\n　　投稿邮箱：jzrbfk@163.com\n　　　　　　　　　　　　　　　　焦作日报社\n　　　　　　　　　　　　　　　　2023年6月1日\n\n社区开展垃圾分类“随手拍”活动\n　　本报讯（记者 杜 娟）近日，解放区民主街道启动垃圾分类“随手拍”活动。\n　　欢迎辖区居民和网友积极参与讨论，为垃圾分类工作献计献策。\n", "kept", "欢迎广大读者踊跃投稿", id="a call for contributions' own sentence dropped as the desk's foot"),
    pytest.param("焦作日报\n2023年12月14日　星期四\n第03版　民生\n\n强冷空气来袭 我市迎来降雪\n　　本报讯（记者 杜 娟）记者从市气象台获悉，受强冷空气影响，今明两天我市将迎来明显降雪降温天气。\n　　具体预报如下：\n　　今天焦作中雪，-6～2℃。\n　　明天大雪转小雪，-9～-1℃。\n　　气象部门提醒，市民出行注意防滑。\n", "kept", "今天焦作中雪", id="a weather story's forecast line dropped as a digest's"),
    pytest.param("焦作日报\n2023年5月18日　星期四\n第05版　县区新闻\n12 个项目集中开工\n　　本报讯（记者 王 乐）5月17日，武陟县12个重点项目集中开工，总投资56亿元。\n　　这些项目涵盖新材料、装备制造、食品加工等领域。\n", "title", "12 个项目集中开工", id="leadpage: a headline opening with a number read as the page line"),
    pytest.param("焦作日报\n2023年11月8日　星期三\n第07版　健康\n\n冬季谨防心脑血管疾病\n　　本报记者 杜 娟　通讯员 李 娜\n　　立冬过后，气温骤降，市人民医院心内科门诊量明显增加。专家提醒，老年人要注意保暖，规律服药。\n　　（本报记者 杜 娟）\n\n【小知识】吃橘子的讲究\n　　橘子富含维生素C，但一次不宜吃太多，每天以两三个为宜，空腹时也不宜食用。\n\n市民健身热情高\n　　本报讯（记者 孙 杰）近日，市体育中心健身广场每天吸引上千名市民前来锻炼。\n", "count", 3, id="【小知识】 filler after a closed article glued onto it"),
    pytest.param("焦作日报\n2023年7月8日　星期六\n第03版　民生\n\n市图书馆暑期少儿阅读活动启动\n【便民】7月10日起，市图书馆每周六上午举办少儿绘本阅读活动，免费参加，具体事宜可电话咨询。\n\n我市发布高温橙色预警\n　　本报讯（记者 杜 娟）7月7日，市气象台发布高温橙色预警，预计未来三天我市最高气温将达39℃。\n", "kept", "【便民】7月10日起", id="_contact_line: a brief with 咨询 dropped as an advertisement"),
    pytest.param("焦作日报\n2023年9月23日　星期六\n第01版　要闻\n\n【庆祝首届中国农民丰收节】\n\n金秋怀川丰收忙\n　　本报讯（记者 王 乐）9月22日，首届中国农民丰收节焦作分会场活动在温县举行。\n　　活动现场，各县区特色农产品展销吸引大批市民。\n\n【全市秋粮收获超过六成】\n\n各地抢抓农时\n确保颗粒归仓\n　　本报讯（记者 赵 耀）截至9月22日，全市秋粮收获面积超过六成，各地组织农机手抢收抢种。\n", "title", "【全市秋粮收获超过六成】 各地抢抓农时 确保颗粒归仓", id="BRACKETED_BANNER: a bracketed headline set apart read as a banner"),
]


@pytest.mark.parametrize(("page", "check", "value"), CASES)
def test_new_rules_leave_ordinary_pages_alone(page: str, check: str, value: object) -> None:
    records = parse_page(page, "t", strict=True).records
    text = "\n".join(r.title + "\n" + r.body for r in records)
    if check == "title":
        assert value in [r.title for r in records]
    elif check == "nottitle":
        assert value not in [r.title for r in records]
    elif check == "nobody":
        assert all(value not in r.reporters for r in records)
    elif check == "count":
        assert len(records) == value
    elif check == "notag":
        assert value not in text
    elif check == "kept":
        assert value in text


def test_an_editors_note_after_an_end_credit_opens_the_next_piece() -> None:
    page = ("焦作日报  2023年5月18日 星期四  县区新闻  6\n\n修武县石材产业稳步发展\n本报讯 今年以来，修武县石材加工企业不断扩大"
            "生产规模，前4个月石材加工产值达到四百三十万元。（王立军）\n\n编者按：近年来，我市农村电商发展迅速，本报记者近日走进乡村，"
            "探访电商发展新路径。\n农村电商激活乡村振兴\n本报记者 王冰\n在温县祥云镇，村民们通过直播带货把铁棍山药卖到了全国各地。\n")
    records = parse_page(page, "t", strict=True).records
    assert [r.title for r in records] == ["修武县石材产业稳步发展", "农村电商激活乡村振兴"]
    assert "编者按" not in records[0].body


def test_a_reprints_source_line_does_not_outrank_the_manifest_nor_name_the_page_alone() -> None:
    from indexer.records import PageMeta

    page = ("习近平给河南理工大学师生回信\n来源：人民日报\n本报讯 近日，习近平总书记给河南理工大学师生回信。\n\n"
            "焦作市召开全市干部大会\n本报讯（记者 王冰）5月17日，焦作市召开全市干部大会。\n")
    assert parse_page(page, "t", strict=True).meta.paper == "焦作日报"
    fields = "河池:“红”“绿”相映绘新景\n\n时间:2022-06-23来源 : 广西日报作者 : 廖庆凌\n\n全市村庄绿化覆盖率连续两年位居全区第一。\n"
    assert parse_page(fields, "t", meta=PageMeta(paper="焦作日报", pub_date="2022-06-24"), strict=True).meta.paper == "焦作日报"


def test_an_exports_chinese_elements_empty_or_self_closing_or_naming_roles_and_staff() -> None:
    import re
    from collections import Counter

    page = ('<?xml version="1.0" encoding="UTF-8"?>\n<版面 报纸="焦作日报" 日期="2023-05-18" 版次="3">\n<稿件>\n<引题/>\n'
            "<主题>市政务服务中心推行“马上办”</主题>\n<副题/>\n<作者>本报记者 王冰</作者>\n<通讯员>李华</通讯员>\n"
            "<责任编辑>张丽</责任编辑>\n<正文><p>本报讯 今年以来，市政务服务中心推行“马上办”，企业群众办事更便捷。</p></正文>\n</稿件>\n"
            "<图片>\n<说明>5月17日，游客在云台山景区游览。</说明>\n<摄影></摄影>\n</图片>\n</版面>\n")
    parsed = parse_page(page, "t", strict=True)
    assert [(r.title, r.reporters, r.correspondents) for r in parsed.records][0] == \
        ("市政务服务中心推行“马上办”", ("王冰",), ("李华",))
    assert parsed.meta.staff == (("责任编辑", "张丽"),)
    cjk = re.compile(r"[\u4e00-\u9fff]")
    assert Counter(cjk.findall(parsed.accounted_text())) == Counter(cjk.findall(page))


def test_two_jumps_from_the_front_page_each_go_on_their_own_article() -> None:
    page = "焦作日报\n2023年9月14日　星期四\n第01版　要闻\n\n我市重点项目建设提速增效\n　　本报讯（记者 王 乐）今年以来，我市坚持项目为王，全市152个省市重点项目完成投资286亿元，占年度计划的78%。\n　　市发改委负责人介绍，下一步将强化要素保障，推动项目早竣工、早投产。（下转第8版）\n\n秋粮收获进度过半\n　　本报讯（记者 赵 耀 通讯员 李 娜）连日来，我市各地抢抓晴好天气，组织农机开展秋粮收获，截至9月13日，全市秋粮收获进度达52%。\n　　市农业农村局组织技术人员深入田间，指导农户做好机收减损工作。（下转第8版）\n\n焦作日报\n2023年9月14日　星期四\n第08版　综合\n\n（上接第1版）\n　　在修武县，一批新材料项目正在加紧建设，预计年底前投产，可新增产值20亿元。\n\n（上接第1版）\n　　在武陟县，农机手们开着收割机在田间来回穿梭，玉米秸秆粉碎还田同步进行。\n"
    records = parse_page(page, "t", strict=True).records
    assert [r.reporters for r in records] == [("王乐",), ("赵耀",)]
    assert "新材料项目" in records[0].body and "收割机" in records[1].body and "新材料项目" not in records[1].body


def test_a_long_bar_of_page_numbers_is_read_at_once() -> None:
    """The nav bar's pattern once split "01" into "0" and "1" and spaces two ways: minutes to fail on this line."""
    line = "上一版 下一版 " + " ".join(f"{n:02d}" for n in range(1, 17)) + " 往期回顾"
    page = f"焦作日报　2023年5月18日　星期四　第5版　县区新闻\n{line}\n\n温县新建三座农家书屋\n本报讯（记者 尚文）日前，温县新建三座农家书屋。\n"
    assert [r.title for r in parse_page(page, "t", strict=True).records] == ["温县新建三座农家书屋"]
