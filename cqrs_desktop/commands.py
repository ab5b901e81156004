"""The command-line commands `check`, `export` and `demo-data`: their arguments and work.

`cli.main` hands over here only when a command is given, so opening the window never
loads argparse or the command code.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from cqrs_desktop import __version__
from cqrs_desktop.domain.explain import counted
from cqrs_desktop.errors import ReviewError

if TYPE_CHECKING:  # loaded only when a command runs
    from cqrs_desktop.domain.model import DecisionRecord
    from cqrs_desktop.domain.rules import Rules
    from cqrs_desktop.session import SearchFile


class UsageError(ReviewError):
    """A command line that cannot be understood (exit code 2, as for any bad input)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        command = self.prog.split()[1:]  # "cqrs-desktop check" or "cqrs-desktop"
        raise UsageError(f"{message} (see {' '.join(['cqrs-desktop', *command, '--help'])})")


class _CheckHelp(argparse.RawDescriptionHelpFormatter):
    """Options taking one or more values read as SPEC section 7 writes them: `FILE ...`."""

    def _format_args(self, action: argparse.Action, default_metavar: str) -> str:
        if action.nargs == argparse.ONE_OR_MORE:
            return f"{self._metavar_formatter(action, default_metavar)(1)[0]} ..."
        return super()._format_args(action, default_metavar)


SPAN_FORMAT = "use FILE@YYYY-MM..YYYY-MM, e.g. search.csv@2024-09..2024-11"
# The shipped rules' programmes (a test keeps them the same), what `check` writes and how it
# ends (`cli`'s exit codes): said under `check --help`, as SPEC section 7 says them.
PROGRAMME_IDS = ("pertussis_pregnant", "rsv_pregnant", "hepb_babies", "hpv", "menacwy")
CHECK_EPILOG = f"""\
PROGRAMME is one of {", ".join(PROGRAMME_IDS)}
(or its name, as in the CQRS figures).

--decisions CSV columns: nhs_number, programme, date, decision (practice,
other_provider, not_eligible, not_given or unsure), and optionally event_id,
action_done (yes/no), note, reviewer.

--out DIR receives review.json, email.txt, email.eml, declaration_notes.txt,
review.xlsx, worksheet.pdf and report.pdf, all replaced together or none.
Nothing is sent: the email is a draft for you to send.

Exit codes: 0 done (claims still being checked included), 2 bad input (one
"error:" line naming the file and the problem), 1 internal fault, 130 stopped
with Ctrl+C, 143 ended by SIGTERM."""


def parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="cqrs-desktop",
        description="Check CQRS vaccination claims against the practice's patient records.",
        epilog="With no command, opens the app. cqrs-desktop FILE.cqrsreview opens a review; "
        "cqrs-desktop --demo opens a new review of the bundled demo data.",
    )
    parser.add_argument("--version", action="version", version=f"cqrs-desktop {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    check = sub.add_parser(
        "check",
        help="import exports, check them and write the results",
        epilog=CHECK_EPILOG,
        formatter_class=_CheckHelp,
    )
    check.add_argument("--practice-ods", required=True, metavar="CODE", help="practice ODS code")
    check.add_argument(
        "--practice-name", metavar="NAME", help="practice name, for the email and the report"
    )
    check.add_argument(
        "--reviewer",
        metavar="NAME",
        help="your name: signs the email, and the --decisions rows that name no reviewer",
    )
    check.add_argument(
        "--search",
        action="extend",
        nargs="+",
        required=True,
        metavar="[PROGRAMME=]FILE[@YYYY-MM..YYYY-MM]",
        help="clinical-system search exports (several after one --search, or --search "
        "repeated); PROGRAMME= for a "
        "file of one programme with no code column; after @, the months it covers (else "
        "worked out from its dates)",
    )
    check.add_argument(
        "--cqrs",
        action="extend",
        nargs="+",
        default=[],
        metavar="FILE",
        help="CQRS figures (claimed counts; one or more, repeatable)",
    )
    check.add_argument(
        "--claim",
        action="extend",
        nargs="+",
        default=[],
        metavar="PROGRAMME:YYYY-MM=N",
        help="claimed counts typed in, e.g. pertussis_pregnant:2024-09=12 (one or more, "
        "repeatable; a later one for the same month replaces an earlier)",
    )
    check.add_argument(
        "--decisions",
        metavar="FILE",
        help="decisions already made: a decisions CSV, or the review.xlsx workbook",
    )
    check.add_argument(
        "--carry",
        action="extend",
        nargs="+",
        default=[],
        metavar="REVIEW.cqrsreview",
        help="take the decisions of earlier reviews of the same practice (one or more, repeatable)",
    )
    check.add_argument("--save", metavar="FILE.cqrsreview", help="also save the review file")
    check.add_argument("--out", required=True, metavar="DIR", help="folder for the results")

    export = sub.add_parser("export", help="write the results of a saved review")
    export.add_argument("review", metavar="FILE.cqrsreview", help="a saved review (only read)")
    export.add_argument("--out", required=True, metavar="DIR", help="folder for the results")

    demo = sub.add_parser("demo-data", help="write the synthetic demo input files")
    demo.add_argument(
        "--out", required=True, metavar="DIR", help="folder for the demo's invented files"
    )
    return parser


