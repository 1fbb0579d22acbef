"""The per-snapshot result cache: paging and re-sorting the same query do not match or score again."""
from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from indexer.searching.snapshot import Snapshot

# per snapshot: match sets and ranking scores of recent queries; BAOKAN_RESULT_CACHE=0 turns it off (benchmarks)
RESULT_CACHE_ENTRIES = int(os.environ.get("BAOKAN_RESULT_CACHE", "16"))
RESULT_CACHE_DOCS = 4_000_000  # ... and at most this many docnums in all


def cached(snap: Snapshot, key: tuple[Any, ...], compute: Callable[[], Any], size: Callable[[Any], int]) -> Any:
    """``compute()``, or its value from the snapshot's LRU; ``size`` counts a value's docnums against the bound.

    The snapshot is the cache's scope, so a new ingest (a new snapshot) is always seen.
    """
    if RESULT_CACHE_ENTRIES <= 0:
        return compute()
    with snap.cache_lock:
        hit = snap.cache.get(key)
        if hit is not None:
            snap.cache.move_to_end(key)
            return hit[0]
    value = compute()
    with snap.cache_lock:
        snap.cache[key] = (value, size(value))
        total = sum(n for _, n in snap.cache.values())
        while len(snap.cache) > 1 and (len(snap.cache) > RESULT_CACHE_ENTRIES or total > RESULT_CACHE_DOCS):
            _, (_, n) = snap.cache.popitem(last=False)
            total -= n
    return value
