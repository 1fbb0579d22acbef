"""The HTML site: home, results (facets, chips, chart, sort, paging, empty state), record pages."""
from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest


def hrefs(html: str, css_class: str) -> list[str]:
    """hrefs of <a> elements carrying ``css_class`` (unescaped)."""
    out = []
    for tag in re.findall(r"<a\b[^>]*>", html):
        classes = re.search(r'class="([^"]*)"', tag)
        href = re.search(r'href="([^"]*)"', tag)
        if classes and href and css_class in classes.group(1).split():
            out.append(unescape(href.group(1)))
    return out


def section(html: str, css_class: str) -> str:
    """The inner HTML of the first <section> with ``css_class`` (facet groups)."""
    m = re.search(rf'<section class="[^"]*\b{css_class}\b[^"]*">(.*?)</section>', html, re.S)
    assert m, f"no section .{css_class}"
    return m.group(1)


def args_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def facet_links(html: str, facet: str) -> dict[str, str]:
    """{value label: href} of one facet group."""
    inner = section(html, f"facet-{facet}")
    return {unescape(label): unescape(href) for href, label in
            re.findall(r'<a href="([^"]*)"[^>]*><span class="facet-value">([^<]*)</span>', inner)}


def hit_ids(html: str) -> list[str]:
    return re.findall(r'<li class="hit" data-id="([^"]+)"', html)


def api_ids(client, **params) -> list[str]:
    return [h["id"] for h in client.get("/api/search", query_string={"page_size": 100, **params}).json["hits"]]


def find_id(client, title_part: str) -> str:
    for hit in client.get("/api/search", query_string={"page_size": 100}).json["hits"]:
        if title_part in hit["title"]:
            return hit["id"]
    raise AssertionError(title_part)


# --- home ----------------------------------------------------------------------------


def test_home_has_search_box_syntax_help_and_archive_at_a_glance(client):
    r = client.get("/")
    assert r.status_code == 200
    assert r.mimetype == "text/html"
    html = r.text
    assert '<html lang="zh-CN">' in html
    assert 'id="q"' in html and 'action="/search"' in html
    for syntax in ("OR", "-词", '"精确短语"', "标题:", "记者:", "摄影:", "地区:", "栏目:", "日期:2021-11"):
        assert unescape(syntax) in unescape(html), syntax
    stats = client.get("/api/stats").json
    assert f'<span class="stat-number" id="stat-records">{stats["records"]}</span>' in html
    assert "2021-11-13" in html and "2023-11-02" in html  # date range
    assert 'href="/search?region=%E7%A4%BA%E8%8C%83%E5%8C%BA"' in html  # 示范区, with its count
    assert "示范区 <span class=\"count\">14</span>" in html
    assert "第2版 综合" in html  # latest pages
    assert 'href="/search?date_from=2023-11-02&amp;date_to=2023-11-02"' in html


# --- results -------------------------------------------------------------------------


def test_search_shows_understood_query_total_and_highlighted_hits(client):
    r = client.get("/search", query_string={"q": "巡察 市科技局"})
    assert r.status_code == 200
    html = r.text
    api = client.get("/api/search", query_string={"q": "巡察 市科技局"}).json
    assert api["total"] >= 1
    assert f'<strong id="total">{api["total"]}</strong>' in html
    assert '<code id="understood">巡察 AND 市科技局</code>' in html
    assert hit_ids(html) == [h["id"] for h in api["hits"]]
    hit = api["hits"][0]
    assert hit["title_html"] == "市委第四<mark>巡察</mark>组<mark>巡察市科技局</mark>党组情况反馈会召开"
    assert hit["title_html"] in html and hit["snippet"] in html
    assert f'<time datetime="{hit["pub_date"]}">{hit["pub_date"]}</time>' in html
    assert '<span class="badge kind-article">文章</span>' in html
    # every name links to that person's records
    assert '记者 <a class="person reporter" href="/search?reporter=%E5%BE%90%E9%87%91%E5%8D%8E">徐金华</a>' in html
    # a hit links to its record, passing q through for highlighting and the whole search to come back to
    q = "%E5%B7%A1%E5%AF%9F+%E5%B8%82%E7%A7%91%E6%8A%80%E5%B1%80"
    assert f'href="/records/{hit["id"]}?q={q}&amp;back=/search?q%3D' in html


