"""The naive baseline: what most Whoosh + jieba projects build.

The same records as baokan (parsed by ``indexer.newspaper.parse`` as ingest does, so
the same record ids), indexed with jieba's bundled ``ChineseAnalyzer`` into one TEXT
field with the text stored, plus region/year/kind/date as plain ID fields; one writer, one commit. Searched with
Whoosh's ``QueryParser``, facets by ``groupedby`` (region, year, kind) and snippets by
Whoosh's highlighter.

    python bench/naive.py build CORPUS_DIR INDEX_DIR     # prints JSON
    python bench/naive.py add DAY_DIR INDEX_DIR           # a daily increment
"""
from __future__ import annotations

import json
import logging
import os
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

warnings.filterwarnings("ignore")

from whoosh import index, sorting  # noqa: E402
from whoosh import query as wq  # noqa: E402
from whoosh.fields import ID, STORED, TEXT, Schema  # noqa: E402
from whoosh.qparser import QueryParser  # noqa: E402


def schema() -> Schema:
    import jieba
    from jieba.analyse import ChineseAnalyzer

    jieba.setLogLevel(logging.WARNING)
    return Schema(id=ID(stored=True, unique=True), title=STORED(), content=TEXT(analyzer=ChineseAnalyzer(), stored=True),
                  region=ID(stored=True), year=ID(stored=True), kind=ID(stored=True), pub_date=ID(stored=True))


def page_files(root: str) -> list[str]:
    return sorted(str(p) for p in Path(root).rglob("*.txt"))


def records(root: str) -> Iterator[dict[str, Any]]:
    """baokan's parse of each page (the sources ingest gives them: same record ids), as documents."""
    from indexer.index.ingest import iter_input_files
    from indexer.index.schema import full_text
    from indexer.newspaper.gazetteer import load_gazetteer
    from indexer.newspaper.parse import parse_file

    gazetteer = load_gazetteer(None)
    for path, source, error in iter_input_files([root]):
        if error:
            continue
        for r in parse_file(path, source=source, manifest=None, gazetteer=gazetteer).records:
            yield {"id": r.id, "title": r.title, "content": full_text(r), "region": r.region or "",
                   "year": (r.pub_date or "")[:4], "kind": r.kind, "pub_date": r.pub_date or ""}


def add(root: str, index_dir: str, create: bool) -> dict[str, Any]:
    started = time.monotonic()
    if create:
        os.makedirs(index_dir, exist_ok=True)
        ix = index.create_in(index_dir, schema())
    else:
        schema()  # jieba's logging
        ix = index.open_dir(index_dir)
    writer = ix.writer()
    n = size = 0
    for doc in records(root):
        writer.add_document(**doc)
        n += 1
    for path in page_files(root):
        size += os.path.getsize(path)
    before_commit = time.monotonic()
    writer.commit()
    done = time.monotonic()
    return {"records": n, "bytes": size, "seconds": round(done - started, 2),
            "commit_seconds": round(done - before_commit, 2)}


class NaiveSearch:
    """The naive index opened once (warm searcher kept), queried like the site queries baokan."""

    def __init__(self, index_dir: str) -> None:
        schema()
        self.ix = index.open_dir(index_dir)
        self.searcher = self.ix.searcher()
        self.parser = QueryParser("content", self.ix.schema)

    def search(self, spec: dict[str, Any]) -> dict[str, Any]:
        q = self.parser.parse(spec["naive_q"])
        filters: list[wq.Query] = []
        if spec.get("region"):
            filters.append(wq.Term("region", spec["region"]))
        if spec.get("date_from") or spec.get("date_to"):
            filters.append(wq.TermRange("pub_date", spec.get("date_from") or "0000", spec.get("date_to") or "9999"))
        kwargs: dict[str, Any] = {"groupedby": {name: sorting.FieldFacet(name) for name in ("region", "year", "kind")}}
        if filters:
            kwargs["filter"] = wq.And(filters) if len(filters) > 1 else filters[0]
        if spec.get("sort") in ("newest", "oldest"):
            kwargs["sortedby"] = sorting.FieldFacet("pub_date", reverse=spec["sort"] == "newest")
        page = self.searcher.search_page(q, spec.get("page", 1), pagelen=spec.get("page_size", 20), **kwargs)
        facets = {name: {k: len(v) for k, v in page.results.groups(name).items()} for name in ("region", "year", "kind")}
        hits = [(hit["id"], hit.highlights("content")) for hit in page]
        return {"total": page.total, "hits": hits, "facets": facets}


def main(argv: list[str]) -> int:
    cmd, src, index_dir = argv
    result = add(src, index_dir, create=(cmd == "build"))
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
