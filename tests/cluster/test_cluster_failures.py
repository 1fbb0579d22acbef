"""A node dies or hangs: during queries and during an ingest. Never a partial answer; a clear error naming the
node (503 in the one error shape on the site); after a restart everything is back, and a re-run ingest repairs."""
from __future__ import annotations

import datetime
import subprocess
import threading
import time
from pathlib import Path

import pytest

from indexer import ClusterBackend, ClusterUnavailable, SearchQuery, WhooshBackend
from helpers import LocalCluster, baokan_cmd, make_corpus, REPO, run_baokan


@pytest.fixture(scope="module")
def loaded(local_cluster: LocalCluster, tmp_path_factory: pytest.TempPathFactory) -> tuple[LocalCluster, Path]:
    pages = make_corpus(tmp_path_factory.mktemp("pages"), 40, tag="F")
    proc = run_baokan("ingest", "--backend", local_cluster.url, str(pages[0].parent), "--json")
    assert proc.returncode == 0, proc.stderr
    return local_cluster, pages[0].parent


def _fresh(q: str) -> SearchQuery:
    """A query no earlier test ran (so no cached answer hides the node's state)."""
    return SearchQuery(q=q, page_size=5)


def test_a_killed_node_is_named_never_a_partial_answer_then_recovery(loaded: tuple[LocalCluster, Path]) -> None:
    cluster, _ = loaded
    backend = ClusterBackend(cluster.url)
    before = backend.search(_fresh("巡察"))
    assert before.total > 0
    browser = ClusterBackend(cluster.url)  # knows the generation, has asked no browse view yet
    browser.archive.generation()
    day, rid = before.hits[0].pub_date, before.hits[0].id
    outcomes: list[object] = []
    stop = threading.Event()

    def searching() -> None:  # a reader hammering the cluster while node 2 dies
        reader = ClusterBackend(cluster.url)
        n = 0
        while not stop.is_set():
            n += 1
            try:
                outcomes.append(reader.search(SearchQuery(q=f"巡察 -不存在{n}")).total)
            except ClusterUnavailable as exc:
                outcomes.append(exc)

    thread = threading.Thread(target=searching)
    thread.start()
    time.sleep(0.3)
    cluster.kill(2)
    time.sleep(0.5)
    stop.set()
    thread.join()
    assert outcomes and isinstance(outcomes[-1], ClusterUnavailable)
    for outcome in outcomes:  # each answer complete, or an error naming the dead node: nothing in between
        assert outcome == before.total or (isinstance(outcome, ClusterUnavailable) and "节点 2" in str(outcome)), outcome

    with pytest.raises(ClusterUnavailable, match=f"节点 2（127.0.0.1:{cluster.ports[1]}）"):
        backend.search(_fresh("科技"))
    # the browse views' statements too: never a calendar, an issue or a page missing the dead node's shard
    for view in (browser.archive_calendar, lambda: browser.issue(day), lambda: browser.get_record(rid),
                 lambda: browser.record_position(rid), lambda: browser.get_records([rid])):
        with pytest.raises(ClusterUnavailable, match="节点 2"):
            view()
    from webapp import create_app

    client = create_app({"TESTING": True, "BACKEND": cluster.url}).test_client()
    api = client.get("/api/search", query_string={"q": "项目"})
    assert api.status_code == 503
    assert api.json["ok"] is False and api.json["status"] == 503 and "节点 2" in api.json["error"]
    page = client.get("/search", query_string={"q": "项目"})
    assert page.status_code == 503 and "节点 2" in page.text and "Traceback" not in page.text
    issues = client.get(f"/api/issues/{day}")
    assert issues.status_code == 503 and "节点 2" in issues.json["error"]
    cli = run_baokan("search", "项目", "--backend", cluster.url)
    assert cli.returncode == 1 and "节点 2" in cli.stderr and "Traceback" not in cli.stderr

    cluster.start(2)  # its shard comes back from disk and binlog
    after = backend.search(_fresh("巡察"))
    assert (after.total, [h.id for h in after.hits]) == (before.total, [h.id for h in before.hits])
    assert client.get("/api/search", query_string={"q": "项目"}).status_code == 200
    assert browser.issue(day).records > 0 and client.get(f"/api/issues/{day}").status_code == 200


def test_a_hung_node_is_named_within_the_agent_timeout(loaded: tuple[LocalCluster, Path]) -> None:
    cluster, _ = loaded
    backend = ClusterBackend(cluster.url)
    total = backend.search(_fresh("会议")).total
    cluster.pause(2)
    try:
        with pytest.raises(ClusterUnavailable, match="节点 2"):
            backend.search(_fresh("发展"))
    finally:
        cluster.pause(2, paused=False)
    assert backend.search(_fresh("会议 发展 -不存在")).total <= total
    assert backend.search(_fresh("会议")).total == total