def test_search_notes_repairs_to_the_query(client):
    html = client.get("/search", query_string={"q": '"巡察'}).text
    assert '<p class="note">引号未闭合，已在末尾补全</p>' in html


def test_hits_show_kind_region_page_and_photographers(client):
    html = client.get("/search", query_string={"q": "会场一角"}).text
    assert '<span class="badge kind-caption">图片</span>' in html
    assert '<span class="meta-page">第2版 综合</span>' in html
    assert '摄影 <a class="person photographer" href="/search?photographer=%E6%9D%8E%E5%9B%9B">李四</a>' in html
    html = client.get("/search", query_string={"q": "项目谋划"}).text
    assert '<span class="meta-region">示范区</span>' in html


def test_facets_have_counts_and_links_that_add_one_arg_and_reset_page(client):
    html = client.get("/search", query_string={"q": "科技", "page": 1, "sort": "newest"}).text
    api = client.get("/api/search", query_string={"q": "科技", "sort": "newest"}).json
    regions = facet_links(html, "region")
    assert set(regions) == set(api["facets"]["region"])
    for region, count in api["facets"]["region"].items():
        assert f'<span class="facet-value">{region}</span> <span class="count">{count}</span>' in html
        assert args_of(regions[region]) == {"q": ["科技"], "region": [region], "sort": ["newest"]}
    kinds = facet_links(html, "kind")
    assert set(kinds) <= {"文章", "图片"}
    reporters = facet_links(html, "reporter")
    assert "徐金华" in reporters
    assert args_of(reporters["徐金华"])["reporter"] == ["徐金华"]


def test_region_facet_filters_and_shows_a_removable_chip(client):
    html = client.get("/search", query_string={"q": "科技"}).text
    link = facet_links(html, "region")["中站区"]
    filtered = client.get(link)
    assert filtered.status_code == 200
    page = client.get("/api/search", query_string={"q": "科技", "region": "中站区"}).json
    assert page["total"] == 2
    assert hit_ids(filtered.text) == [h["id"] for h in page["hits"]]
    assert all(h["region"] == "中站区" for h in page["hits"])
    chips = hrefs(filtered.text, "chip")
    assert len(chips) == 1 and ">地区：中站区 <" in filtered.text
    assert args_of(chips[0]) == {"q": ["科技"]}
    # the active facet value links back to the unfiltered search (toggle)
    assert args_of(facet_links(filtered.text, "region")["中站区"]) == {"q": ["科技"]}
    # other region counts stay visible: each facet is counted with its own filter off
    assert "示范区" in facet_links(filtered.text, "region")


def test_year_drill_down_to_months_and_chart(client):
    html = client.get("/search").text
    years = facet_links(html, "year")
    assert set(years) == {"2021年", "2022年", "2023年"}
    assert args_of(years["2022年"]) == {"date_from": ["2022-01-01"], "date_to": ["2022-12-31"]}
    # no year chosen: the months of every year, newest first, each linking to its month
    api = client.get("/api/search").json
    months = facet_links(html, "month")
    assert list(months) == [f"{m[:4]}年{int(m[5:])}月" for m in api["facets"]["month"]]
    assert months["2022年7月"] == "/search?date_from=2022-07-01&date_to=2022-07-31"
    # the chart is by year, with a bar per year linking to that year
    chart = re.search(r'<svg class="timeline".*?</svg>', html, re.S).group(0)
    assert "各年命中数" in html
    assert chart.count('<rect class="bar"') == 3
    assert "<title>2022年：10 条</title>" in chart

    year_page = client.get(years["2022年"]).text
    assert ">日期：2022年 <" in year_page
    months = facet_links(year_page, "month")
    assert months == {"7月": "/search?date_from=2022-07-01&date_to=2022-07-31"}
    assert "2022年各月命中数" in year_page
    chart = re.search(r'<svg class="timeline".*?</svg>', year_page, re.S).group(0)
    assert chart.count('<rect class="bar"') == 12
    assert "<title>2022年7月：10 条</title>" in chart
    month_page = client.get(months["7月"]).text
    assert ">日期：2022年7月 <" in month_page
    # the selected month links back to its year
    assert facet_links(month_page, "month")["7月"] == "/search?date_from=2022-01-01&date_to=2022-12-31"


