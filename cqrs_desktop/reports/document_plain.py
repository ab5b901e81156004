"""The same document as simple HTML (previews, the results page) or aligned plain text."""

from __future__ import annotations

import html

from cqrs_desktop.reports.document_model import (
    TICKED,
    Column,
    Document,
    Heading,
    Paragraph,
    Table,
    is_box,
)


def _html_table(table: Table) -> str:
    head = "".join(
        f"<th>{html.escape(c.title).replace(chr(10), '<br>')}</th>" for c in table.columns
    )
    body = []
    for index, row in enumerate(table.rows):
        cells = []
        for column, value in zip(table.columns, row, strict=True):
            text = (
                ("&#9745;" if value == TICKED else "&#9744;")
                if column.kind == "tick" and is_box(value)
                else html.escape(value)
            )
            cells.append(f'<td align="{column.align}">{text}</td>')
        bold = (
            ' style="font-weight:bold"'
            if table.bold_last_row and index == len(table.rows) - 1
            else ""
        )
        body.append(f"<tr{bold}>{''.join(cells)}</tr>")
    return (
        '<table border="1" cellspacing="0" cellpadding="3" width="100%">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def document_html(document: Document) -> str:
    """The document as simple HTML (Qt rich text subset): for previews and the results page."""
    parts = [
        f"<h1>{html.escape(document.title)}</h1>",
        f"<p><b>{html.escape(document.practice)}</b><br>{html.escape(document.subtitle)}</p>",
    ]
    for block in document.blocks:
        if isinstance(block, Heading):
            parts.append(f"<h2>{html.escape(block.text)}</h2>")
            if block.detail:
                parts.append(f"<p>{html.escape(block.detail)}</p>")
        elif isinstance(block, Paragraph):
            text = html.escape(block.text)
            parts.append(f"<p><b>{text}</b></p>" if block.bold else f"<p>{text}</p>")
        elif isinstance(block, Table):
            parts.append(_html_table(block))
        else:
            lines = "".join(
                f"<p>{html.escape(label)}: ______________________________</p>"
                for label in block.labels
            )
            parts.append(lines)
    parts.append(f"<p><i>{html.escape(document.footer_note)}</i></p>")
    return "<html><body>" + "\n".join(parts) + "</body></html>"


def _text_table(table: Table) -> list[str]:
    def cell(column: Column, value: str) -> str:
        if column.kind == "tick" and is_box(value):
            return "[x]" if value == TICKED else "[ ]"
        return value

    grid = [[c.title.replace("\n", " ") for c in table.columns]]
    grid += [[cell(c, v) for c, v in zip(table.columns, row, strict=True)] for row in table.rows]
    widths = [max(len(r[i]) for r in grid) for i in range(len(table.columns))]
    lines = []
    for index, row in enumerate(grid):
        padded = [
            value.rjust(w) if col.align == "right" else value.ljust(w)
            for value, w, col in zip(row, widths, table.columns, strict=True)
        ]
        lines.append(" | ".join(padded).rstrip())
        if index == 0:
            lines.append("-+-".join("-" * w for w in widths))
    return lines


def document_text(document: Document) -> str:
    """The document as plain text, columns aligned."""
    lines = [document.title, document.practice, document.subtitle, ""]
    for block in document.blocks:
        if isinstance(block, Heading):
            lines += [block.text, "=" * len(block.text)]
            if block.detail:
                lines.append(block.detail)
        elif isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines += _text_table(block)
        else:
            lines += [f"{label}: ______________________________" for label in block.labels]
        lines.append("")
    lines.append(document.footer_note)
    return "\n".join(lines) + "\n"
