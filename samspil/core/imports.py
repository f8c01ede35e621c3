"""All-or-nothing imports of tables (CSV or XLSX), shared by commands and upload pages.

Every row is checked; one bad row means nothing is saved, and the result names each bad row (by
its row number in the spreadsheet, the header being row 1) and field. A row whose key already
exists updates that record, so importing a file twice changes nothing the second time.

Files are streamed (:func:`iter_table`), so a file of a million rows never has its rows in
memory at once, and an import works set-based, batch by batch, inside ONE transaction.

The contract of an :class:`Importer` subclass:

``batch_size``
    Rows per batch (2,000).
``required`` / ``optional`` / ``key``
    The columns, and the column whose value must be unique within the file (duplicates are
    refused with "Repeats row N", across batches too).
``prepare(rows)``
    Called once PER BATCH with that batch's rows (empty rows included as ``{}``): look up
    every identifier, company, project … the batch refers to, in one query each.
``build(row) -> (record, {column: [message, …]})``
    The unsaved (or changed, existing) record for one row and its errors per column.
    ``self.row_number`` is the row's number in the spreadsheet. A changed existing record
    has ``_import_changed = True`` (an existing record without the attribute counts as
    changed).
``save_batch(records)``
    Writes one batch's new and changed records (unchanged ones are not passed). The default
    calls ``save(record)`` for each, so the audit trail is written by django-auditlog's
    signals; set-based importers override it with ``bulk_create`` / ``bulk_update`` and
    :func:`samspil.core.audit.log_bulk`, so every change stays recorded with its actor.
``run(rows, *, dry_run=False, progress=None) -> ImportResult``
    Validates and writes batch by batch in one transaction; once a row has an error, nothing
    more is written, the remaining rows are still checked, and the transaction is rolled back
    at the end, so a bad row in the last batch leaves nothing saved. ``dry_run`` checks
    everything and saves nothing. ``progress.update(n)`` is called after each batch (a tqdm
    bar fits). Only one import of a kind runs at a time: a second one waits briefly, then is
    refused with :class:`ImportBusy`.
"""

import codecs
import contextlib
import csv
import datetime
import hashlib
import io
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from samspil.core.audit import acting_as

MAX_ERRORS = 1000  # errors kept and shown; the rest are counted


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
    more_errors: int = 0  # errors found beyond the first MAX_ERRORS, counted only
    rows: int = 0  # rows read (empty ones included)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_count(self) -> int:
        return len(self.errors) + self.more_errors


class ImportFileError(Exception):
    """The file itself cannot be read (not a table, missing columns)."""


class ImportBusy(ImportFileError):
    """Another import of the same kind is running."""


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


class TableRow(dict):
    """One row of a table: its cells by lower-cased header, and ``number`` (the row's number in
    the spreadsheet, the header being row 1)."""

    __slots__ = ("number",)

    def __init__(self, number: int, *args):
        super().__init__(*args)
        self.number = number


class Table:
    """The rows of a CSV or XLSX file, read as they are iterated (once): ``columns`` is known
    as soon as the table is opened."""

    def __init__(self, source, filename: str):
        self.filename = filename
        self.suffix = Path(filename).suffix.lower()
        self._close = []
        if isinstance(source, (bytes, bytearray)):
            stream = io.BytesIO(source)
        elif isinstance(source, (str, Path)):
            stream = open(source, "rb")  # noqa: SIM115 - closed by close()
            self._close.append(stream)
        else:
            stream = source
        if self.suffix in (".xlsx", ".xlsm"):
            try:
                self._workbook = load_workbook(stream, read_only=True, data_only=True)
            except Exception as exc:  # openpyxl raises many kinds for a broken file
                self.close()
                raise ImportFileError(_("The file is not a readable XLSX workbook.")) from exc
            self._close.append(self._workbook)
            self._cells = (
                [_cell_text(cell) for cell in row]
                for row in self._workbook.active.iter_rows(values_only=True)
            )
        elif self.suffix in (".csv", ".txt"):
            self._cells = self._csv_rows(stream)
        else:
            self.close()
            raise ImportFileError(_("Import a CSV or XLSX file."))
        header = next(self._cells, None)
        if header is None:
            self.close()
            raise ImportFileError(_("The file is empty."))
        self.columns = [h.strip().lower() for h in header]

    @staticmethod
    def _csv_rows(stream) -> Iterator[list[str]]:
        head = stream.read(65536)
        try:
            head.decode("utf-8-sig")
            encoding = "utf-8-sig"
        except UnicodeDecodeError as exc:
            # A cut multi-byte character at the end of the sample is still UTF-8.
            encoding = "utf-8-sig" if exc.start >= len(head) - 3 else "cp1252"
        sample = head[:4096].decode(encoding, errors="replace")
        delimiter = ";" if sample.count(";") >= sample.count(",") else ","
        decoder = codecs.getincrementaldecoder(encoding)(errors="strict")

        def chunks():
            data = head
            while data:
                yield decoder.decode(data)
                data = stream.read(1 << 20)
            yield decoder.decode(b"", final=True)

        lines = _lines(chunks())
        for row in csv.reader(lines, delimiter=delimiter):
            yield [cell.strip() for cell in row]

    def __iter__(self) -> Iterator[TableRow]:
        header = self.columns
        width = len(header)
        try:
            for number, cells in enumerate(self._cells, start=2):
                if not any(cells):
                    yield TableRow(number)  # keeps row numbers true to the spreadsheet
                    continue
                if len(cells) < width:
                    cells = [*cells, *([""] * (width - len(cells)))]
                yield TableRow(number, (kv for kv in zip(header, cells, strict=False) if kv[0]))
        except UnicodeDecodeError as exc:
            raise ImportFileError(_("The file is not a readable CSV file.")) from exc
        finally:
            self.close()

    def close(self) -> None:
        for item in self._close:
            with contextlib.suppress(Exception):
                item.close()
        self._close = []


