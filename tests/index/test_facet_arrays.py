"""Facet columns written as arrays with each segment (``<segment>.fcol``) and memory-mapped at open.

They hold exactly what decoding the stored JSON rows gives (a property test over random
records, placeholders, deletions, several segments and compaction); an index written before
them (no such files) opens and answers the same, checks clean, and ``baokan compact``
upgrades it; the files are segment files like any other (the manifest lists them, the check
at open and ``baokan check`` catch damage, backup and restore carry them).
"""
from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.index.check import check_index
from indexer.index.durability import CommitManifest, manifest_generations, read_manifest, write_durably, manifest_name
from indexer.index.facetfile import (EXTENSION, SCALARS, FacetFileError, code_rows, facet_file_name,
                                     read_facet_file)
from indexer.index.ingest import ingest, open_writer, placeholder_document, record_documents
from indexer.index.segwriter import compact
from indexer.index.store import INDEX_NAME, create_or_open_index, current_settings, open_index
from indexer.index.whoosh_internals import index_segments
from indexer.searching.facets import PEOPLE, FacetColumns, filter_and_count
from indexer.searching.snapshot import Archive

from helpers import generated_records, make_corpus, parse_records, run_baokan

PREDICATES = [{}, {"region": lambda v: v == "温县"}, {"kind": lambda v: v == "caption"},
              {"date": lambda v: v is not None and "2000" <= v <= "2010-12-31"},
              {"reporter": lambda v: v in ("吕沛", "官卫红")}, {"section": lambda v: v is not None}]


def _write(index_dir: Path, records: list[Any], cuts: list[int], deleted: list[list[int]], placeholders: list[int],
           compacted: bool) -> None:
    """Commit ``records`` in the slices ``cuts`` gives through the ingest's writer, deleting ``deleted[i]``
    (indexes of records already in) before commit ``i``, a page placeholder after records ``placeholders``."""
    for i, (a, b) in enumerate(zip(cuts, cuts[1:])):
        ix = create_or_open_index(index_dir, current_settings("0" * 64))
        writer = open_writer(ix, 5)
        for k in deleted[i]:
            writer.delete_by_term("id", records[k].id)
        for n in range(a, b):
            writer.add_document(**record_documents(records[n], n % 9, f"/gen/{records[n].source}", "h"))
            if n in placeholders:
                writer.add_document(**placeholder_document(f"/gen/empty{n}.txt", "h"))
        writer.commit()
    if compacted:
        compact(open_writer(create_or_open_index(index_dir, current_settings("0" * 64)), 5))


def _expanded(cols: FacetColumns) -> list[tuple[Any, ...]]:
    """Every document's values as the columns give them (codes looked up in the vocabularies)."""
    people: dict[str, list[list[str]]] = {}
    for facet in PEOPLE:
        column = cols.people[facet]
        names: list[list[str]] = [[] for _ in range(cols.n)]
        for d, c in zip(column.doc.tolist(), column.codes.tolist()):
            names[d].append(column.names[c])
        people[facet] = names
    return [(cols.kinds[cols.kind[d]], cols.regions[cols.region[d]], cols.dates[cols.date[d]],
             cols.sections[cols.section[d]], cols.files[cols.file[d]], int(cols.ordinal[d]),
             *(tuple(people[f][d]) for f in PEOPLE)) for d in range(cols.n)]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), n=st.integers(1, 90), segments=st.integers(1, 4), compacted=st.booleans(),
       delete_share=st.sampled_from([0.0, 0.1, 0.4]))
