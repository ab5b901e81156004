"""Listing earlier reviews (the Files page's "Bring decisions from earlier reviews"): a
review says its practice and when it was made in milliseconds, read-only, never waiting."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cqrs_desktop.domain.model import Claim
from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.paths import resource
from cqrs_desktop.store import ReviewFile
from cqrs_desktop.store.earlier_review import GONE, about_review
from tests.factories import PRACTICE, row


def _review_file(rules, folder: Path) -> Path:  # type: ignore[no-untyped-def]
    review = Review(ReviewInputs(PRACTICE, (), (row(),), (), ()), rules)
    path = folder / "September.cqrsreview"
    text = resource("rules.toml").read_text(encoding="utf-8")
    ReviewFile.create(path, review, text).close()
    return path


def test_a_review_says_its_practice_and_when_it_was_made(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _review_file(rules, tmp_path)
    before = path.read_bytes()
    about = about_review(path)
    assert (about.ods_code, about.practice_name, about.problem) == (
        PRACTICE.ods_code, PRACTICE.name, None
    )  # fmt: skip
    assert about.created_at and about.created_at[:4].isdigit()
    assert about.months == ("2024-11", "2024-11")  # of its vaccinations and claims
    assert path.read_bytes() == before  # only read
    assert not path.with_name(path.name + "-journal").exists()


def test_a_review_open_in_the_app_says_so_at_once(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _review_file(rules, tmp_path)
    with ReviewFile.open(path):
        about = about_review(path)
    assert about.problem == "open in CQRS Desktop" and about.ods_code is None


def test_other_files_are_not_reviews(tmp_path: Path) -> None:
    text = tmp_path / "notes.cqrsreview"
    text.write_text("not a database", encoding="utf-8")
    plain = tmp_path / "plain.cqrsreview"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.close()
    assert about_review(text).problem == "not a CQRS Desktop review, or damaged"
    assert about_review(plain).problem == "not a CQRS Desktop review"
    # a review deleted since it was listed: said so (it was "it cannot be opened")
    assert about_review(tmp_path / "gone.cqrsreview").problem == GONE


def test_a_review_says_the_months_of_its_vaccinations_and_claims(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """For choosing which earlier reviews to bring: from the earliest month of a claim or a
    vaccination to the latest."""
    claims = (
        Claim("rsv_pregnant", "2024-12", 3, "cqrs.csv"),
        Claim("pertussis_pregnant", "2024-09", 2, "cqrs.csv"),
    )
    review = Review(ReviewInputs(PRACTICE, (), (row(),), (), claims), rules)
    path = tmp_path / "Autumn.cqrsreview"
    ReviewFile.create(path, review, resource("rules.toml").read_text(encoding="utf-8")).close()
    assert about_review(path).months == ("2024-09", "2024-12")
    empty = tmp_path / "Empty.cqrsreview"
    nothing = Review(ReviewInputs(PRACTICE, (), (), (), ()), rules)
    ReviewFile.create(empty, nothing, resource("rules.toml").read_text(encoding="utf-8")).close()
    assert about_review(empty).months is None


def test_the_months_of_a_review_include_the_decisions_it_keeps(tmp_path: Path) -> None:
    """October's review, carrying September's, keeps September's decisions for a later
    review: it is listed as holding September too (someone choosing a review to check
    September again must not pass it over)."""
    from cqrs_desktop import session
    from tests.ui import carry_months as months

    a = months.review_a(tmp_path)
    search = tmp_path / "october.csv"
    search.write_text(months.search_text(months.OCTOBER), encoding="utf-8")
    rules, text = session.load_rules()
    imported = session.import_inputs(months.PRACTICE, [session.SearchFile(search)], [], [], rules)
    review = Review(imported.inputs, rules)
    carried = session.carry_decisions(review, [a])
    assert carried.held  # September's decisions, kept
    b = tmp_path / "B.cqrsreview"
    session.new_review(b, review, text, (), carried).close()
    assert about_review(b).months == ("2024-09", "2024-10")


def test_a_cancel_stops_the_read_of_a_large_review(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A review chosen in the window is read on a worker thread with Cancel (decision 342):
    a Cancel stops SQLite's own work (the quick check of a large file) rather than waiting
    for it, and is a Cancel, not "damaged"."""
    import pytest

    from cqrs_desktop.errors import OperationCancelled

    review = Review(ReviewInputs(PRACTICE, (), (row(),) * 3000, (), ()), rules)
    path = tmp_path / "Large.cqrsreview"
    ReviewFile.create(path, review, resource("rules.toml").read_text(encoding="utf-8")).close()
    before = path.read_bytes()
    asked: list[int] = []

    def cancelled() -> bool:  # Cancel pressed once the read has begun
        asked.append(1)
        return True

    with pytest.raises(OperationCancelled):
        about_review(path, cancelled)
    assert len(asked) >= 2  # SQLite asked mid-read (not only once it had finished)
    assert path.read_bytes() == before
    assert about_review(path, lambda: False).ods_code == PRACTICE.ods_code