def _lines(chunks: Iterable[str]) -> Iterator[str]:
    """Lines (ending in "\n", as io.StringIO gives them) of a text given in chunks, for
    csv.reader, which joins the lines of a quoted cell itself."""
    rest = ""
    for chunk in chunks:
        if not chunk:
            continue
        parts = (rest + chunk).split("\n")
        rest = parts.pop()
        for part in parts:
            yield part + "\n"
    if rest:
        yield rest


def iter_table(source, filename: str) -> Table:
    """The rows of a CSV (``;`` or ``,``; UTF-8 or cp1252) or XLSX file as dicts keyed by
    lower-cased header, streamed: ``source`` is bytes, a path or a binary file object."""
    return Table(source, filename)


def read_table(data: bytes, filename: str) -> list[dict[str, str]]:
    """All rows of a table in a list (small files); empty rows are ``{}``."""
    return list(iter_table(data, filename))


def count_rows(path, filename: str = "") -> int:
    """About how many rows (the header not counted) a file holds, cheaply, for a progress bar:
    line ends for a CSV, the sheet's dimension for an XLSX."""
    suffix = Path(filename or str(path)).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            workbook = load_workbook(path, read_only=True)
            rows = max((workbook.active.max_row or 1) - 1, 0)
            workbook.close()
            return rows
        except Exception:
            return 0
    count = 0
    last = b"\n"
    with open(path, "rb") as file:
        while chunk := file.read(1 << 20):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    if last != b"\n":
        count += 1
    return max(count - 1, 0)


def _key_digest(value) -> int:
    """A compact stand-in for a key (8 bytes), so remembering a million keys stays small."""
    return int.from_bytes(hashlib.blake2b(repr(value).encode(), digest_size=8).digest(), "big")


