"""Facets and filters on an index of their own: multi-select (any of the values), person facets, the
time levels (year -> month -> day), 二次检索, ticked records, and the small things of the results page.

Counts are checked against a brute-force count over every record (read back through /export.jsonl).
"""
from __future__ import annotations

import re
from collections import Counter
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from helpers import PHOTOGRAPHERS, run_baokan


@pytest.fixture(scope="module")
def fclient(facet_index: Path):
    from webapp import create_app

    app = create_app({"TESTING": True, "INDEX_DIR": str(facet_index)})
    yield app.test_client()
    archive = app.extensions.get("baokan.archive")
    if archive is not None:
        archive.close()


@pytest.fixture(scope="module")
def records(fclient) -> list[dict[str, Any]]:
    import json

    lines = fclient.get("/export.jsonl", query_string={"headers": "keys"}).text.splitlines()
    return [json.loads(line) for line in lines]


def args_of(url: str) -> dict[str, list[str]]:
    """The query of a URL, as written in HTML (``&amp;``) or already unescaped."""
    return parse_qs(urlsplit(url.replace("&amp;", "&")).query)


def section(html: str, css_class: str) -> str:
    m = re.search(rf'<section class="[^"]*\b{css_class}\b[^"]*">(.*?)</section>', html, re.S)
    assert m, f"no section .{css_class}"
    return m.group(1)


def facet_links(html: str, facet: str) -> dict[str, str]:
    return {unescape(label): unescape(href) for href, label in
            re.findall(r'<a href="([^"]*)"[^>]*><span class="facet-value">([^<]*)</span>', section(html, f"facet-{facet}"))}


# --- brute force --------------------------------------------------------------------------


def facet_values(record: dict[str, Any], facet: str) -> list[str]:
    """What a record counts under one facet, read from the record itself."""
    date = record["pub_date"] or ""
    if facet == "photographer":
        names = record["photographers"] or [p for c in record["captions"] for p in c["photographers"]]
        return list(dict.fromkeys(names))
    if facet in ("reporter", "correspondent"):
        return list(record[facet + "s"])
    if facet in ("year", "month", "day"):
        return [date[:{"year": 4, "month": 7, "day": 10}[facet]]] if date else []
    return [record[facet]] if record[facet] else []


def passes(record: dict[str, Any], params: dict[str, Any], skip: str | None = None) -> bool:
    for name, wanted in params.items():
        if name in ("date_from", "date_to"):
            if skip == "date":
                continue
            date = record["pub_date"]
            lo, hi = params.get("date_from", "0000"), params.get("date_to", "9999")
            if not date or not lo <= date <= hi:
                return False
        elif name != skip and not set(facet_values(record, name)) & set(wanted):
            return False
    return True


def brute_force(records: list[dict[str, Any]], params: dict[str, Any]) -> tuple[set[str], dict[str, Counter]]:
    """(ids passing every filter, facet -> counts with its own filter off)."""
    ids = {r["id"] for r in records if passes(r, params)}
    counts: dict[str, Counter] = {}
    for facet in ("region", "kind", "reporter", "photographer", "correspondent", "section", "year", "month"):
        own = "date" if facet in ("year", "month") else facet
        counts[facet] = Counter(v for r in records if passes(r, params, skip=own) for v in facet_values(r, facet))
    return ids, counts


MULTI_QUERIES = [
    {"region": ["温县", "孟州市"]},
    {"region": ["温县", "孟州市"], "reporter": ["张三", "王芳"]},
    {"photographer": ["赵七", "孙九"], "region": ["沁阳市", "博爱县", "温县"]},
    {"correspondent": ["王五", "陈晨"], "kind": ["article"]},
    {"kind": ["article", "caption"], "reporter": ["刘洋"]},
    {"region": ["孟州市", "博爱县"], "date_from": "2023-03-01", "date_to": "2023-03-31"},
    {"reporter": ["李六"], "correspondent": ["陈晨"], "region": ["沁阳市", "孟州市"]},
]