def _split_span(value: str) -> tuple[str, tuple[str, str] | None]:
    """'FILE@2024-09..2024-11' -> ('FILE', ('2024-09', '2024-11')); a file name with an
    @ in it and no span after it is left whole."""
    from cqrs_desktop.sources.values import parse_month

    head, at, tail = value.rpartition("@")
    if not at or not head or (".." not in tail and parse_month(tail) is None):
        return value, None
    first, _, last = tail.partition("..")
    start, end = parse_month(first.strip()), parse_month((last or first).strip())
    if start is None or end is None:
        if Path(value).exists():
            return value, None
        raise UsageError(f"--search {value}: '{tail}' is not a span of months ({SPAN_FORMAT})")
    return head, (start, end)


def _search_file(value: str, rules: Rules) -> SearchFile:
    """A `--search [PROGRAMME=]FILE[@YYYY-MM..YYYY-MM]` argument."""
    from cqrs_desktop import session

    text, span = _split_span(value)
    if "=" in text:
        label, rest = text.split("=", 1)
        programme = rules.programme_for_label(label)
        if programme is not None:
            return session.SearchFile(Path(rest), programme, span=span)
        if not Path(text).exists():
            raise UsageError(f"--search {value}: '{label}' is not a programme")
    return session.SearchFile(Path(text), None, span=span)


def check(args: argparse.Namespace) -> int:
    from cqrs_desktop import session
    from cqrs_desktop.domain.model import Practice
    from cqrs_desktop.domain.review import Review
    from cqrs_desktop.exporting import write_outputs
    from cqrs_desktop.paths import same_file
    from cqrs_desktop.review.review_session import ReviewSession
    from cqrs_desktop.sources import parse_claim_arg

    _check_names(args)
    _no_empty_names(args)
    # A blank name is none, as in the window's practice details (decision 456).
    args.practice_name = (args.practice_name or "").strip() or None
    args.reviewer = (args.reviewer or "").strip() or None
    rules, rules_text = session.load_rules()
    practice = Practice(args.practice_ods.strip(), args.practice_name, args.reviewer)
    searches = [_search_file(v, rules) for v in args.search]
    for search in searches:
        _must_be_file(search.path)
    cqrs_files = [Path(p) for p in args.cqrs]
    for path in cqrs_files:
        _must_be_file(path)
    claims = []
    for text in args.claim:
        try:
            claims.append(parse_claim_arg(text, rules))
        except ValueError as exc:
            raise session.ReviewError(f"--claim {text}: {exc}") from None
    save = Path(args.save) if args.save else None
    if save is not None and save.exists():
        raise session.ReviewError(
            f"{save.name}: already exists; choose another name, or use 'export' to write "
            "the results of a saved review"
        )

    others = [Path(p) for p in ([args.decisions] if args.decisions else []) + args.carry]
    _check_out(Path(args.out), [*(s.path for s in searches), *cqrs_files, *others], save)
    imported = session.import_inputs(practice, searches, cqrs_files, claims, rules)
    _print_warnings(imported)
    review = Review(imported.inputs, rules)
    records: list[DecisionRecord] = []
    timed: frozenset[str] = frozenset()  # the decisions whose time the file states
    if args.decisions:
        decisions_path = Path(args.decisions)
        _must_be_file(decisions_path)
        records, said, timed = session.read_decision_file(review, decisions_path, args.reviewer)
        for line in said:
            print(f"notice: {line}", file=sys.stderr)

    session.apply_decisions(review, records, None)  # saved with the file, if any
    carried = None
    if args.carry:
        earlier: list[Path] = []
        for path in map(Path, args.carry):
            _must_be_file(path)
            if any(same_file(path, seen) for seen in earlier):
                print(f"notice: {path.name}: given twice with --carry, read once", file=sys.stderr)
            else:
                earlier.append(path)
        carried = session.carry_decisions(review, earlier, stated=timed)
        seen = {record.event_id: record for record in carried.seen_corrected}
        records = [seen.get(record.event_id, record) for record in records]  # as applied
        # (a row that was an earlier decision itself is saved as carried, once: decision 156)
        taken = {c.record.event_id for c in carried.records}
        records = [record for record in records if record.event_id not in taken]
        print(f"notice: {session.carried_notice(carried)}", file=sys.stderr)
    if save is None:
        written = write_outputs(review, Path(args.out), [])
    else:
        with ReviewSession.create(save, review, rules_text, records, carried) as saved:
            try:
                written = write_outputs(review, Path(args.out), saved.audit_log())
            except (session.ReviewError, OSError) as exc:  # the review file is whole: say so
                raise session.ReviewError(f"{_results_failed(exc)}; {_saved_whole(save)}") from None
            except BaseException as exc:  # stopped, or a fault: the review file is whole too
                exc.add_note(_saved_whole(save))
                raise
    _report(review, written)
    if save is not None:
        print(f"saved {save}")
    return 0


