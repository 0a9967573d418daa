"""The bundled data folder, `bundled.py` and data/PROVENANCE.md describe the same files."""

import gzip
from pathlib import Path

import pytest

from wijkkompas.imports.bundled import BUNDLED_FILES, REFERENCE_FILES
from wijkkompas.imports.registry import importer_names

DATA = Path(__file__).resolve().parents[2] / "data"
PROVENANCE = (DATA / "PROVENANCE.md").read_text(encoding="utf-8")
STORED = sorted(path.name.removesuffix(".gz") for path in DATA.iterdir() if path.name != "PROVENANCE.md")
LISTED = [name for _, name in BUNDLED_FILES] + REFERENCE_FILES


@pytest.mark.parametrize("name", STORED)
def test_every_stored_file_is_described_and_listed(name):
    assert f"`{name}`" in PROVENANCE, f"data/PROVENANCE.md does not describe {name}"
    assert name in LISTED, f"{name} is in data/ but neither in BUNDLED_FILES nor in REFERENCE_FILES"


@pytest.mark.parametrize("name", LISTED)
def test_every_listed_file_is_stored_compressed_once(name):
    assert (DATA / f"{name}.gz").is_file(), f"data/{name}.gz is missing"
    assert not (DATA / name).exists(), f"data/{name} is stored uncompressed beside its .gz"
    assert LISTED.count(name) == 1


@pytest.mark.parametrize("name", LISTED)
def test_every_file_is_compressed_without_name_or_time(name):
    """`gzip -9 -n`: no file name and no time stamp in the header, so equal content gives equal bytes."""
    header = (DATA / f"{name}.gz").read_bytes()[:10]
    assert header[:2] == b"\x1f\x8b"
    flags, mtime = header[3], int.from_bytes(header[4:8], "little")
    assert (flags & 0x08, mtime) == (0, 0)
    with gzip.open(DATA / f"{name}.gz") as handle:
        assert handle.read(1)


def test_every_bundled_file_has_a_registered_importer():
    assert {source for source, _ in BUNDLED_FILES} <= set(importer_names())
