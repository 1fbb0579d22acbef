"""Schemathesis hooks for tests/web/test_web_schemathesis.py (loaded through SCHEMATHESIS_HOOKS).

Two rules the server enforces cannot be written in OpenAPI, as they tie two parameters
together; the document states them in words, and generated requests that break them
are dropped here (each would rightly be a 400):

* ``date_from`` must not be later than ``date_to`` (起始日期晚于结束日期);
* relevance paging stops at MAX_RELEVANCE_DEPTH hits: ``page × page_size`` beyond it is a 400.
"""
from __future__ import annotations

from typing import Any

import schemathesis

from indexer import MAX_RELEVANCE_DEPTH, QueryError, SearchQuery


def _first(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return "" if value is None else str(value)


@schemathesis.hook
def filter_query(context: Any, query: dict[str, Any] | None) -> bool:
    if not query:
        return True
    dates = {name: _first(query.get(name)) for name in ("date_from", "date_to")}
    try:
        SearchQuery.from_params(dates)  # each date matches the declared pattern: only their order can fail
    except QueryError:
        return False
    page, page_size = _first(query.get("page")), _first(query.get("page_size"))
    deep = int(page or 1) * int(page_size or 20) > MAX_RELEVANCE_DEPTH
    return not (deep and _first(query.get("sort")) in ("", "relevance"))
