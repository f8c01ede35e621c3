"""All-or-nothing imports of tables (CSV or XLSX), shared by commands and upload pages.

Every row is checked before anything is written; one bad row means nothing is saved, and the
result names each bad row (by its row number in the spreadsheet, the header being row 1) and
field. A row whose key already exists updates that record, so importing a file twice changes
nothing the second time.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from samspil.core.audit import acting_as


@dataclass
class RowError:
    row: int
    field: str
    message: str

    def __str__(self) -> str:
        if self.field:
            return _("Row %(row)s, %(field)s: %(message)s") % {
                "row": self.row,
                "field": self.field,
                "message": self.message,
            }
        return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportFileError(Exception):
    """The file itself cannot be read (not a table, missing columns)."""


def _cell_text(cell) -> str:
    """A spreadsheet cell as the text a CSV would hold: dates as YYYY-MM-DD, whole numbers
    without a decimal part."""
    if cell is None:
        return ""
    if isinstance(cell, datetime.datetime):
        return (cell.date() if cell.time() == datetime.time() else cell).isoformat()
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def read_table(data: bytes, filename: str) -> list[dict[str, str]]:
    """Rows as dicts keyed by lower-cased header: CSV (`;` or `,`; UTF-8 or cp1252) or XLSX."""
    suffix = Path(filename).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise ImportFileError(_("The file is not a readable XLSX workbook.")) from exc
        rows = [
            [_cell_text(cell) for cell in row]
            for row in workbook.active.iter_rows(values_only=True)
        ]
        workbook.close()
    elif suffix in (".csv", ".txt"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252")
        sample = text[:4096]
        delimiter = ";" if sample.count(";") >= sample.count(",") else ","
        rows = [
            [cell.strip() for cell in row]
            for row in csv.reader(io.StringIO(text), delimiter=delimiter)
        ]
    else:
        raise ImportFileError(_("Import a CSV or XLSX file."))
    if not rows:
        raise ImportFileError(_("The file is empty."))
    header = [h.strip().lower() for h in rows[0]]
    table = []
    for cells in rows[1:]:
        if not any(cells):
            table.append({})  # keep row numbers true to the spreadsheet
            continue
        table.append(
            {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(header) if name}
        )
    return table


class Importer:
    """Subclasses name their ``required`` and ``optional`` columns and build one record per row."""

    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    key: str = ""

    def __init__(self, *, actor=None):
        self.actor = actor

    def check_columns(self, rows) -> None:
        present = set().union(*(row.keys() for row in rows)) if rows else set()
        missing = [c for c in self.required if c not in present]
        if missing:
            raise ImportFileError(
                _("The file lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)}
            )

    def prepare(self, rows) -> None:
        """Load what the rows refer to, in a few queries, before the rows are built."""

    def build(self, row: dict) -> tuple[object, dict[str, list[str]]]:  # pragma: no cover
        """Return the (unsaved) record for ``row`` and any errors per column."""
        raise NotImplementedError

    def save(self, record) -> None:
        record.save()

    def run(self, rows, *, dry_run: bool = False, progress=None) -> ImportResult:
        result = ImportResult(dry_run=dry_run)
        self.check_columns([r for r in rows if r])
        self.prepare(rows)
        records = []
        seen_keys: dict[str, int] = {}
        for index, row in enumerate(rows, start=2):
            if progress:
                progress.update(1)
            if not row:
                continue
            self.row_number = index
            record, errors = self.build(row)
            key = row.get(self.key, "") if self.key else ""
            if key and not errors:
                stored = getattr(record, self.key, key)
                if stored in seen_keys:
                    errors = {self.key: [_("Repeats row %(row)s.") % {"row": seen_keys[stored]}]}
                seen_keys[stored] = index
            for column, messages in errors.items():
                for message in messages:
                    result.errors.append(RowError(index, column, message))
            if not errors:
                records.append(record)
        if result.errors:
            return result
        for record in records:
            if record.pk is None:
                result.created += 1
            elif getattr(record, "_import_changed", True):
                result.updated += 1
            else:
                result.unchanged += 1
        if dry_run:
            return result
        with transaction.atomic(), acting_as(self.actor):
            for record in records:
                if record.pk is None or getattr(record, "_import_changed", True):
                    self.save(record)
        return result


def validation_errors(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return exc.message_dict
    return {"": exc.messages}