@pytest.mark.parametrize("sort, reverse", [("newest", True), ("oldest", False)])
def test_sort_by_date(client, sort, reverse):
    hits = client.get("/api/search", query_string={"sort": sort, "page_size": 100}).json["hits"]
    dates = [h["pub_date"] for h in hits]
    assert dates == sorted(dates, reverse=reverse)
    html = client.get("/search", query_string={"q": "示范区", "sort": sort}).text
    label = {"newest": "最新", "oldest": "最早"}[sort]
    assert f'<span class="sort-{sort} active" aria-current="true">{label}</span>' in html
    assert hrefs(html, "sort-relevance") == ["/search?q=%E7%A4%BA%E8%8C%83%E5%8C%BA"]


def test_paging_through_results(client):
    everything = api_ids(client, sort="oldest")
    assert len(everything) > 10
    html = client.get("/search", query_string={"sort": "oldest", "page_size": 5, "page": 2}).text
    assert hit_ids(html) == everything[5:10]
    assert '<span class="current" aria-current="page">2</span>' in html
    assert 'rel="prev"' in html and 'rel="next"' in html
    assert 'href="/search?sort=oldest&amp;page_size=5&amp;page=3"' in html
    assert '<ol class="hits" id="hits" start="6">' in html
    last = -(-len(everything) // 5)
    html = client.get("/search", query_string={"sort": "oldest", "page_size": 5, "page": last}).text
    assert hit_ids(html) == everything[(last - 1) * 5:]
    assert 'rel="next"' not in html


def test_page_past_the_end_says_so(client):
    html = client.get("/search", query_string={"q": "巡察", "page": 50}).text
    assert 'id="empty"' in html and "第 50 页没有结果" in html
    assert "回到第 1 页" in html


def test_empty_state_suggests_what_to_try(client):
    r = client.get("/search", query_string={"q": "不存在的词甲 乙丙丁", "region": "温县"})
    assert r.status_code == 200
    html = r.text
    assert '<strong id="total">0</strong>' in html
    assert "没有找到与“不存在的词甲 乙丙丁”相关的记录" in html
    assert "减少检索词" in html and "去掉筛选条件" in html and "检查错别字" in html
    assert 'id="syntax"' in html
    assert "/search?q=%E4%B8%8D%E5%AD%98%E5%9C%A8%E7%9A%84%E8%AF%8D%E7%94%B2+%E4%B9%99%E4%B8%99%E4%B8%81" in html
    assert '<svg class="timeline"' not in html  # no chart without hits


def test_search_box_keeps_filters_in_the_url(client):
    html = client.get("/search", query_string={"q": "科技", "region": "中站区", "sort": "newest"}).text
    assert '<input type="hidden" name="region" value="中站区">' in html
    assert '<input type="hidden" name="sort" value="newest">' in html
    assert 'id="q" name="q" type="search" value="科技"' in html


def test_export_and_api_links_carry_the_search(client):
    html = client.get("/search", query_string={"q": "科技", "region": "中站区", "page": 1, "page_size": 50}).text
    (csv_link,) = hrefs(html, "export-csv")
    assert csv_link.startswith("/export.csv?") and args_of(csv_link) == {"q": ["科技"], "region": ["中站区"]}
    (jsonl_link,) = hrefs(html, "export-jsonl")
    assert jsonl_link.startswith("/export.jsonl?")
    (api_link,) = hrefs(html, "api-link")
    assert api_link.startswith("/api/search?") and args_of(api_link)["page_size"] == ["50"]


def test_browse_everything_without_a_query(client):
    html = client.get("/search").text
    assert f'<strong id="total">{client.get("/api/stats").json["records"]}</strong>' in html
    assert "sort-relevance" not in html  # relevance means nothing without a query


# --- record page -----------------------------------------------------------------------


def test_record_page_full_text_highlighted_metadata_citation(client):
    rid = find_id(client, "市委第四巡察组")
    r = client.get(f"/records/{rid}", query_string={"q": "巡察"})
    assert r.status_code == 200
    html = r.text
    assert '<h1 class="record-title">市委第四<mark>巡察</mark>组<mark>巡察</mark>市科技局党组情况反馈会召开</h1>' in html
    body = re.search(r'<div class="record-body" id="record-body">(.*?)</div>', html, re.S).group(1)
    assert body.count("<mark>巡察</mark>") > 5
    assert "刘煜在讲话中强调" in body  # the full text, not a snippet
    assert "<dt>日期</dt>" in html and '<time datetime="2022-07-26">2022-07-26</time>' in html
    assert '<a class="reporter" href="/search?reporter=%E5%BE%90%E9%87%91%E5%8D%8E">徐金华</a>' in html
    assert '<p id="citation" class="citation">徐金华. 市委第四巡察组巡察市科技局党组情况反馈会召开[N]. 焦作日报, 2022-07-26.</p>' in html
    assert '<button id="copy-citation" type="button" data-target="citation">复制引文</button>' in html
    assert f'<a id="permalink" href="http://localhost/records/{rid}">' in html
    assert '<script src="/static/baokan.js" defer></script>' in html
    assert "返回“巡察”的检索结果" in html


def test_record_page_lists_same_page_records_and_related_coverage(client):
    rid = find_id(client, "市委第四巡察组")
    data = client.get(f"/api/records/{rid}").json
    html = client.get(f"/records/{rid}").text
    same = re.search(r'<section class="same-page" id="same-page">(.*?)</section>', html, re.S).group(1)
    assert data["same_page"], "the seed page has other records"
    for hit in data["same_page"]:
        assert f'href="/records/{hit["id"]}"' in same
    related = re.search(r'<section class="related" id="related">(.*?)</section>', html, re.S).group(1)
    for hit in data["related"]:
        assert f'href="/records/{hit["id"]}"' in related
    assert "<mark>" not in html.split('id="record-body"')[1].split("</div>")[0]  # no q, no marks


def test_record_page_of_a_photo_with_captions_and_page_in_citation(client):
    rid = find_id(client, "恶意标题测试")
    html = client.get(f"/records/{rid}").text
    assert "<dt>版次</dt><dd>第2版 综合</dd>" in html
    assert "焦作日报, 2023-11-02(2)." in html
    caption = next(h for h in client.get("/api/search", query_string={"kind": "caption", "page_size": 100}).json["hits"]
                   if h["photographers"] == ["李四"])
    html = client.get(f"/records/{caption['id']}").text
    assert '<span class="badge kind-caption">图片</span>' in html
    assert '<dt>摄影</dt><dd><a class="photographer" href="/search?photographer=%E6%9D%8E%E5%9B%9B">李四</a></dd>' in html
    assert "李四. " in html  # the photographer is the author of a photo


def test_a_filter_matching_nothing_shows_no_hits(client):
    data = client.get("/api/search", query_string={"q": "示范区", "reporter": "没有这个人"}).json
    assert data["total"] == 0
    assert data["hits"] == []
    html = client.get("/search", query_string={"q": "示范区", "reporter": "没有这个人"}).text
    assert 'id="empty"' in html and hit_ids(html) == []
    assert client.get("/export.jsonl", query_string={"q": "示范区", "reporter": "没有这个人"}).data == b""


def test_record_page_marks_terms_inside_embedded_captions_and_credits_once(client):
    hit = client.get("/api/search", query_string={"q": "标题:反馈会"}).json["hits"][0]
    html = client.get(f"/records/{hit['id']}", query_string={"q": "蒋鑫"}).text
    captions = html[html.index('id="captions"'):html.index('class="cite"')]
    assert "<mark>蒋鑫</mark>" in captions
    assert "（摄影 蒋鑫）" not in captions
