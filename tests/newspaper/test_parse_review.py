"""Pages a reviewer built against session 10's new rules, each a case one of them got wrong (a headline taken
for furniture or a signer, a word for a name, a list for a menu); the old rules got them right, and so must these."""
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