def test_a_node_killed_during_an_ingest_then_a_rerun_repairs(loaded: tuple[LocalCluster, Path],
                                                             tmp_path: Path) -> None:
    cluster, _ = loaded
    pages = make_corpus(tmp_path / "more", 100, tag="M", start=datetime.date(2024, 1, 1))  # names of their own
    backend = ClusterBackend(cluster.url)
    files_before = len(backend.cluster.query(backend.cluster.coordinator, "SELECT id FROM files LIMIT 10000 "
                                             "OPTION max_matches=10000"))
    proc = subprocess.Popen([*baokan_cmd(), "ingest", "--backend", cluster.url, str(tmp_path / "more")], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while True:  # kill node 2 once some of the new files are in
        done = len(backend.cluster.query(backend.cluster.coordinator, "SELECT id FROM files LIMIT 10000 "
                                         "OPTION max_matches=10000")) - files_before
        if done >= 10:
            break
        assert proc.poll() is None and time.monotonic() < deadline, "the ingest ended before the node could be killed"
        time.sleep(0.01)
    cluster.kill(2)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1, err
    assert "节点 2" in err and "Traceback" not in err
    cluster.start(2)

    rerun = run_baokan("ingest", "--backend", cluster.url, str(tmp_path / "more"), "--json")
    assert rerun.returncode == 0, rerun.stderr
    again = run_baokan("ingest", "--backend", cluster.url, str(tmp_path / "more"), "--json")
    assert '"files_unchanged": 100' in again.stdout and '"records_added": 0' in again.stdout

    # the cluster now holds exactly what the Whoosh ingest of the same files holds
    whoosh = WhooshBackend(str(tmp_path / "ix"))
    whoosh.ingest([str(p) for p in pages], workers=1)
    names = {p.name for p in pages}
    expected = sorted((r.to_dict() for r in whoosh.iter_results(SearchQuery())), key=lambda r: r["id"])
    held = sorted((r.to_dict() for r in backend.iter_results(SearchQuery()) if r.source in names),
                  key=lambda r: r["id"])
    assert len(expected) > 100
    assert held == expected


def test_a_changed_file_replaces_its_records_and_bad_files_are_skipped(loaded: tuple[LocalCluster, Path],
                                                                       tmp_path: Path) -> None:
    cluster, pages_dir = loaded
    backend = ClusterBackend(cluster.url)
    page = sorted(pages_dir.glob("*.txt"))[0]
    page.write_text(page.read_text("utf-8").replace("编号F000", "编号Z999"), "utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    proc = run_baokan("ingest", "--backend", cluster.url, str(pages_dir), str(bad), "--json")
    assert proc.returncode == 3, proc.stderr
    assert '"files_indexed": 1' in proc.stdout and "bad.txt" in proc.stdout
    assert backend.search(_fresh("编号Z999")).total > 0
    assert backend.search(_fresh("编号F000")).total == 0


def test_a_cluster_another_version_wrote_is_refused_until_rebuilt(loaded: tuple[LocalCluster, Path]) -> None:
    """Records cut by another tokenizer would be matched wrongly: refused (503), and --rebuild mends it."""
    from indexer import SettingsMismatch

    cluster, pages_dir = loaded
    backend = ClusterBackend(cluster.url)
    backend.cluster.query(backend.cluster.coordinator, "REPLACE INTO meta (id, name, generation) VALUES (2, 'schema', 1)")
    with pytest.raises(SettingsMismatch, match="--rebuild"):
        ClusterBackend(cluster.url).search(_fresh("巡察"))
    refused = run_baokan("ingest", "--backend", cluster.url, str(pages_dir))
    assert refused.returncode == 1 and "--rebuild" in refused.stderr
    rebuilt = run_baokan("ingest", "--backend", cluster.url, str(pages_dir), "--rebuild", "--json")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert ClusterBackend(cluster.url).search(_fresh("巡察")).total > 0


def test_no_empty_statement_reaches_a_node(loaded: tuple[LocalCluster, Path]) -> None:
    """searchd 2.2.11 dies of an empty query (signal 11; its watchdog restarts it): never send one."""
    cluster, _ = loaded
    backend = ClusterBackend(cluster.url)
    pid = cluster.pid(1)
    assert backend.cluster.batch(backend.cluster.coordinator, []) == []
    with pytest.raises(ValueError):
        backend.cluster.query(backend.cluster.coordinator, "  ")
    assert cluster.pid(1) == pid and backend.search(_fresh("巡察 -没有")).total >= 0


def test_a_rebuild_on_an_older_versions_configs_is_refused_before_anything_is_emptied(tmp_path: Path) -> None:
    """Nodes configured by an older `cluster init` (no f_people column): following the refusal's advice with
    --rebuild alone must not empty the cluster and stamp it as rebuilt; the message names cluster init."""
    old = LocalCluster(tmp_path / "old", edit_config=lambda text: text.replace("    rt_attr_multi_64 = f_people\n", ""))
    try:
        backend = ClusterBackend(old.url)
        coordinator = backend.cluster.coordinator
        backend.cluster.query(coordinator, "REPLACE INTO files (id, key, file, hash, shard, records) "
                                           "VALUES (7, '', 'kept.txt', 'h', 1, 3)")
        backend.cluster.query(coordinator, "REPLACE INTO meta (id, name, generation) VALUES (1, 'generation', 5), "
                                           "(2, 'schema', 3)")
        page = tmp_path / "p.txt"
        page.write_text("巡察工作推进会召开\n\n本报讯（记者 王冰）3月5日，全市巡察工作推进会召开。\n", "utf-8")
        refused = run_baokan("ingest", "--backend", old.url, str(page), "--rebuild")
        assert refused.returncode == 1 and "cluster init" in refused.stderr and "f_people" in refused.stderr
        assert backend.cluster.query(coordinator, "SELECT id FROM files WHERE id = 7") == [(7,)]
        assert dict(backend.cluster.query(coordinator, "SELECT id, generation FROM meta"))[2] == 3
    finally:
        old.stop()


def test_a_person_facet_group_is_named_when_the_name_cache_fills_on_its_row(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache of group names is bounded; filling it on the very row asked about must not lose that name."""
    import json

    from indexer.cluster import engine

    monkeypatch.setattr(engine, "NAMES_KEPT", 2)
    monkeypatch.setattr(engine, "_names", {})
    row = json.dumps({"reporter": ["甲", "乙", "丙"]}, ensure_ascii=False)
    for name in ("甲", "乙", "丙"):
        engine._names.clear()
        assert engine._person(engine.role_hash("reporter", name), row) == ("reporter", name)
