"""RIS and BibTeX beside GB/T 7714: one record and a result set, read back by real parsers (rispy, bibtexparser)."""
from __future__ import annotations

import pytest

from indexer.records import Caption, Record
from webapp.citation import bibtex, bibtex_escape, ris

rispy = pytest.importorskip("rispy")
bibtexparser = pytest.importorskip("bibtexparser")

URL = "http://localhost/records/26f9c0bf5d7a20f6"
ARTICLE = Record(id="26f9c0bf5d7a20f6", kind="article", title="市委第四巡察组巡察市科技局党组情况反馈会召开",
                 body="7月26日，市委第四巡察组\n巡察市科技局党组情况反馈会召开。", reporters=("徐金华", "李四"),
                 pub_date="2022-07-27", page="第1版 要闻", paper="焦作日报", section="时政")
SPECIALS = Record(id="0123456789abcdef", kind="article", title=r"R&D {投入} 增长50%_#1 $5 ^~ \end", body="",
                  reporters=("王五",), pub_date="2021-11-05", page=None)
UNDATED_PHOTO = Record(id="fedcba9876543210", kind="caption", title="", body="会场一角。",
                       captions=(Caption("会场一角。本报记者 蒋鑫 摄", ("蒋鑫",)),))


def read_bibtex(text: str) -> list:
    """Entries of a .bib text, LaTeX escapes decoded; no block may fail to parse."""
    from bibtexparser.middlewares import LatexDecodingMiddleware

    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert library.failed_blocks == []
    return library.entries


def test_ris_of_an_article_parses_into_every_field():
    text = ris(ARTICLE, URL)
    assert text.startswith("TY  - NEWS\r\n") and text.endswith("ER  - \r\n")
    assert rispy.loads(text) == [{
        "type_of_reference": "NEWS", "title": ARTICLE.title, "authors": ["徐金华", "李四"], "year": "2022",
        "date": "2022/07/27", "secondary_title": "焦作日报", "start_page": "第1版 要闻", "section": "时政",
        "abstract": "7月26日，市委第四巡察组 巡察市科技局党组情况反馈会召开。", "language": "zh", "urls": [URL],
        "id": ARTICLE.id,
    }]


def test_ris_leaves_out_what_is_unknown():
    entry, = rispy.loads(ris(UNDATED_PHOTO, URL, default_paper="焦作晚报"))
    assert entry["title"] == "会场一角。" and entry["authors"] == ["蒋鑫"]  # a photo's photographer
    assert entry["secondary_title"] == "焦作晚报"
    assert not {"year", "date", "start_page"} & set(entry)


def test_bibtex_of_an_article():
    entry, = read_bibtex(bibtex(ARTICLE, URL))
    assert entry.entry_type == "article" and entry.key == "baokan-26f9c0bf5d7a20f6"
    assert {k: f.value for k, f in entry.fields_dict.items()} == {
        "title": ARTICLE.title, "author": "徐金华 and 李四", "journal": "焦作日报", "date": "2022-07-27",
        "year": "2022", "month": "7", "pages": "1", "note": "第1版 要闻", "url": URL, "langid": "chinese"}


def test_bibtex_escapes_tex_specials_and_keeps_chinese():
    text = bibtex(SPECIALS, URL)
    assert r"title = {R\&D \{投入\} 增长50\%\_\#1 \$5 \textasciicircum{}\textasciitilde{} \textbackslash{}end}" in text
    entry, = read_bibtex(text)
    # read back as written (pylatexenc renders \textasciicircum{} as the spacing circumflex "ˆ")
    assert entry.fields_dict["title"].value == SPECIALS.title.replace("^", "\u02c6")
    assert "pages" not in entry.fields_dict and "note" not in entry.fields_dict


@pytest.mark.parametrize("value, escaped", [
    ("R&D", r"R\&D"), ("{a}", r"\{a\}"), ("50%", r"50\%"), ("a_b#c$", r"a\_b\#c\$"), ("焦作日报", "焦作日报"),
    ("第一行\n第二行", "第一行 第二行"),
])
def test_bibtex_escape(value, escaped):
    assert bibtex_escape(value) == escaped


# --- the routes ------------------------------------------------------------------------------------


def some_ids(client, **params) -> list[str]:
    return [h["id"] for h in client.get("/api/search", query_string={"page_size": 100, **params}).json["hits"]]


def test_one_record_as_ris_and_bibtex(client):
    hit = client.get("/api/search", query_string={"q": "巡察 市科技局"}).json["hits"][0]
    r = client.get(f"/records/{hit['id']}.ris")
    assert r.status_code == 200 and r.headers["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert r.headers["Content-Disposition"] == f'attachment; filename="baokan-{hit["id"]}.ris"; ' \
                                               f"filename*=UTF-8''baokan-{hit['id']}.ris"
    entry, = rispy.loads(r.text)
    assert entry["title"] == hit["title"] and entry["authors"] == hit["reporters"]
    assert entry["urls"] == [f"http://localhost/records/{hit['id']}"] and entry["date"] == hit["pub_date"].replace("-", "/")
    r = client.get(f"/records/{hit['id']}.bib")
    assert r.status_code == 200 and r.headers["Content-Type"] == "application/x-bibtex; charset=utf-8"
    entry, = read_bibtex(r.text)
    assert entry.key == f"baokan-{hit['id']}" and entry.fields_dict["title"].value == hit["title"]
    assert entry.fields_dict["author"].value == " and ".join(hit["reporters"])


def test_the_record_page_still_answers_beside_its_citations(client):
    record_id = some_ids(client)[0]
    assert client.get(f"/records/{record_id}").mimetype == "text/html"


@pytest.mark.parametrize("path", ["/records/0123456789abcdef.ris", "/records/0123456789abcdef.bib",
                                  "/records/a-b.ris", "/records/%E5%B7%A1.bib", "/records/.ris"])
def test_unknown_record_citation_is_404_in_the_one_shape(client, path):
    r = client.get(path)
    assert r.status_code == 404 and r.mimetype == "application/json"
    assert r.json["ok"] is False and r.json["status"] == 404 and r.json["error"].startswith("没有编号为")


def test_a_result_set_as_ris_and_bibtex_in_result_order(client):
    ids = some_ids(client, region="示范区", sort="oldest")
    r = client.get("/export.ris", query_string={"region": "示范区", "sort": "oldest"})
    assert r.status_code == 200 and r.is_streamed
    assert r.headers["Content-Disposition"].startswith('attachment; filename="baokan-')
    assert [e["id"] for e in rispy.loads(r.text)] == ids
    r = client.get("/export.bib", query_string={"region": "示范区", "sort": "oldest"})
    assert [e.key for e in read_bibtex(r.text)] == [f"baokan-{i}" for i in ids]


def test_ticked_records_as_ris_and_bibtex(client):
    ids = some_ids(client, sort="newest")
    ticked = [ids[3], ids[0]]
    r = client.get("/export.ris", query_string={"id": ticked})
    assert [e["id"] for e in rispy.loads(r.text)] == ticked
    r = client.get("/export.bib", query_string={"id": ticked})
    assert [e.key for e in read_bibtex(r.text)] == [f"baokan-{i}" for i in ticked]


def test_empty_result_set_is_an_empty_file(client):
    for fmt in ("ris", "bib"):
        r = client.get(f"/export.{fmt}", query_string={"q": "没有这样的词语组合"})
        assert r.status_code == 200 and r.data == b""
