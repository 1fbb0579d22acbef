"""Coverage-guided fuzzing of the page parser with atheris (local only, not run by pytest).

    pip install atheris
    python tests/fuzz/fuzz_parse_atheris.py tests/fuzz/corpus -max_total_time=300 -artifact_prefix=/tmp/crash-

Calls the strict ``_parse`` (``parse_page`` swallows parser bugs by design, which would hide
them) and the decoder. Copy any crash file it writes into ``tests/fuzz/corpus/``: the replay
test ``tests/test_reliability_fuzz.py`` then runs it on every test run.
"""
import sys

import atheris

with atheris.instrument_imports():
    from indexer.boilerplate import default_boilerplate
    from indexer.errors import UnreadableFile
    from indexer.gazetteer import load_gazetteer
    from indexer.parse import _parse
    from indexer.textio import decode_page_bytes

GAZ = load_gazetteer()
BOILERPLATE = default_boilerplate()


def one_input(data: bytes) -> None:
    try:
        text = decode_page_bytes(data, "fuzz.txt")
    except UnreadableFile:
        text = data.decode("utf-8", "replace")
    _parse(text, "2021-11-13_01.txt", None, GAZ, BOILERPLATE)


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
