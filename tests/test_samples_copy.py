"""The repository's copy of the shared sample files is the same as ../shared/samples."""

import pytest

from tests.conftest import SAMPLES, SAMPLES_COPY


def test_the_copy_of_the_samples_is_current() -> None:
    if not SAMPLES.is_dir():
        pytest.skip("../shared/samples is not beside the checkout: the copy is used")
    shared = {p.name: p.read_bytes() for p in SAMPLES.iterdir() if p.is_file()}
    copy = {p.name: p.read_bytes() for p in SAMPLES_COPY.iterdir() if p.is_file()}
    assert copy == shared, "refresh tests/data/samples from ../shared/samples"
