"""Every upload is decoded at bounded memory: measured in a fresh process, as the pages do it.

The issue's three files (each under the 5 MB upload limit and the 25-megapixel limit) once
grew the server by most of a gigabyte or more each (docs/reliability.md, "Uploaded images");
here each accepted file must cost at most 100 MB of peak RSS above the child's baseline, two
at once at most 200 MB, and each refused file a one-sentence reason. The decode times are
measured by `python -m devtools.bench.decode` (figures in the same section), not asserted
here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from devtools.bench.decode import FILES, build_files, measure

ACCEPTED = [name for name, (_, accepted) in FILES.items() if accepted]
REFUSED = [name for name, (_, accepted) in FILES.items() if not accepted]
ISSUE_FILES = ACCEPTED[:3]  # The one-bit PNG, the quality-10 JPEG and the phone photo.
ONE_UPLOAD_MB = 100
TWO_UPLOADS_MB = 200


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_files(tmp_path_factory.mktemp("uploads"))


@pytest.mark.timeout(120)
@pytest.mark.parametrize("route", ["draw", "kernel"])
@pytest.mark.parametrize("name", ACCEPTED)
def test_an_accepted_upload_costs_at_most_100_mb(files, name: str, route: str) -> None:
    """Decoded on the Draw page (then preprocessed) or the Kernel page: +100 MB at most."""
    got = measure([files[name]], route)
    assert got["errors"] == [""], got
    assert got["growth_mb"] <= ONE_UPLOAD_MB, got


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", ISSUE_FILES)
def test_the_issue_files_through_predict_mnist_cost_little(files, name: str) -> None:
    """`predict mnist` reads a file the same way (it once grew far more for the
    one-bit PNG: docs/reliability.md, "Uploaded images")."""
    got = measure([files[name]], "cli")
    assert got["errors"] == [""], got
    assert got["growth_mb"] <= ONE_UPLOAD_MB, got


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", REFUSED)
def test_a_bomb_is_refused_in_one_sentence_at_no_cost(files, name: str) -> None:
    got = measure([files[name]], "draw")
    message = got["errors"][0]
    assert message and "\n" not in message and message.endswith("."), got
    assert message.count(". ") == 0, message  # One sentence.
    assert got["growth_mb"] <= ONE_UPLOAD_MB, got


@pytest.mark.timeout(120)
@pytest.mark.parametrize("route", ["draw", "kernel"])
def test_two_uploads_at_once_cost_at_most_200_mb(files, route: str) -> None:
    """Two students upload the two dearest accepted files at the same moment (two threads)."""
    pair = [files["colour PNG 4096x4096 (largest)"], files["16-bit grey PNG 4999x5000"]]
    got = measure(pair, route)
    assert got["errors"] == ["", ""], got
    assert got["growth_mb"] <= TWO_UPLOADS_MB, got
