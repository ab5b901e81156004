"""Readers for what the practice brings: search exports, CQRS figures, decisions CSVs.

Everything a caller needs is here; the modules behind it each do one job. Every reader
raises `SourceError` (file name and a plain-English problem) for a file it cannot use.
"""

from cqrs_desktop.sources.columns import ROLE_LABELS, ROLES, ColumnGuess, propose_mapping
from cqrs_desktop.sources.cqrs import CqrsImport, parse_claim_arg, read_cqrs, read_cqrs_text
from cqrs_desktop.sources.decisions import DecisionRow, read_decisions
from cqrs_desktop.sources.errors import SourceError
from cqrs_desktop.sources.preview import FilePreview, inspect_file
from cqrs_desktop.sources.profiles import load_profile, save_profile
from cqrs_desktop.sources.search import SearchImport, read_search
from cqrs_desktop.sources.values import nhs_digits, parse_date, parse_month, parse_yes_no

__all__ = [
    "ROLES",
    "ROLE_LABELS",
    "ColumnGuess",
    "CqrsImport",
    "DecisionRow",
    "FilePreview",
    "SearchImport",
    "SourceError",
    "inspect_file",
    "load_profile",
    "nhs_digits",
    "parse_claim_arg",
    "parse_date",
    "parse_month",
    "parse_yes_no",
    "propose_mapping",
    "read_cqrs",
    "read_cqrs_text",
    "read_decisions",
    "read_search",
    "save_profile",
]