@pytest.mark.parametrize("params", MULTI_QUERIES, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()))
def test_multi_select_hits_and_counts_match_a_brute_force_count(fclient, records, params):
    data = fclient.get("/api/search", query_string={**params, "page_size": 100}).json
    assert data["ok"] is True, data
    ids, counts = brute_force(records, params)
    assert ids, "each case should find something"
    assert {h["id"] for h in data["hits"]} == ids and data["total"] == len(ids)
    for facet, counter in counts.items():
        assert data["facets"][facet] == dict(counter), facet
    for name in ("region", "kind", "reporter", "photographer", "correspondent"):
        assert data["query"][name] == params.get(name, [])


def test_one_value_still_works_and_order_and_repeats_do_not_matter(fclient):
    one = fclient.get("/api/search", query_string={"region": "温县"}).json
    assert one["query"]["region"] == ["温县"] and one["total"] > 0
    a = fclient.get("/search?region=温县&region=孟州市&region=温县").text
    b = fclient.get("/search?region=孟州市&region=温县").text
    assert re.findall(r'data-id="([^"]+)"', a) and \
        sorted(re.findall(r'data-id="([^"]+)"', a)) == sorted(re.findall(r'data-id="([^"]+)"', b))
    data = fclient.get("/api/search?region=温县&region=孟州市&region=温县&region=").json
    assert data["query"]["region"] == ["温县", "孟州市"]


def test_facet_links_toggle_one_value_and_chips_remove_one(fclient):
    html = fclient.get("/search", query_string={"q": "会议", "region": "温县"}).text
    links = facet_links(html, "region")
    assert args_of(links["孟州市"]) == {"q": ["会议"], "region": ["温县", "孟州市"]}  # added
    assert args_of(links["温县"]) == {"q": ["会议"]}  # the active one: removed
    assert '<li class="active"><a href="/search?q=%E4%BC%9A%E8%AE%AE" aria-current="true"' in html
    two = fclient.get(links["孟州市"]).text
    links = facet_links(two, "region")
    assert args_of(links["温县"]) == {"q": ["会议"], "region": ["孟州市"]}
    assert args_of(links["沁阳市"]) == {"q": ["会议"], "region": ["温县", "孟州市", "沁阳市"]}
    chips = dict(re.findall(r'<a class="chip chip-region" href="([^"]*)"[^>]*>地区：([^ <]+)', two))
    assert {v: args_of(k) for k, v in chips.items()} == {"温县": {"q": ["会议"], "region": ["孟州市"]},
                                                       "孟州市": {"q": ["会议"], "region": ["温县"]}}
    # the search box and 二次检索 keep both values
    assert two.count('<input type="hidden" name="region" value="温县">') == 2
    assert two.count('<input type="hidden" name="region" value="孟州市">') == 2
    # a chosen value nothing matches any more stays, to be switched off
    none = fclient.get("/search", query_string={"q": "冬储", "region": ["温县", "孟州市", "沁阳市", "博爱县"],
                                                "reporter": "没有这个人"}).text
    assert "没有这个人" in facet_links(none, "reporter")


def test_person_facets_and_every_name_links_to_their_records(fclient, records):
    html = fclient.get("/search", query_string={"page_size": 100}).text
    photographers = facet_links(html, "photographer")
    assert set(photographers) == set(PHOTOGRAPHERS)
    assert args_of(photographers["赵七"]) == {"page_size": ["100"], "photographer": ["赵七"]}
    assert set(facet_links(html, "correspondent")) == {"王五", "陈晨"}
    assert '摄影 <a class="person photographer" href="/search?photographer=%E8%B5%B5%E4%B8%83">赵七</a>' in html
    assert '记者 <a class="person reporter" href="/search?reporter=%E5%BC%A0%E4%B8%89">张三</a>' in html
    rec = next(r for r in records if r["correspondents"] == ["王五"])
    page = fclient.get(f"/records/{rec['id']}").text
    assert '<a class="correspondent" href="/search?correspondent=%E7%8E%8B%E4%BA%94">王五</a>' in page
    data = fclient.get("/api/search", query_string={"correspondent": "王五", "page_size": 100}).json
    assert {h["id"] for h in data["hits"]} == {r["id"] for r in records if "王五" in r["correspondents"]}


def chart_of(html: str) -> str:
    return re.search(r'<svg class="timeline[^"]*".*?</svg>', html, re.S).group(0)


