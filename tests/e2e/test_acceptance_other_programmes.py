"""An acceptance run of the signed outputs for HepB at-risk babies, HPV and MenACWY, through
the real command line: what the email, the notes and the workbook say of a claim must be
no more than what was searched and decided. Invented people, 999 numbers."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.test_spec_v2 import HPV, MENACWY, _numbers, check, search_csv

DECISIONS_HEADER = "nhs_number,programme,date,decision,action_done,note,reviewer\n"


def _part_month_files() -> dict[str, str]:
    """HPV searched from 15/09/2025 (as the file says): 5 found in September, 5 claimed;
    MenACWY searched to 20/10/2025: 5 found in October, 6 claimed, one left undecided."""
    nhs = _numbers(10, start=9100)
    hpv = [(nhs[i], "01/01/2004", f"{16 + i}/09/2025", HPV) for i in range(5)]
    men = [(nhs[5 + i], "01/01/2006", f"{3 + i:02d}/10/2025", MENACWY) for i in range(5)]
    decided = [(n, "hpv", date) for n, _dob, date, _code in hpv]
    decided += [(n, "menacwy", date) for n, _dob, date, _code in men[:4]]
    return {
        "hpv.csv": "Search period: 15/09/2025 to 30/09/2025\n\n" + search_csv(hpv),
        "men.csv": "Search period: 01/10/2025 to 20/10/2025\n\n" + search_csv(men),
        "cqrs.csv": "Programme,Month,Count\nHPV,2025-09,5\nMenACWY,2025-10,6\n",
        "decisions.csv": DECISIONS_HEADER
        + "".join(f"{n},{p},{d},practice,no,,K. Admin\n" for n, p, d in decided),
    }


def test_a_claim_found_correct_in_a_month_searched_only_in_part_says_which_days(
    tmp_path: Path,
) -> None:
    """A claim the records confirm, in a month the search's own file says it searched only
    from the 15th, was "Checked against the patient record and correct" in the email with
    no word of the days not searched, though the note said them (decision 170). A claim
    still being checked in such a month says so too."""
    review, email = check(
        tmp_path, _part_month_files(), "--search", "hpv.csv", "--search", "men.csv",
        "--cqrs", "cqrs.csv", "--decisions", "decisions.csv",
    )  # fmt: skip
    assert review is not None
    items = {(i["programme"], i["month"]): i for i in review["items"]}
    assert items["hpv", "2025-09"]["status"] == "validated"
    assert items["menacwy", "2025-10"]["status"] == "incomplete"
    lines = {x.split(":")[0]: x for x in email.splitlines() if x.startswith("- ")}
    assert lines["- HPV, September 2025"].startswith(
        "- HPV, September 2025: 5 claimed, correct, counting only 15/09/2025 to 30/09/2025: "
        "our search covered no other days of September 2025 (as its file states), so "
        "vaccinations given on other days were not searched; all 5 vaccinations"
    )
    assert lines["- MenACWY, October 2025"] == (
        "- MenACWY, October 2025: 6 claimed; 1 of 5 records still to be checked (our search "
        "covered only 01/10/2025 to 20/10/2025 of October 2025, as its file states)"
    )


def test_the_workbook_and_printed_documents_say_a_month_searched_only_in_part(
    tmp_path: Path,
) -> None:
    """The workbook's "Search covered the month" said "Yes" of a month the search's file
    says it searched from the 15th only, and the report and worksheet said nothing of it
    (decision 171)."""
    import openpyxl
    from pypdf import PdfReader

    review, _email = check(
        tmp_path, _part_month_files(), "--search", "hpv.csv", "--search", "men.csv",
        "--cqrs", "cqrs.csv", "--decisions", "decisions.csv",
    )  # fmt: skip
    assert review is not None
    book = openpyxl.load_workbook(tmp_path / "out" / "review.xlsx", read_only=True)
    rows = list(book["Summary"].iter_rows(values_only=True))
    book.close()
    header = next(r for r in rows if r and r[0] == "Programme")
    column = header.index("Search covered the month")
    covered = {r[0]: r[column] for r in rows[rows.index(header) + 1 :] if r and r[0]}
    assert covered == {
        "HPV": "Only 15/09/2025 to 30/09/2025 (as its file states)",
        "MenACWY": "Only 01/10/2025 to 20/10/2025 (as its file states)",
    }
    for name in ("report.pdf", "worksheet.pdf"):
        pages = PdfReader(str(tmp_path / "out" / name)).pages
        text = " ".join(" ".join(page.extract_text().split()) for page in pages)
        assert (
            "The search covered only 15/09/2025 to 30/09/2025 of this month, as its file "
            "states: vaccinations given on other days were not searched" in text
        ), name
        assert "The search covered only 01/10/2025 to 20/10/2025 of this month" in text, name


def test_a_cqrs_figure_a_later_claim_replaces_is_said(tmp_path: Path) -> None:
    """The CQRS file gave HepB October 5 and `--claim` gave 4: the 4 replaced the 5 without
    a word, and the email asked to amend "from 4 to 3" and the note said "No note needed:
    the claim of 4 is below 5" of an item CQRS holds as 5 (decision 172). A later file's
    different figure is said on the earlier file the same way; the same figure, nothing."""
    nhs = _numbers(5, start=9200)
    rows = [(n, "01/10/2025", f"{1 + i:02d}/10/2025", "170370000") for i, n in enumerate(nhs)]
    files = {
        "hepb.csv": search_csv(rows),
        "cqrs.csv": "Programme,Month,Count\nHepatitis B at-risk babies,2025-10,5\nHPV,2025-10,2\n",
        "cqrs2.csv": "Programme,Month,Count\nHPV,2025-10,3\n",
    }
    review, _email = check(
        tmp_path, files, "--search", "hepb.csv", "--cqrs", "cqrs.csv", "--cqrs", "cqrs2.csv",
        "--claim", "hepb_babies:2025-10=4", "--claim", "hpv:2025-10=3",
    )  # fmt: skip
    assert review is not None
    warnings = {s["file"]: s["warnings"] for s in review["sources"]}
    assert sorted(warnings["cqrs.csv"]) == [
        "its 2 for HPV October 2025 is not used: cqrs2.csv gives 3, and the email and notes "
        "speak of a claim of 3; check which CQRS holds",
        "its 5 for Hepatitis B at-risk babies October 2025 is not used: --claim gives 4, and "
        "the email and notes speak of a claim of 4; check which CQRS holds",
    ]
    assert warnings["cqrs2.csv"] == []  # --claim gives the same 3


def test_a_dose_given_elsewhere_the_search_shows_not_gms_is_never_called_not_marked(
    tmp_path: Path,
) -> None:
    """A MenACWY dose whose own row in the search says Non-GMS "Yes", decided given by
    another provider in a decisions file with no action_done column: the email said "not
    yet marked in our clinical system" and the note "it has not been marked", though the
    clinical system's own export shows it marked (decision 173). A second dose given
    elsewhere, not so shown, is still "not yet marked" where it is the only one."""
    nhs = _numbers(6, start=9300)
    header = "NHS Number,Surname,Forename,Date of Birth,Sex,Date,Code,Organisation,Non-GMS"
    lines = [header]
    for i, n in enumerate(nhs):
        flag = "Yes" if i == 0 else ""
        lines.append(
            f"{n},Testperson,Bo{i},01/01/2006,M,{3 + i:02d}/10/2025,{MENACWY},F99001,{flag}"
        )
    decisions = "nhs_number,programme,date,decision\n" + "".join(
        f"{n},menacwy,{3 + i:02d}/10/2025,{'other_provider' if i in (0, 1) else 'practice'}\n"
        for i, n in enumerate(nhs)
    )
    files = {"men.csv": "\n".join(lines) + "\n", "decisions.csv": decisions}
    review, email = check(
        tmp_path, files, "--search", "men.csv", "--decisions", "decisions.csv",
        "--claim", "menacwy:2025-10=6",
    )  # fmt: skip
    assert review is not None
    (line,) = [x for x in email.splitlines() if x.startswith("- MenACWY")]
    assert line.endswith(
        "4 given by this practice; 2 given by other providers (not recorded as marked by us, "
        "though our search shows 1 of them as not GMS)"
    )
    notes = (tmp_path / "out" / "declaration_notes.txt").read_text(encoding="utf-8")
    assert (
        "2 were given by other providers; they are not recorded as marked, though the "
        "practice search shows 1 of them as not GMS." in notes
    )
    # only the one shown not GMS given elsewhere
    files["decisions.csv"] = decisions.replace(f"{nhs[1]},menacwy,04/10/2025,other_provider",
                                               f"{nhs[1]},menacwy,04/10/2025,practice")  # fmt: skip
    _review, email = check(
        tmp_path, files, "--search", "men.csv", "--decisions", "decisions.csv",
        "--claim", "menacwy:2025-10=6",
    )  # fmt: skip
    assert "1 given by another provider (not recorded as marked by us, but our search " \
        "shows it as not GMS)" in email  # fmt: skip
    assert "not yet marked" not in email
    notes = (tmp_path / "out" / "declaration_notes.txt").read_text(encoding="utf-8")
    assert (
        "1 was given by another provider; it is not recorded as marked, but the practice "
        "search shows it as not GMS." in notes
    )


def test_an_adult_hepatitis_b_row_is_never_added_to_the_babies_claim(tmp_path: Path) -> None:
    """A CQRS row "Hepatitis B (adult at risk)" whose indicator cell read like a babies'
    one ("HEPBA01") was added to the at-risk babies' claim (3 + 2 + 9 = 14), though SPEC 3
    leaves adult HepB rows out: the row's labels disagree, so it is left out and said
    (decision 174)."""
    nhs = _numbers(1, start=9400)
    files = {
        "hepb.csv": search_csv([(nhs[0], "01/10/2025", "02/10/2025", "170370000")]),
        "cqrs.csv": "Service,Indicator,Achievement Date,Value\n"
        "Hepatitis B at risk (newborn),HEPB001,31/10/2025,3\n"
        "Hepatitis B at risk (newborn),HEPB002,31/10/2025,2\n"
        "Hepatitis B (adult at risk),HEPBA01,31/10/2025,9\n",
    }
    review, email = check(tmp_path, files, "--search", "hepb.csv", "--cqrs", "cqrs.csv")
    assert review is not None
    (item,) = review["items"]
    assert item["claimed"] == 5
    assert "5 claimed" in email
    warnings = next(s["warnings"] for s in review["sources"] if s["file"] == "cqrs.csv")
    assert (
        "row 4 left out: “Hepatitis B (adult at risk)” is Hepatitis B adults at risk, not a "
        "programme this review checks, though “HEPBA01” looks like Hepatitis B at-risk "
        "babies: check it against CQRS"
    ) in warnings
