"""Fast bulk writing for generated data: rows go straight to the table (COPY on PostgreSQL,
``executemany`` on SQLite) in batches, with ids given by the writer so that related rows can
point at them without asking the database.

This bypasses the models' ``save()`` and therefore the audit trail on purpose: generated data
is a benchmark fixture, not a change anyone made (docs/benchmarks.md says so).
"""

import datetime

from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone


class Table:
    """Rows for one model's table. ``add(**values)`` takes field names (``company`` or
    ``company_id`` for a foreign key) and returns the new row's id; fields not given take their
    default, ``now`` for timestamps. Rows are flushed every ``batch`` rows and by ``close()``."""

    def __init__(self, model, *, batch: int = 10_000, with_id: bool = True):
        self.model = model
        self.table = model._meta.db_table
        self.batch = batch
        fields = [f for f in model._meta.concrete_fields]
        if not with_id:
            fields = [f for f in fields if not f.primary_key]
        self.fields = fields
        self.columns = [f.column for f in fields]
        self.index = {}
        for position, field in enumerate(fields):
            self.index[field.attname] = position
            self.index[field.name] = position
        self.defaults = [self._default(f) for f in fields]
        self.pk_position = next((i for i, f in enumerate(fields) if f.primary_key), None)
        self.next_id = None
        if self.pk_position is not None:
            with connection.cursor() as cursor:
                cursor.execute(f'SELECT MAX("{model._meta.pk.column}") FROM "{self.table}"')
                self.next_id = (cursor.fetchone()[0] or 0) + 1
        self.rows = []
        self.count = 0

    @staticmethod
    def _default(field):
        if field.primary_key:
            return None
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return db_value(timezone.now())
        if field.has_default():
            default = field.get_default()
            if isinstance(default, datetime.date | datetime.datetime):
                return db_value(default)
            return field.get_db_prep_save(default, connection)
        if field.null:
            return None
        if isinstance(field, models.CharField | models.TextField):
            return ""
        return _Missing(field)

    def add(self, **values) -> int | None:
        row = list(self.defaults)
        new_id = None
        if self.pk_position is not None:
            new_id = self.next_id
            self.next_id += 1
            row[self.pk_position] = new_id
        index = self.index
        for name, value in values.items():
            row[index[name]] = value
        self.rows.append(row)
        if len(self.rows) >= self.batch:
            self.flush()
        return new_id

    def flush(self) -> None:
        if not self.rows:
            return
        for row in self.rows[:1]:
            for value in row:
                if isinstance(value, _Missing):
                    raise ValueError(f"{self.table}: no value for {value.field.name}")
        write_rows(self.table, self.columns, self.rows)
        self.count += len(self.rows)
        self.rows = []

    def close(self) -> int:
        self.flush()
        return self.count


class _Missing:
    def __init__(self, field):
        self.field = field


def db_value(value):
    """A date or timestamp as both databases take it in bulk: ISO text (UTC for a timestamp,
    as Django stores it on SQLite)."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(datetime.UTC).replace(tzinfo=None)
        if connection.vendor == "postgresql":
            return value.isoformat(sep=" ") + "+00:00"
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def write_rows(table: str, columns: list[str], rows: list) -> None:
    names = ", ".join(f'"{c}"' for c in columns)
    raw = connection.connection
    if connection.vendor == "postgresql":
        with raw.cursor() as cursor, cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join("?" * len(columns))
        cursor = raw.cursor()
        try:
            cursor.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
        finally:
            cursor.close()


def reset_sequences(models_written) -> None:
    """After ids were given by the writer, PostgreSQL's sequences must continue after them."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_written))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def analyse() -> None:
    """Fresh planner statistics after a large load (both databases plan by them)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