def test_month_histogram_without_a_year_and_days_under_a_month(fclient, records):
    html = fclient.get("/search").text
    months = facet_links(html, "month")
    expected = Counter(r["pub_date"][:7] for r in records)
    assert list(months) == [f"{m[:4]}年{int(m[5:])}月" for m in sorted(expected, reverse=True)]
    # one row per month, each with its count and its bar: no "3月 3 6月 1" run together
    rows = re.findall(r'<li><a href="[^"]*"[^>]*><span class="facet-value">([^<]*)</span> <span class="count">(\d+)'
                      r'</span></a><meter class="facet-bar" min="0" max="(\d+)" value="(\d+)"', section(html, "facet-month"))
    assert [(label, int(n)) for label, n, _, _ in rows] == \
        [(f"{m[:4]}年{int(m[5:])}月", n) for m, n in sorted(expected.items(), reverse=True)]
    assert "各年命中数" in html and chart_of(html).count('<rect class="bar"') == 3

    month = fclient.get(months["2023年3月"]).text
    days = facet_links(month, "day")
    march = sorted(d for d in {r["pub_date"] for r in records} if d.startswith("2023-03"))
    assert list(days) == [f"{int(d[8:])}日" for d in march]
    assert args_of(days["5日"]) == {"date_from": ["2023-03-05"], "date_to": ["2023-03-05"]}
    assert "2023年3月各日命中数" in month and chart_of(month).count('<rect class="bar"') == 31
    assert "<title>2023年3月5日：3 条</title>" in chart_of(month)
    api = fclient.get("/api/search", query_string={"date_from": "2023-03", "date_to": "2023-03"}).json
    assert api["facets"]["day"] == dict(sorted(Counter(r["pub_date"] for r in records
                                                       if r["pub_date"].startswith("2023-03")).items(), reverse=True))

    day = fclient.get(days["5日"]).text
    assert ">日期：2023年3月5日 <" in day
    assert args_of(facet_links(day, "day")["5日"]) == {"date_from": ["2023-03-01"], "date_to": ["2023-03-31"]}
    assert len(re.findall(r'data-id="', day)) == 3
    # no month chosen: no day facet in the JSON either (a long archive would send thousands)
    assert fclient.get("/api/search").json["facets"]["day"] == {}


@pytest.mark.parametrize("q, title, bars", [
    ("", "各年命中数", 3),  # several years
    ("夏收 日期:2023", "2023年各月命中数", 12),  # one year, several months
    ("春耕", "2023年3月各日命中数", 31),  # one month, several days
    ("冬储", "各年命中数", 1),  # one day: no finer level has more than one value
])
def test_chart_follows_the_finest_level_with_more_than_one_value(fclient, q, title, bars):
    html = fclient.get("/search", query_string={"q": q}).text
    assert f'<figcaption id="chart-title">{title}</figcaption>' in html
    assert 'role="group" aria-labelledby="chart-title"' in html  # the chart's links are not hidden in an img
    assert chart_of(html).count('<rect class="bar"') == bars


def test_search_within_results_keeps_filters_and_adds_terms(fclient):
    html = fclient.get("/search", query_string={"q": "会议", "region": ["温县", "孟州市"], "sort": "newest"}).text
    form = re.search(r'<form class="within-form".*?</form>', html, re.S).group(0)
    assert '<input type="hidden" name="q" value="会议">' in form
    assert 'name="within"' in form and 'action="/search"' in form
    r = fclient.get("/search", query_string={"q": "会议", "region": ["温县", "孟州市"], "sort": "newest",
                                             "within": "春耕"})
    assert r.status_code == 303
    assert args_of(r.headers["Location"]) == {"q": ["会议 春耕"], "region": ["温县", "孟州市"], "sort": ["newest"]}
    narrowed = fclient.get("/api/search", query_string=args_of(r.headers["Location"])).json
    assert narrowed["total"] > 0 and all(h["region"] in ("温县", "孟州市") for h in narrowed["hits"])
    # an OR is bracketed, a repaired query is taken as repaired, an empty box changes nothing
    for q, more, want in [("温县 OR 孟州市", "春耕", "(温县 OR 孟州市) 春耕"),
                          ('"春耕 (农资', "温县", '"春耕 (农资" 温县'),
                          ("春耕", "夏收 OR 冬储", "春耕 (夏收 OR 冬储)"),
                          ("春耕", "  ", "春耕"), ("", "春耕", "春耕")]:
        r = fclient.get("/search", query_string={"q": q, "within": more})
        assert r.status_code == 303 and args_of(r.headers["Location"]).get("q") == [want], (q, more)


