"""URL parameters <-> ``SearchQuery``, and the per-snapshot archive facts they are checked against.

All state lives in the URL: a results page is ``SearchQuery.to_params()``; every
link on it is those params with one argument added or removed (Datasette's
``path_with_added_args``), with ``page`` dropped so a new filter starts at page 1.
"""
from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from flask import current_app, url_for

from indexer.errors import QueryError
from indexer import ArchiveStats, SearchPage, SearchQuery
from webapp import get_backend

_stats_lock = threading.Lock()


def current_stats() -> ArchiveStats:
    """``archive_stats`` of the current snapshot, computed once per snapshot (after an ingest, anew)."""
    backend = get_backend()
    snap = backend.snapshot()
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    cached = app.extensions.get("baokan.stats")
    if cached is not None and cached[0] is snap:
        return cached[1]
    with _stats_lock:
        cached = app.extensions.get("baokan.stats")
        if cached is not None and cached[0] is snap:
            return cached[1]
        stats = backend.stats()
        app.extensions["baokan.stats"] = (snap, stats)
        return stats


def known_regions() -> frozenset[str]:
    """Regions a ``region=`` filter may name: those in the archive plus the gazetteer's."""
    regions = set(current_stats().by_region)
    try:
        from indexer import load_gazetteer

        regions.update(load_gazetteer().regions)
    except Exception:  # a broken gazetteer file must not take the search page down
        current_app.logger.exception("gazetteer unavailable; region check uses the archive only")
    return frozenset(regions)


def query_from_args(args: Mapping[str, str]) -> SearchQuery:
    """Validate request args into a ``SearchQuery``; raises QueryError (-> 400) with a Chinese message."""
    query = SearchQuery.from_params(args)
    if query.region:
        regions = known_regions()
        for region in query.region:
            if region not in regions:
                raise QueryError(f"未知地区：{region}")
    return query


def run_search(args: Mapping[str, str]) -> SearchPage:
    """The one search behind /search, /api/search: same args, same ``SearchPage``."""
    return get_backend().search(query_from_args(args))


def changed_args(query: SearchQuery, **changes: Any) -> dict[str, str | list[str]]:
    """The query's URL args with some set (a value, or a list for a repeated one) or removed (None, "" or []);
    ``page`` resets unless given."""
    params = query.to_params()
    params.pop("page", None)
    for name, value in changes.items():
        if value is None or value == "" or (isinstance(value, (list, tuple)) and not value):
            params.pop(name, None)
        elif isinstance(value, (list, tuple)):
            params[name] = [str(v) for v in value]
        else:
            params[name] = str(value)
    if params.get("page") == "1":
        del params["page"]
    return params


def toggled(query: SearchQuery, name: str, value: str) -> list[str]:
    """A repeatable filter's values with one value added, or removed if it is there (Datasette's add/remove one arg).

    ``region=("温县",)``: toggling 孟州市 gives ["温县", "孟州市"], toggling 温县 gives [].
    """
    values = list(getattr(query, name))
    return [v for v in values if v != value] if value in values else [*values, value]


def search_url(query: SearchQuery, endpoint: str = "views.search", **changes: Any) -> str:
    """``/search?…`` for the query with ``changes`` applied: ``search_url(q, region=["温县"])``."""
    return url_for(endpoint, **changed_args(query, **changes))


def hidden_fields(query: SearchQuery, **changes: Any) -> list[tuple[str, str]]:
    """(name, value) pairs of a form that keeps the query's state, one pair per value of a repeated parameter."""
    pairs: list[tuple[str, str]] = []
    for name, value in changed_args(query, **changes).items():
        pairs.extend((name, v) for v in (value if isinstance(value, list) else [value]))
    return pairs

