"""Coverage-guided fuzzing of the page parser with atheris (local only, not run by pytest).

    pip install atheris
    python tests/fuzz/fuzz_parse_atheris.py tests/fuzz/corpus -max_total_time=300 -artifact_prefix=/tmp/crash-

Calls ``parse_page(strict=True)`` (``parse_page`` swallows parser bugs by design, which would hide
them) and the decoder. Copy any crash file it writes into ``tests/fuzz/corpus/``: the replay
test ``tests/test_reliability_fuzz.py`` then runs it on every test run.
"""
import sys

import atheris

with atheris.instrument_imports():
    from indexer.errors import UnreadableFile
    from indexer.newspaper.gazetteer import load_gazetteer
    from indexer.newspaper.parse import parse_page
    from indexer.newspaper.textio import decode_page_bytes

GAZ = load_gazetteer()


def one_input(data: bytes) -> None:
    try:
        text = decode_page_bytes(data, "fuzz.txt")
    except UnreadableFile:
        text = data.decode("utf-8", "replace")
    parse_page(text, "2021-11-13_01.txt", gazetteer=GAZ, strict=True)


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
