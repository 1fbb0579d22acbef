"""``baokan cluster init``: the configs, scripts and URL it writes (no searchd needed)."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from indexer import InvalidInput, parse_cluster_url
from indexer.cluster.config import Node
from helpers import run_baokan


def test_three_nodes_each_with_a_shard_and_a_distributed_index_over_all(tmp_path: Path) -> None:
    proc = run_baokan("cluster", "init", "--nodes", "3", "--dir", str(tmp_path / "c"), "--base-port", "19300")
    assert proc.returncode == 0, proc.stderr
    url = "sphinx://127.0.0.1:19300,127.0.0.1:19310,127.0.0.1:19320"
    assert proc.stdout.strip() == f"--backend {url}"
    assert "节点 3（127.0.0.1:19320）" in proc.stderr and "start.sh" in proc.stderr
    confs = [(tmp_path / "c" / f"node{i}" / "searchd.conf").read_text("utf-8") for i in (1, 2, 3)]
    for i, conf in enumerate(confs, 1):
        port = 19300 + 10 * (i - 1)
        assert f"listen = 127.0.0.1:{port}:mysql41" in conf and f"listen = 127.0.0.1:{port + 1}\n" in conf
        agents = re.findall(r"agent = (\S+)", conf)
        assert agents == [f"127.0.0.1:{19300 + 10 * (j - 1) + 1}:shard" for j in (1, 2, 3) if j != i]
        assert "ngram_len = 1" in conf and "min_infix_len = 1" in conf and "agent_query_timeout = 10000" in conf
        assert ("index files" in conf) == (i == 1)  # the ingest state lives on node 1
    for script in ("start.sh", "stop.sh"):
        assert os.access(tmp_path / "c" / script, os.X_OK)
    assert (tmp_path / "c" / "start.sh").read_text("utf-8").count("searchd --config") == 3


def test_json_output_and_bad_arguments(tmp_path: Path) -> None:
    proc = run_baokan("cluster", "init", "--nodes", "1", "--dir", str(tmp_path / "one"), "--json")
    assert json.loads(proc.stdout)["url"] == "sphinx://127.0.0.1:9306"
    for args, message in ((["--nodes", "0"], "节点数应在 1 到 64 之间"), (["--nodes", "2", "--base-port", "80"], "起始端口"),
                          (["--nodes", "2", "--query-timeout-ms", "5"], "节点查询超时")):
        bad = run_baokan("cluster", "init", "--dir", str(tmp_path / "bad"), *args)
        assert bad.returncode == 1 and message in bad.stderr and "Traceback" not in bad.stderr


def test_cluster_urls() -> None:
    assert parse_cluster_url("sphinx://10.0.0.1:9306,10.0.0.2:9306") == (Node(1, "10.0.0.1", 9306),
                                                                          Node(2, "10.0.0.2", 9306))
    for bad in ("http://x:1", "sphinx://", "sphinx://host", "sphinx://host:99999", "sphinx://a:1,b"):
        with pytest.raises(InvalidInput):
            parse_cluster_url(bad)
    proc = run_baokan("search", "巡察", "--backend", "sphinx://127.0.0.1:1")
    assert proc.returncode == 1 and "节点 1（127.0.0.1:1）" in proc.stderr and "Traceback" not in proc.stderr