def test_mapped_columns_equal_the_decoded_rows(tmp_path_factory: Any, seed: int, n: int, segments: int,
                                               compacted: bool, delete_share: float) -> None:
    rng = random.Random(seed)
    records = generated_records(n, seed)
    for k, r in enumerate(records):  # correspondents and unusual values too
        if rng.random() < 0.3:
            records[k] = replace(r, correspondents=tuple(rng.sample(["甲乙", "丙丁", "吕沛"], 2)),
                                 pub_date=rng.choice([r.pub_date, None]), region=rng.choice([r.region, ""]))
    cuts = sorted({0, n, *rng.sample(range(1, n), min(n - 1, segments - 1))}) if n > 1 else [0, n]
    deleted = [[k for k in range(cuts[i]) if rng.random() < delete_share] for i in range(len(cuts) - 1)]
    placeholders = [k for k in range(n) if rng.random() < 0.05]
    index_dir = tmp_path_factory.mktemp("arrays")
    _write(index_dir, records, cuts, deleted, placeholders, compacted)

    segs = index_segments(open_index(index_dir))
    assert segs and all((index_dir / facet_file_name(s.segment_id())).exists() for s in segs)
    with Archive(index_dir) as archive:
        snap = archive.snapshot()
        mapped = snap.columns
        decoded = FacetColumns(snap.rows)  # every stored row decoded, as before the arrays existed
        if len(segs) == 1:
            assert not mapped.kind.flags.writeable  # the segment's file, mapped, not a copy
        assert mapped.n == decoded.n == len(snap.rows)
        assert _expanded(mapped) == _expanded(decoded)
        assert [(r.kind, r.region, r.pub_date, r.section, r.file, r.ordinal, r.reporters, r.photographers,
                 r.correspondents) for r in snap.rows] == _expanded(mapped)
        live = snap.live_docs()
        assert len(live) == n - len({k for ks in deleted for k in ks})
        for preds in PREDICATES:
            for dates in ((None, None), ("2005-03-01", "2005-03-31")):
                got, counts = filter_and_count(mapped, live, preds, dates)
                want, want_counts = filter_and_count(decoded, live, preds, dates)
                assert got.tolist() == want.tolist() and counts == want_counts
        for newest in (True, False):
            assert mapped.date_rank(newest).tolist() == decoded.date_rank(newest).tolist()


# --- an index written before the arrays --------------------------------------------------------------


def _strip_arrays(index_dir: Path) -> None:
    """Make ``index_dir`` what an older baokan wrote: the same segments without ``.fcol`` files, and manifests
    that do not list them."""
    for path in index_dir.glob(f"*{EXTENSION}"):
        path.unlink()
    for gen in manifest_generations(str(index_dir), INDEX_NAME):
        m = read_manifest(str(index_dir), INDEX_NAME, gen)
        assert m is not None
        segments = {sid: s.__class__(s.docs, {k: v for k, v in s.files.items() if not k.endswith(EXTENSION)})
                    for sid, s in m.segments.items()}
        write_durably(str(index_dir), manifest_name(INDEX_NAME, gen),
                      CommitManifest(m.generation, m.based_on, m.written, segments).to_json().encode("utf-8"))


ANSWERS = """
import json, sys
from indexer import Archive, SearchQuery, search, archive_stats, get_record
out = []
with Archive(sys.argv[1]) as archive:
    for q in ("", "焦作", "会议 OR 项目", "记者:吕", "-示范区"):
        for sort in ("relevance", "newest", "oldest"):
            for filters in ({}, {"region": ("温县", "孟州市")}, {"date_from": "2021-11-03", "date_to": "2021-11-30"}):
                page = search(archive, SearchQuery(q=q, sort=sort, page_size=50, **filters))
                out.append([page.total, [h.id for h in page.hits], page.facets])
    stats = archive_stats(archive).to_dict()
    stats.pop("index_bytes")
    out.append(stats)
    first = search(archive, SearchQuery(q="", sort="oldest")).hits[0].id
    out.append([h.id for h in get_record(archive, first).same_page])
print(json.dumps(out, ensure_ascii=False, sort_keys=True))
"""


