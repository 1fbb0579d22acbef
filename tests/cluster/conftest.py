"""Cluster fixtures: ``local_cluster`` starts two real searchd on free loopback ports for a test module."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import LocalCluster, require_searchd


@pytest.fixture(scope="module")
def local_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCluster]:
    require_searchd()
    cluster = LocalCluster(Path(tmp_path_factory.mktemp("cluster")), nodes=2)
    try:
        yield cluster
    finally:
        cluster.stop()
