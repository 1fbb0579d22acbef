"""The character map shipped in indexer/text/data is the one ``build_table`` computes."""
from __future__ import annotations

import json
import unicodedata

from indexer.text import normalize


def test_the_shipped_table_is_the_computed_one() -> None:
    data = json.loads(normalize.TABLE_FILE.read_text("utf-8"))
    assert data["unidata_version"] == unicodedata.unidata_version  # else it is not used: regenerate it
    shipped = {ord(a): b for a, b in zip(data["from"], data["to"], strict=True)}
    assert shipped == normalize.build_table() == normalize._table()
    assert normalize.normalize_text("焦作日報 ＳＯＥＣ ９２４４．２万元") == "焦作日报 soec 9244.2万元"


def test_a_stale_or_missing_table_file_is_rebuilt(tmp_path, monkeypatch) -> None:
    stale = tmp_path / "fold_table.json"
    stale.write_text(json.dumps({"unidata_version": "1.0.0", "from": "報", "to": "X"}), "utf-8")
    for path in (stale, tmp_path / "missing.json"):
        monkeypatch.setattr(normalize, "TABLE_FILE", path)
        normalize._table.cache_clear()
        try:
            assert normalize._table()[ord("報")] == "报"
        finally:
            normalize._table.cache_clear()


def test_normalize_text_is_the_table_applied_to_every_character() -> None:
    """The run-wise regex path gives exactly ``str.translate`` with the whole table."""
    import random

    table = normalize._table()
    keys = [chr(k) for k in table]
    rng = random.Random(14)
    for _ in range(2000):
        text = "".join(rng.choice(keys) if rng.random() < 0.4 else chr(rng.randint(0x20, 0xD7FF))
                       for _ in range(rng.randint(0, 60)))
        assert normalize.normalize_text(text) == text.translate(table)
    assert normalize.normalize_text("（记者ＳＯＥＣ）焦作日報，Ⅻ") == "(记者soec)焦作日报,ⅻ"