def _answers(index_dir: Path) -> Any:
    """What searches, stats and a record page answer, from a fresh process (no segment cached from another copy)."""
    out = subprocess.run([sys.executable, "-c", ANSWERS, str(index_dir)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def _built(tmp_path: Path) -> Path:
    """A real ingest of several commits, one file changed and ingested again (its old records deleted)."""
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 8, short=True)
    index_dir = tmp_path / "ix"
    ingest([str(corpus)], str(index_dir), workers=1, commit_every=12)
    changed = sorted(corpus.glob("*.txt"))[2]
    changed.write_text(changed.read_text("utf-8") + "\n\n补记：会议在温县召开。\n", "utf-8")
    ingest([str(corpus)], str(index_dir), workers=1)
    return index_dir


def test_an_index_without_arrays_answers_the_same_checks_clean_and_compact_upgrades_it(tmp_path: Path) -> None:
    index_dir = _built(tmp_path)
    assert list(index_dir.glob(f"*{EXTENSION}"))
    old = tmp_path / "old"
    shutil.copytree(index_dir, old)
    _strip_arrays(old)
    assert not list(old.glob(f"*{EXTENSION}"))
    expected = _answers(index_dir)
    assert _answers(old) == expected  # rows decoded, as before the arrays

    proc = run_baokan("check", "--index-dir", str(old))
    assert proc.returncode == 0 and "检查通过" in proc.stdout, proc.stdout + proc.stderr

    for _ in range(2):  # a second compact of the upgraded index has nothing to do
        proc = run_baokan("compact", "--index-dir", str(old))
        assert proc.returncode == 0, proc.stderr
    segs = index_segments(open_index(old))
    assert len(segs) == 1 and (old / facet_file_name(segs[0].segment_id())).exists()
    assert check_index(str(old)).ok
    assert _answers(old) == expected


# --- the files are segment files ----------------------------------------------------------------------


def _newest_manifest(index_dir: Path) -> CommitManifest:
    gen = max(manifest_generations(str(index_dir), INDEX_NAME))
    m = read_manifest(str(index_dir), INDEX_NAME, gen)
    assert m is not None
    return m


def test_a_damaged_array_file_is_caught_at_open_and_by_check(tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 6, short=True)
    ingest([str(corpus)], str(index_dir), workers=1)
    more = make_corpus(tmp_path / "more", 2, tag="X", short=True)
    ingest([str(p) for p in more], str(index_dir), workers=1)
    before = json.loads(run_baokan("stats", "--json", "--index-dir", str(index_dir)).stdout)["records"]
    newest = _newest_manifest(index_dir)
    previous = read_manifest(str(index_dir), INDEX_NAME, newest.based_on)
    assert previous is not None
    fresh = sorted(set(newest.segments) - set(previous.segments))
    assert fresh and all(facet_file_name(sid) in newest.segments[sid].files for sid in newest.segments)
    victim = index_dir / facet_file_name(fresh[0])
    data = bytearray(victim.read_bytes())
    assert len(data) < 1 << 16  # all of it is the end the open check reads
    data[len(data) // 2] ^= 0x5A
    victim.write_bytes(bytes(data))

    # the open check: the newest commit is not served; the one before it is, with a warning
    proc = run_baokan("stats", "--json", "--index-dir", str(index_dir))
    assert proc.returncode == 0, proc.stderr
    assert 0 < json.loads(proc.stdout)["records"] < before
    assert f"第 {newest.generation} 代）已损坏" in proc.stderr and victim.name in proc.stderr

    proc = run_baokan("check", "--json", "--index-dir", str(index_dir))
    assert proc.returncode == 2
    report = json.loads(proc.stdout)
    assert report["commits"][0]["damaged_segments"] == [fresh[0]]
    proc = run_baokan("check", "--repair", "--index-dir", str(index_dir))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert check_index(str(index_dir)).ok


def test_check_compares_the_arrays_with_the_rows(tmp_path: Path) -> None:
    """An array file that reads well, with a manifest that matches it, but codes other rows: ``check`` says so."""
    index_dir = tmp_path / "ix"
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 4, short=True)
    ingest([str(corpus)], str(index_dir), workers=1)
    m = _newest_manifest(index_dir)
    sid = next(iter(m.segments))
    path = index_dir / facet_file_name(sid)
    good = read_facet_file(str(path), m.segments[sid].docs)
    assert good is not None
    rows = [(good.vocab("kind")[good.codes["kind"][d]], "温县", None, (), None, "", d, "", (), ())
            for d in range(good.n)]
    wrong = code_rows(rows).to_bytes()
    del good
    os.remove(path)
    path.write_bytes(wrong)
    from indexer.index.durability import SegmentSums, file_sum
    segments = dict(m.segments)
    segments[sid] = SegmentSums(m.segments[sid].docs, {**m.segments[sid].files, path.name: file_sum(str(path))})
    write_durably(str(index_dir), manifest_name(INDEX_NAME, m.generation),
                  CommitManifest(m.generation, m.based_on, m.written, segments).to_json().encode("utf-8"))
    proc = run_baokan("check", "--index-dir", str(index_dir))
    assert proc.returncode == 2 and f"段 {sid}" in proc.stdout and "分面数组文件与分面列不符" in proc.stdout, proc.stdout


def test_backup_and_restore_carry_the_array_files(tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    corpus = tmp_path / "corpus"
    paths = make_corpus(corpus, 6, short=True)
    ingest([str(corpus)], str(index_dir), workers=1, commit_every=10)
    arrays = {p.name: p.read_bytes() for p in index_dir.glob(f"*{EXTENSION}")
              if p.name.split(".")[0] in _newest_manifest(index_dir).segments}
    assert arrays
    expected = _answers(index_dir)
    for how in ((), ("--copy",)):
        dest = tmp_path / f"backup{len(how)}"
        proc = run_baokan("backup", str(dest), "--index-dir", str(index_dir), *how)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert {p.name: p.read_bytes() for p in dest.glob(f"*{EXTENSION}")} == arrays
        assert _answers(dest) == expected

    more = make_corpus(tmp_path / "more", 2, tag="X", short=True)
    ingest([str(p) for p in more], str(index_dir), workers=1)
    assert _answers(index_dir) != expected
    proc = run_baokan("restore", str(tmp_path / "backup1"), "--index-dir", str(index_dir))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    m = _newest_manifest(index_dir)
    assert {n for s in m.segments.values() for n in s.files if n.endswith(EXTENSION)} == set(arrays)
    assert all((index_dir / n).read_bytes() == b for n, b in arrays.items())
    assert check_index(str(index_dir)).ok and _answers(index_dir) == expected
    assert sum(len(v) for v in parse_records(paths).values()) == expected[-2]["records"]


def test_an_index_whose_segments_were_all_dropped_still_answers(tmp_path: Path) -> None:
    """Every record deleted: the commit has no segment left, so no arrays to map, and a search answers nothing."""
    from indexer.searching.service import SearchQuery, search

    records = generated_records(5, 2)
    _write(tmp_path, records, [0, 5, 5], [[], [0, 1, 2, 3, 4]], [], False)
    assert index_segments(open_index(tmp_path)) == []
    with Archive(tmp_path) as archive:
        page = search(archive, SearchQuery(q="", sort="newest"))
        assert page.total == 0 and page.facets["kind"] == {} and archive.snapshot().columns.n == 0


# --- a crafted or damaged file is refused, never trusted ---------------------------------------------

_ROWS = [("article", "温县", "2021-11-01", ("吕沛",), None, "/a.txt", 0, "", (), ()),
         ("caption", "孟州市", "2021-11-02", (), "要闻", "/b.txt", 1, "", ("官卫红",), ())]


def _file_with(header_edit: Any = None, array_edit: tuple[str, list[int]] | None = None,
               vocab_edit: tuple[str, bytes] | None = None, header_bytes: bytes | None = None) -> bytes:
    """``_ROWS``' file with its header edited (a JSON value, or raw bytes), one array's first entries
    overwritten, or one vocabulary replaced; the header's CRC always matches (a crafted file, not bit rot)."""
    import struct
    import zlib

    from indexer.index.facetfile import MAGIC

    good = code_rows(_ROWS).to_bytes()
    length = struct.unpack_from("<I", good, len(MAGIC))[0]
    start = len(MAGIC) + 8
    header = json.loads(good[start:start + length])
    body = bytearray(good[start + length + (-(start + length) % 8):])
    if array_edit is not None:
        name, values = array_edit
        at = header["arrays"][name][0]
        body[at:at + 4 * len(values)] = np.array(values, "<i4").tobytes()
    if vocab_edit is not None:
        name, blob = vocab_edit
        header["vocabs"][name] = [len(body), len(blob)]
        body += blob
    if header_edit is not None:
        header_edit(header)
    raw = header_bytes if header_bytes is not None else json.dumps(header).encode("utf-8")
    head = MAGIC + struct.pack("<II", len(raw), zlib.crc32(raw)) + raw
    return head + b"\0" * (-len(head) % 8) + bytes(body)


CRAFTED = {
    "a header nested past the stack": _file_with(header_bytes=b"[" * 100_000 + b"]" * 100_000),
    "documents infinite (int of it overflows)": _file_with(header_edit=lambda h: h.update(docs=float("inf"))),
    "a kind code past its vocabulary": _file_with(array_edit=("kind", [0, 7])),
    "a negative region code": _file_with(array_edit=("region", [-1])),
    "a page file code past its vocabulary": _file_with(array_edit=("file", [2])),
    "a reporter code past its vocabulary": _file_with(array_edit=("reporter.code", [1])),
    "a reporter entry's docnum outside the segment": _file_with(array_edit=("reporter.doc", [2])),
    "a negative photographer docnum": _file_with(array_edit=("photographer.doc", [-1])),
    "a vocabulary nested past the stack": _file_with(vocab_edit=("section", b"[" * 100_000 + b"]" * 100_000)),
}


@pytest.mark.parametrize("case", sorted(CRAFTED))
def test_a_crafted_file_is_refused_with_its_reason(tmp_path: Path, case: str) -> None:
    """Every header field and vocabulary is checked as it is read, and every code against its vocabulary:
    the file is refused (``FacetFileError``: the snapshot decodes the rows instead, ``check`` names it), never
    a RecursionError/OverflowError out of the reader, nor an IndexError (or a silently wrong count) later."""
    path = tmp_path / "x.fcol"
    path.write_bytes(code_rows(_ROWS).to_bytes())
    coded = read_facet_file(str(path), 2)
    assert coded is not None and [coded.vocab(k) for k in ("kind", "file")] == [["article", "caption"],
                                                                               ["/a.txt", "/b.txt"]]
    path.write_bytes(CRAFTED[case])
    with pytest.raises(FacetFileError):
        coded = read_facet_file(str(path), 2)
        assert coded is not None
        for name in (*SCALARS, *PEOPLE):
            coded.vocab(name)


def _replace_array_file(index_dir: Path, data_of: Any) -> str:
    """Put ``data_of(good bytes, documents)`` in place of the newest commit's one segment's ``.fcol``, with a
    manifest that agrees (so the open check passes it: what a crafted file, not bit rot, looks like)."""
    from indexer.index.durability import SegmentSums, file_sum

    m = _newest_manifest(index_dir)
    (sid,) = m.segments
    path = index_dir / facet_file_name(sid)
    path.write_bytes(data_of(path.read_bytes(), m.segments[sid].docs))
    segments = {sid: SegmentSums(m.segments[sid].docs, {**m.segments[sid].files, path.name: file_sum(str(path))})}
    write_durably(str(index_dir), manifest_name(INDEX_NAME, m.generation),
                  CommitManifest(m.generation, m.based_on, m.written, segments).to_json().encode("utf-8"))
    return sid


def _ingested(tmp_path: Path, files: int) -> Path:
    """An index of ``files`` short page files, one real ingest."""
    index_dir = tmp_path / "ix"
    make_corpus(tmp_path / "corpus", files, short=True)
    ingest([str(tmp_path / "corpus")], str(index_dir), workers=1)
    return index_dir


def _first_code(name: str, value: int) -> Any:
    """A ``data_of`` for ``_replace_array_file``: the file with array ``name``'s first entry set to ``value``."""
    import struct

    def edit(data: bytes, docs: int) -> bytes:
        length = struct.unpack_from("<I", data, 8)[0]
        start = 16 + length
        at = start + (-start % 8) + json.loads(data[16:start])["arrays"][name][0]
        return data[:at] + np.array([value], "<i4").tobytes() + data[at + 4:]
    return edit


def test_a_snapshot_over_a_file_with_codes_out_of_range_decodes_the_rows_and_check_names_it(tmp_path: Path) -> None:
    """A kind code past the kind vocabulary would fail every search's count (IndexError): the file is refused at
    open, the rows are decoded, and searches answer what the good file gave."""
    index_dir = _ingested(tmp_path, 4)
    expected = _answers(index_dir)
    sid = _replace_array_file(index_dir, _first_code("kind", 1000))
    assert _answers(index_dir) == expected
    proc = run_baokan("check", "--index-dir", str(index_dir))
    assert proc.returncode == 2 and f"段 {sid}" in proc.stdout and "分面数组文件与分面列不符" in proc.stdout, proc.stdout


def test_check_names_a_file_whose_header_is_nested_past_the_stack(tmp_path: Path) -> None:
    """``baokan check`` (and ``restore``, which checks the backup) reports the file, instead of a traceback."""
    index_dir = _ingested(tmp_path, 3)
    sid = _replace_array_file(index_dir, lambda data, docs: CRAFTED["a header nested past the stack"])
    proc = run_baokan("check", "--index-dir", str(index_dir))
    assert proc.returncode == 2 and f"段 {sid}" in proc.stdout and "RecursionError" in proc.stdout, \
        proc.stdout + proc.stderr


def test_a_damaged_page_file_vocabulary_is_refused_at_open_not_at_the_first_browse(tmp_path: Path) -> None:
    """The page files' codes order dates and list a page's records: a code past their vocabulary is caught when
    the snapshot opens (the rows are decoded), so a date order or a record page never fails on it later."""
    index_dir = _ingested(tmp_path, 4)
    expected = _answers(index_dir)
    _replace_array_file(index_dir, _first_code("file", 10**6))
    assert _answers(index_dir) == expected
