"""Which clinical system a search export came from (for the advice on changing a record)."""

from __future__ import annotations

import pytest

from cqrs_desktop.domain.clinical_systems import source_system
from cqrs_desktop.domain.model import SourceSummary


def _source(name: str, *headers: str, kind: str = "search") -> SourceSummary:
    return SourceSummary(name, "0", 1, 1, 0, 0, kind=kind, mapping=tuple((h, "x") for h in headers))


@pytest.mark.parametrize(
    ("name", "headers", "system"),
    [
        ("emis_maternal_search.csv", ("Organisation", "Non-GMS"), "emis"),
        ("EMISWeb export.csv", (), "emis"),
        ("systmone_school_search.csv", ("Event done at", "GMS"), "systmone"),
        ("school search.csv", ("Event done at",), "systmone"),
        ("SystmOne RSV.xlsx", (), "systmone"),
        ("immunisations.csv", ("In Practice",), "vision"),
        ("Vision search.csv", (), "vision"),
        ("search.csv", ("Organisation", "GMS"), None),  # nothing says which
        ("emis search.csv", ("Event done at",), None),  # two systems: the practice decides
        ("revision 2.csv", (), None),
    ],
)
def test_a_file_points_to_its_system(
    name: str, headers: tuple[str, ...], system: str | None
) -> None:
    assert source_system(_source(name, *headers)) == system


def test_cqrs_figures_come_from_no_clinical_system() -> None:
    assert source_system(_source("emis cqrs.csv", kind="cqrs")) is None