class Importer:
    """Subclasses name their ``required`` and ``optional`` columns and build one record per row
    (see the module's docstring for the contract)."""

    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    key: str = ""
    batch_size: int = 2000
    kind: str = ""  # one import of a kind at a time; defaults to the class name

    def __init__(self, *, actor=None):
        self.actor = actor
        self.row_number = 0

    def check_columns(self, rows) -> None:
        present = set().union(*(row.keys() for row in rows)) if rows else set()
        missing = [c for c in self.required if c not in present]
        if missing:
            raise ImportFileError(
                _("The file lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)}
            )

    def prepare(self, rows: list[dict]) -> None:
        """Load what one batch's rows refer to, in a few queries, before they are built."""

    def build(self, row: dict) -> tuple[object, dict[str, list[str]]]:  # pragma: no cover
        """Return the (unsaved) record for ``row`` and any errors per column."""
        raise NotImplementedError

    def record_key(self, record, row: dict):
        """The value that must not repeat within the file (None: no check)."""
        if not self.key:
            return None
        return getattr(record, self.key, None) or row.get(self.key) or None

    def save(self, record) -> None:
        record.save()

    def save_batch(self, records: list) -> None:
        """Write one batch's new and changed records (override to write set-based)."""
        for record in records:
            self.save(record)

    def remember(self, record) -> None:
        """Keep an existing record's audited values before ``build`` changes it (for
        :meth:`write`, which records what changed)."""
        from samspil.core.audit import audit_snapshot

        if record.pk is not None and not hasattr(record, "_audit_before"):
            record._audit_before = audit_snapshot(record)

    def write(self, model, records, fields) -> None:
        """Set-based save of one batch: new records inserted, changed ones updated (``fields``),
        and their audit entries written in bulk with the actor."""
        from auditlog.models import LogEntry

        from samspil.core.audit import audit_changes, log_bulk
        from samspil.core.bulk import insert_rows, update_rows

        new = [r for r in records if r.pk is None]
        changed, changes = [], []
        for record in records:
            if record.pk is not None:
                diff = audit_changes(getattr(record, "_audit_before", None), record)
                if diff:
                    changed.append(record)
                    changes.append(diff)
        insert_rows(model, new)
        update_rows(model, changed, fields)
        log_bulk(new, LogEntry.Action.CREATE, actor=self.actor)
        log_bulk(changed, LogEntry.Action.UPDATE, actor=self.actor, changes=changes)
        for record in changed:
            record._audit_before = None

    def finish(self) -> None:
        """Called once after the last batch has been written (not on errors or dry runs)."""

    @property
    def lock_name(self) -> str:
        return self.kind or type(self).__name__

    @property
    def kind_label(self) -> str:
        """What the file holds, for the message when another import of it runs."""
        return self.lock_name

    def run(self, rows: Iterable[dict], *, dry_run: bool = False, progress=None) -> ImportResult:
        result = ImportResult(dry_run=dry_run)
        columns = getattr(rows, "columns", None)
        if columns is not None:
            self.check_columns([dict.fromkeys(c for c in columns if c)])
        numbered = _numbered(rows)
        first = list(itertools.islice(numbered, self.batch_size))
        if columns is None:
            self.check_columns([r for _n, r in first if r])
        batches = itertools.chain(
            [first] if first else [],
            iter(lambda: list(itertools.islice(numbered, self.batch_size)), []),
        )
        self.seen_keys: dict[int, int] = {}
        self.import_started = timezone.now()
        with self.lock(), acting_as(self.actor):
            for batch in batches:
                self._run_batch(batch, result, write=not dry_run and not result.errors)
                result.rows += len(batch)
                if progress is not None:
                    progress.update(len(batch))
            if not result.errors and not dry_run:
                self.finish()
            if result.errors or dry_run:
                transaction.set_rollback(True)
        return result

    def _run_batch(self, batch, result: ImportResult, *, write: bool) -> None:
        self.prepare([row for _number, row in batch])
        records = []
        for number, row in batch:
            if not row:
                continue
            self.row_number = number
            record, errors = self.build(row)
            key = self.record_key(record, row) if not errors else None
            if key is not None:
                digest = _key_digest(key)
                if digest in self.seen_keys:
                    errors = {
                        self.key: [_("Repeats row %(row)s.") % {"row": self.seen_keys[digest]}]
                    }
                else:
                    self.seen_keys[digest] = number
            for column, messages in errors.items():
                for message in messages:
                    if len(result.errors) < MAX_ERRORS:
                        result.errors.append(RowError(number, column, message))
                    else:
                        result.more_errors += 1
            if not errors:
                records.append(record)
        changed = []
        for record in records:
            if record.pk is None:
                result.created += 1
                changed.append(record)
            elif getattr(record, "_import_changed", True):
                result.updated += 1
                changed.append(record)
            else:
                result.unchanged += 1
        if write and not result.errors and changed:
            self.save_batch(changed)

    @contextlib.contextmanager
    def lock(self):
        """One transaction for the whole import, holding the lock of its kind: on PostgreSQL a
        row lock taken without waiting, on SQLite the database's write lock (waiting up to its
        busy timeout). Either way, a second import is refused with a clear message."""
        from samspil.core.models import ImportLock

        busy = ImportBusy(
            _("Another import of %(kind)s is running. Try again when it has finished.")
            % {"kind": self.kind_label}
        )
        if not connection.in_atomic_block:
            with contextlib.suppress(DatabaseError):
                ImportLock.objects.get_or_create(kind=self.lock_name)
        entered = False
        try:
            with transaction.atomic():
                entered = True
                try:
                    with transaction.atomic():
                        self._take_lock(ImportLock)
                except DatabaseError as exc:
                    raise busy from exc
                yield
        except OperationalError as exc:
            if entered:
                raise
            raise busy from exc  # SQLite: BEGIN IMMEDIATE waited its busy timeout in vain

    def _take_lock(self, model) -> None:
        if connection.vendor == "postgresql":
            if not list(model.objects.select_for_update(nowait=True).filter(kind=self.lock_name)):
                model.objects.create(kind=self.lock_name)
        # SQLite: the first write of the transaction takes the database's write lock.
        elif not model.objects.filter(kind=self.lock_name).update(started_at=timezone.now()):
            model.objects.create(kind=self.lock_name)


def _numbered(rows: Iterable[dict]) -> Iterator[tuple[int, dict]]:
    for index, row in enumerate(rows, start=2):
        yield getattr(row, "number", index), row


def validation_errors(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return exc.message_dict
    return {"": exc.messages}