BAD = [
    ({"region": ["温县", "火星"]}, "未知地区：火星"),
    ({"kind": ["article", "报纸"]}, "未知的类型"),
    ({"region": ["温县"] * 1 + [f"地区{i}" for i in range(60)]}, "最多 50 个值"),
    ({"reporter": ["张三", "长" * 101]}, "参数 reporter 过长"),
    ({"photographer": "长" * 101}, "参数 photographer 过长"),
    ({"correspondent": [f"人{i}" for i in range(51)]}, "最多 50 个值"),
    ({"region": ["温县"] * 51}, "最多 50 个值"),  # repeats count as sent (the OpenAPI maxItems)
    ({"section": ["x" * 200]}, "参数 section 过长"),
    ({"q": "会" * 999, "within": "春耕"}, "检索式过长"),
]


@pytest.mark.parametrize("params, message", BAD, ids=[m for _, m in BAD])
def test_bad_values_are_400_in_the_one_error_shape(fclient, params, message):
    for path in ("/search",) if "within" in params else ("/api/search", "/search", "/export.csv"):
        r = fclient.get(path, query_string=params)
        assert r.status_code == 400, (path, r.status_code)
        if path.startswith("/api"):
            assert r.json["ok"] is False and r.json["status"] == 400 and message in r.json["error"]


def test_cli_search_takes_repeated_filters(facet_index: Path, fclient):
    import json

    result = run_baokan("search", "", "--index-dir", str(facet_index), "--region", "温县", "--region", "孟州市",
                        "--photographer", "赵七", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    api = fclient.get("/api/search", query_string={"region": ["温县", "孟州市"], "photographer": "赵七"}).json
    assert data["total"] == api["total"] > 0 and data["query"]["region"] == ["温县", "孟州市"]


def test_each_hit_can_be_ticked_for_export(fclient):
    html = fclient.get("/search", query_string={"q": "春耕"}).text
    ids = re.findall(r'<li class="hit" data-id="([^"]+)"', html)
    boxes = re.findall(r'<input class="pick" type="checkbox" name="id" value="([^"]+)" form="pick-form"', html)
    assert boxes == ids and ids
    form = re.search(r'<form class="pick-form" id="pick-form".*?</form>', html, re.S).group(0)
    assert re.findall(r'formaction="([^"]+)"', form) == ["/export.csv", "/export.jsonl", "/export.ris", "/export.bib"]
    assert "<input" not in form  # only the ticked ids are sent, nothing else


def test_a_failed_quoted_query_offers_a_retry_without_quotes(client):
    html = client.get("/search", query_string={"q": '"巡察 (科技'}).text
    assert '<strong id="total">0</strong>' in html
    assert "“&#34;" not in html and '“"' not in html  # the heading does not double the quotes
    assert '没有找到与 <code class="q">&#34;巡察 (科技</code> 相关的记录' in html
    (retry,) = re.findall(r'<p class="retry" id="retry">去掉引号再试：<a href="([^"]+)">巡察 \(科技</a>', html)
    assert args_of(retry) == {"q": ["巡察 (科技"]}
    assert client.get("/api/search", query_string=args_of(retry)).json["total"] > 0
    # a query without quotes keeps its “…” and gets no retry
    html = client.get("/search", query_string={"q": "不存在的词甲"}).text
    assert "没有找到与“不存在的词甲”相关的记录" in html and 'id="retry"' not in html


def test_an_empty_result_page_hides_sort_export_and_ticking(client):
    html = client.get("/search", query_string={"q": "不存在的词甲"}).text
    for absent in ('class="toolbar"', "export-csv", "sort-newest", "pick-form", 'class="pick"', "within-form"):
        assert absent not in html, absent
    html = client.get("/search", query_string={"q": "巡察"}).text
    for present in ('class="toolbar"', "export-csv", "sort-newest", "pick-form", "within-form"):
        assert present in html, present
