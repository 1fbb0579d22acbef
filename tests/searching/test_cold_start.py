"""A fresh process's first search loads only what it needs: not Python jieba's dictionary."""
from __future__ import annotations

import json
import subprocess
import sys

from indexer.text.words import load_jieba, word_spans, word_texts

FIRST_SEARCH = """
import json, sys
from indexer import Archive, SearchQuery, search
page = search(Archive(sys.argv[1]), SearchQuery(q=sys.argv[2]))
print(json.dumps({"total": page.total, "jieba": "jieba" in sys.modules, "rjieba": "rjieba" in sys.modules}))
"""


def test_a_fresh_search_never_imports_python_jieba(seed_index_dir) -> None:
    out = subprocess.run([sys.executable, "-c", FIRST_SEARCH, str(seed_index_dir), "焦作 项目"],
                         capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    assert result == {"total": result["total"], "jieba": False, "rjieba": True} and result["total"] > 0


def test_query_words_are_the_words_the_index_holds() -> None:
    """Query time cuts with rjieba, as ``word_texts`` does at index time: "0-6" stays one word in both."""
    query = [w for w, _, _ in word_spans("0-6岁残疾儿童", "query")]
    assert query == ["0-6", "岁", "残疾儿童"]
    assert set(query) <= set(word_texts("全面推进0-6岁残疾儿童康复救助工作"))
    jieba = load_jieba()  # the reference splits the run: the old query words missed the index's "0-6"
    assert [w for w in jieba.cut("0-6岁") if w.strip("-")] == ["0", "6", "岁"]


CLI_SEARCH = """
import sys
from indexer.cli import main
status = main(["search", sys.argv[2], "--index-dir", sys.argv[1], "--json"])
print(sorted(m for m in sys.modules if m in ("jieba", "pymysql", "indexer.newspaper.parse", "indexer.index.ingest")
             or m.startswith("indexer.cluster")), status)
"""


def test_the_cli_search_loads_neither_the_parser_nor_the_cluster_package(seed_index_dir) -> None:
    """``baokan search`` on the embedded index: no ingest, parser, cluster client or jieba in the process."""
    out = subprocess.run([sys.executable, "-c", CLI_SEARCH, str(seed_index_dir), "焦作"],
                         capture_output=True, text=True, check=True)
    assert json.loads(out.stdout[:out.stdout.rindex("}") + 1])["total"] > 0
    assert out.stdout.strip().splitlines()[-1] == "[] 0"