def _saved_whole(save: Path) -> str:
    """Said when the results stop after the review file was saved."""
    return (
        f"the review file {save.name} was saved whole: write its results with "
        f"'cqrs-desktop export {save.name} --out FOLDER'"
    )


def _results_failed(exc: BaseException) -> str:
    """What stopped the results, in words (an OSError: its file's name and the OS's words)."""
    if not isinstance(exc, OSError):
        return str(exc)
    import errno

    where = f"{Path(str(exc.filename)).name}: " if exc.filename else ""
    why = "the disk is full" if exc.errno == errno.ENOSPC else exc.strerror or "refused"
    return f"{where}the results could not be written ({why})"


def _no_empty_names(args: argparse.Namespace) -> None:
    """A file or folder option given an empty name (`--carry ""`, a script's variable left
    unset) is named as such, not taken for the current folder."""
    from cqrs_desktop import session

    given = {
        "--search": args.search, "--cqrs": args.cqrs, "--carry": args.carry,
        "--decisions": [args.decisions] if args.decisions is not None else [],
        "--save": [args.save] if args.save is not None else [], "--out": [args.out],
    }  # fmt: skip
    for option, values in given.items():
        if any(not value.strip() for value in values):
            raise session.ReviewError(f"{option}: no file or folder named (the name is empty)")


def _must_be_file(path: Path) -> None:
    """An input named on the command line is a file that is there."""
    from cqrs_desktop import session

    if path.is_dir():
        raise session.ReviewError(f"{path.name}: a folder, not a file")
    if not path.is_file():
        raise session.ReviewError(f"{path.name}: file not found")


def export(args: argparse.Namespace) -> int:
    from cqrs_desktop.exporting import write_outputs
    from cqrs_desktop.review.review_session import ReviewSession

    _check_out(Path(args.out), [Path(args.review)])
    with ReviewSession.open(Path(args.review), for_writing=False) as opened:
        written = write_outputs(opened.review, Path(args.out), opened.audit_log())
        _report(opened.review, written)
    return 0


def _check_names(args: argparse.Namespace) -> None:
    from cqrs_desktop.command_checks import LONGEST_CODE, check_text

    check_text("--practice-ods", args.practice_ods, LONGEST_CODE)
    check_text("--practice-name", args.practice_name)
    check_text("--reviewer", args.reviewer)


def _check_out(out: Path, inputs: Sequence[Path], save: Path | None = None) -> None:
    """Before anything is read: folders that can be written, and no input (nor the review
    file to save) that a result would replace."""
    from cqrs_desktop.command_checks import check_folder, refuse_inputs_in_the_way
    from cqrs_desktop.exporting import OUTPUT_NAMES, refuse_folders_in_the_way

    check_folder("--out", out, out)
    refuse_folders_in_the_way([out / name for name in OUTPUT_NAMES])  # before --save, too
    if save is not None:
        check_folder("--save", save, save.parent)
    refuse_inputs_in_the_way(out, [*inputs, *([save] if save else [])], OUTPUT_NAMES)


def _print_warnings(imported: object) -> None:
    """Every file's warnings (control characters cleaned, a file given twice, values not
    read...), each once, then any other notice: the command line must not stay silent
    about what the Files page shows. A CQRS file's are notices (SPEC: rows of other
    services are left out "with a notice")."""
    from cqrs_desktop.session import ImportResult

    assert isinstance(imported, ImportResult)
    printed = set()
    for source in imported.inputs.sources:
        word = "warning" if source.kind == "search" else "notice"
        for warning in source.warnings:
            line = f"{source.file}: {warning}"
            printed.add(line)
            print(f"{word}: {line}", file=sys.stderr)
    for notice in imported.notices:
        if notice not in printed:
            print(f"notice: {notice}", file=sys.stderr)


def _report(review: object, written: Sequence[Path]) -> None:
    from cqrs_desktop.domain.review import Review

    assert isinstance(review, Review)
    items = review.items()
    pending = sum(i.pending + i.unsure for i in items)
    print(
        f"{counted(len(review.events), 'vaccination')}, {counted(len(items), 'claim item')}, "
        f"{pending} still to check"
    )
    for path in written:
        print(f"wrote {path}")


def demo_data(args: argparse.Namespace) -> int:
    from cqrs_desktop.paths import demo_inputs_dir  # not `session`: no reader is needed

    source = demo_inputs_dir()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.iterdir()):
        if path.is_file() and not path.name.startswith("."):
            shutil.copy2(path, out / path.name)
            print(f"wrote {out / path.name}")
    return 0


def run(argv: list[str]) -> int:
    """Parse a command line that names a command (or --help, --version) and run it."""
    args, unknown = parser().parse_known_args(argv)
    if unknown:  # said here, where the command is known, not by the top parser
        raise UsageError(
            f"unrecognized arguments: {' '.join(unknown)} (see cqrs-desktop {args.command} --help)"
        )
    if args.command == "check":
        return check(args)
    if args.command == "export":
        return export(args)
    return demo_data(args)
