"""Which practice a search file's preamble names: "Practice: Hilltop Surgery (F99002)",
"ODS code: F99002". A report header is often the only place an export says whose it is
(no organisation column); the review compares it with the practice (decision 260).

Only lines that plainly name a practice are read: one labelled as such ("Practice:",
"Organisation:", "ODS code:", "Surgery:") or holding an ODS practice code (a letter and five
digits) beside a word for a practice (surgery, medical centre, ODS ...). Anything else in a
preamble (a title, a search name, a period) is not taken for a practice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# an ODS code of a GP practice: one letter and five digits (F84001, Y02345, W91016)
_CODE = re.compile(r"(?<![A-Za-z0-9])[A-Z][0-9]{5}(?![A-Za-z0-9])")
_LABEL = re.compile(
    r"^\s*(?:gp\s+)?(?:practice|organi[sz]ation|surgery|ods)(?:\s+(?:name|code|ods\s+code|id))?"
    r"\s*[:=]\s*(?P<value>\S.*?)\s*$",
    re.IGNORECASE,
)
_PRACTICE_WORD = re.compile(
    r"\b(?:practice|surgery|medical\s+(?:centre|center|practice|group)|health\s+centre|ods"
    r"|organi[sz]ation)\b",
    re.IGNORECASE,
)
# a name too short or too general to be a practice's ("All", "Yes", a number)
_NOT_A_NAME = re.compile(r"^(?:all|any|none|n/?a|yes|no|\d+)$", re.IGNORECASE)


def practices_named(preamble: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """Each (ODS code or practice name, the line it is on) the preamble names a practice
    by: the codes on a line when it has any, else a labelled line's value."""
    named: list[tuple[str, str]] = []
    for line in preamble:
        label = _LABEL.match(line)
        codes = _CODE.findall(line)
        if codes and (label or _PRACTICE_WORD.search(line)):
            named += [(code, line) for code in codes]
        elif label and len(value := label.group("value")) >= 3 and not _NOT_A_NAME.match(value):
            named.append((value, line))
    return tuple(named)
