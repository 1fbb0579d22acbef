"""The package layout holds: each stage imports only the stages before it, and no one reads another's privates.

Stages, in the order a record flows: ``newspaper`` (page text -> records), ``text`` (shared
by both sides, no Whoosh), ``index`` (write side), ``searching`` (read side), ``cluster`` (the same read
side over a Sphinx/Manticore cluster, and its ingest; never Whoosh), ``webapp``.
``indexer.cli`` is the one composition root; ``indexer/__init__`` is the public facade.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from helpers import REPO

# stage -> the packages its modules may import (besides the standard library and third parties)
ALLOWED: dict[str, tuple[str, ...]] = {
    "indexer.records": (),
    "indexer.errors": (),
    # ``text`` is a leaf (it imports nothing of baokan's but errors): the parser reads a Traditional page's credits
    # with its character folding
    "indexer.newspaper": ("indexer.newspaper", "indexer.text", "indexer.records", "indexer.errors"),
    "indexer.text": ("indexer.text", "indexer.errors"),
    "indexer.index": ("indexer.index", "indexer.text", "indexer.newspaper", "indexer.records", "indexer.errors"),
    "indexer.searching": ("indexer.searching", "indexer.index", "indexer.text", "indexer.records", "indexer.errors"),
    # a second read side over a Sphinx/Manticore cluster: after ``searching``, whose query language,
    # facets and result objects it reuses (and writes its own shards, with the newspaper parser)
    "indexer.cluster": ("indexer.cluster", "indexer.searching", "indexer.index", "indexer.text", "indexer.newspaper",
                        "indexer.records", "indexer.errors"),
    # the web layer sees the public facade (``from indexer import search``), records and errors only
    "webapp": ("webapp", "indexer", "indexer.records", "indexer.errors"),
}
# third-party packages a stage must not touch
FORBIDDEN_THIRD_PARTY: dict[str, tuple[str, ...]] = {
    "indexer.newspaper": ("whoosh", "flask", "numpy", "jieba", "rjieba"),
    "indexer.text": ("whoosh", "flask", "numpy"),
    "indexer.index": ("flask",),
    "indexer.searching": ("flask",),
    "indexer.cluster": ("flask", "whoosh"),
    "webapp": ("whoosh", "numpy", "jieba", "rjieba"),
}
FREE = ("indexer.cli", "indexer")  # the composition root and the facade


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path, root: Path) -> list[tuple[str, str, int]]:
    """(module imported from, name imported or "", line) for every import in the file, nested ones included."""
    me = module_name(path, root)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    found: list[tuple[str, str, int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((alias.name, "", node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            found.extend((base, alias.name, node.lineno) for alias in node.names)
    return found


def stage_of(name: str) -> str | None:
    for stage in sorted(ALLOWED, key=len, reverse=True):
        if name == stage or name.startswith(stage + "."):
            return stage
    return None


def is_module(name: str, root: Path) -> bool:
    path = root / Path(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def violations(root: Path = REPO) -> list[str]:
    """Every import that breaks the stage rule, as "file:line: what"."""
    problems: list[str] = []
    for path in sorted([*root.joinpath("indexer").rglob("*.py"), *root.joinpath("webapp").rglob("*.py")]):
        me = module_name(path, root)
        if me in FREE:
            continue
        stage = stage_of(me)
        assert stage is not None, me
        my_package = me if path.name == "__init__.py" else me.rpartition(".")[0]
        for base, name, line in imports(path, root):
            where = f"{path.relative_to(root)}:{line}"
            top = base.split(".")[0]
            if top in FORBIDDEN_THIRD_PARTY.get(stage, ()):
                problems.append(f"{where}: {stage} imports {top}")
            if top not in ("indexer", "webapp"):
                continue
            # "from indexer.searching import vecmatch" imports the module indexer.searching.vecmatch
            target = f"{base}.{name}" if name and is_module(f"{base}.{name}", root) else base
            if target == "indexer" and stage != "webapp":
                problems.append(f"{where}: {me} imports the facade; import from the defining module")
            elif stage == "webapp" and target.startswith("indexer.") and target not in ALLOWED["webapp"]:
                problems.append(f"{where}: the web layer imports {target}; use the facade `from indexer import ...`")
            elif not any(target == ok or target.startswith(ok + ".") for ok in ALLOWED[stage]):
                problems.append(f"{where}: {me} imports {target}")
            if target == base and name.startswith("_") and not name.startswith("__") and base != my_package \
                    and base.rpartition(".")[0] != my_package:
                problems.append(f"{where}: {me} imports the private name {base}.{name}")
    return problems


def test_every_stage_imports_only_what_comes_before_it() -> None:
    assert violations() == []


def test_each_stage_package_says_what_it_does() -> None:
    for stage in ("newspaper", "text", "index", "searching", "cluster"):
        doc = ast.get_docstring(ast.parse((REPO / "indexer" / stage / "__init__.py").read_text(encoding="utf-8")))
        assert doc and len(doc.splitlines()) == 1, stage


@pytest.mark.parametrize("stage, line, message", [
    ("indexer/newspaper/parse.py", "from indexer.searching.service import search", "indexer.newspaper.parse imports indexer.searching.service"),
    ("indexer/text/grams.py", "import whoosh", "indexer.text imports whoosh"),
    ("webapp/views.py", "from indexer.searching.snapshot import Archive", "the web layer imports indexer.searching.snapshot"),
    ("indexer/searching/service.py", "from indexer.index.ingest import _known_hashes", "imports the private name indexer.index.ingest._known_hashes"),
    ("indexer/index/ingest.py", "from indexer.searching import service", "indexer.index.ingest imports indexer.searching.service"),
    ("indexer/searching/service.py", "from indexer.cluster import search", "indexer.searching.service imports indexer.cluster"),
    ("indexer/cluster/config.py", "import whoosh", "indexer.cluster imports whoosh"),
])
def test_a_forbidden_import_is_caught(tmp_path: Path, stage: str, line: str, message: str) -> None:
    """The rule is live: a copy of the tree with one forbidden import added fails it."""
    import shutil

    for package in ("indexer", "webapp"):
        shutil.copytree(REPO / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__", "data", "static",
                                                                                        "templates", "demo_pages"))
    target = tmp_path / stage
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    found = violations(tmp_path)
    assert any(message in problem for problem in found), found


# --------------------------------------------------------------------------- the test suite itself
# Test modules do not import each other: shared helpers live in tests/helpers.py, shared fixtures in
# conftest.py files (pytest puts each test folder on sys.path, so ``from test_x import …`` would work).


def cross_imports(tests_root: Path) -> list[str]:
    """Every import of a test module (``import test_x`` / ``from test_x import …``) under ``tests_root``."""
    test_modules = {path.stem for path in tests_root.rglob("test_*.py")}
    problems: list[str] = []
    for path in sorted(tests_root.rglob("*.py")):
        for base, name, line in imports(path, tests_root):
            # "from web import test_x" and "import tests.web.test_x" import a test module too
            target = f"{base}.{name}" if name else base
            hit = next((part for part in (base.split(".")[-1], target.split(".")[-1]) if part in test_modules), None)
            if hit:
                problems.append(f"{path.relative_to(tests_root)}:{line}: imports the test module {hit}; "
                                "move what it shares to tests/helpers.py or a conftest.py")
    return problems


def test_no_test_module_imports_another() -> None:
    assert cross_imports(REPO / "tests") == []


@pytest.mark.parametrize("module, line", [
    ("web/test_web_browse.py", "from test_web_api import DATE"),
    ("web/test_browser_browse.py", "import test_browser"),
    ("web/conftest.py", "def later():\n    from test_browser_facets import region_counts"),
    ("index/test_ingest.py", "from web.test_web_api import DATE"),
], ids=["from-test-module", "import-test-module", "nested-in-a-conftest", "dotted-from-another-folder"])
def test_a_test_module_import_is_caught(tmp_path: Path, module: str, line: str) -> None:
    """The rule is live: a copy of the test suite with one module importing another fails it."""
    import shutil

    copy = tmp_path / "tests"
    shutil.copytree(REPO / "tests", copy, ignore=shutil.ignore_patterns("__pycache__", "data", "corpus"))
    assert cross_imports(copy) == []
    target = copy / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    found = cross_imports(copy)
    assert len(found) == 1 and found[0].startswith(f"{module}:"), found
