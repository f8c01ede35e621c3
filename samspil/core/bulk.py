"""Writing many rows at once, for the imports and the audit trail they write in bulk."""

from django.db import connection
from django.db.models.base import ModelState
from django.utils import timezone

# Writing in bulk without the ORM's per-value compilation: one prepared statement executed for
# every row (``executemany``), the values converted once per field. bulk_create / bulk_update
# cost several times more per row (SQLite allows only 999 parameters per statement, so they send
# ~40 rows at a time, and compile each value); an import of a million rows needs less.

_PLAIN = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "EmailField",
    "ForeignKey",
    "IntegerField",
    "PositiveBigIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
}


def _converter(field):
    """How a field's Python value becomes a database parameter (None: as it is)."""
    internal = field.get_internal_type()
    if internal in _PLAIN:
        return None
    ops = connection.ops
    if internal == "DateField":
        adapt = ops.adapt_datefield_value
        return lambda value: None if value is None else adapt(value)
    if internal == "DateTimeField":
        # An import stamps every row with the same moment: convert it once.
        last = [None, None]

        def convert(value):
            if value is not last[0]:
                last[0], last[1] = value, field.get_db_prep_save(value, connection)
            return last[1]

        return convert
    return lambda value: field.get_db_prep_save(value, connection)


def _columns(model, fields):
    concrete = [model._meta.get_field(name) for name in fields]
    return concrete, [(f.attname, _converter(f)) for f in concrete]


def _values(obj, attnames) -> list:
    values = obj.__dict__
    return [
        values.get(attname) if convert is None else convert(values.get(attname))
        for attname, convert in attnames
    ]


def blank(model):
    """A new, empty instance of ``model`` with its fields' defaults, made by copying a prototype
    (Model.__init__ costs more than the rest of an import row's work)."""
    prototype = _prototypes.get(model)
    if prototype is None:
        prototype = _prototypes[model] = model().__dict__
    obj = model.__new__(model)
    values = prototype.copy()
    values["_state"] = ModelState()
    obj.__dict__ = values
    return obj


_prototypes: dict = {}


def next_ids(model, count: int) -> list[int]:
    """``count`` fresh primary keys for ``model``, never used before. On SQLite this holds only
    while the transaction has the write lock, as an import's does."""
    if not count:
        return []
    table = connection.ops.quote_name(model._meta.db_table)
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [model._meta.db_table, pk, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT MAX({connection.ops.quote_name(pk)}) FROM {table}")
        highest = cursor.fetchone()[0] or 0
        if connection.vendor == "sqlite":
            # AUTOINCREMENT never reuses the key of a deleted row; neither does this.
            cursor.execute(
                "SELECT seq FROM sqlite_sequence WHERE name = %s", [model._meta.db_table]
            )
            row = cursor.fetchone()
            highest = max(highest, row[0] if row else 0)
    return list(range(highest + 1, highest + 1 + count))


def insert_rows(model, objs, fields=None) -> None:
    """INSERT ``objs`` (model instances, unsaved) with one statement executed per row; they get
    their primary keys (and created/updated timestamps) first, as bulk_create would."""
    if not objs:
        return
    meta = model._meta
    if fields is None:
        fields = [f.name for f in meta.concrete_fields]
    now = timezone.now()
    auto_now = [f.attname for f in meta.concrete_fields if getattr(f, "auto_now", False)]
    auto_add = [f.attname for f in meta.concrete_fields if getattr(f, "auto_now_add", False)]
    ids = next_ids(model, len(objs))
    for obj, pk in zip(objs, ids, strict=True):
        obj.pk = pk
        for attname in auto_now:
            setattr(obj, attname, now)
        for attname in auto_add:
            if getattr(obj, attname, None) is None:
                setattr(obj, attname, now)
        obj._state.adding = False
        obj._state.db = connection.alias
    concrete, attnames = _columns(model, fields)
    _insert(meta.db_table, [f.column for f in concrete], [_values(obj, attnames) for obj in objs])


def _insert(table: str, columns: list[str], rows: list) -> None:
    """One prepared INSERT executed for every row: SQLite runs the loop in C, psycopg sends the
    rows in one pipeline (a multi-row statement would cost more to parse than to run)."""
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(table), ", ".join(quote(c) for c in columns), ", ".join(["%s"] * len(columns))
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def insert_values(model, columns: list[str], rows: list) -> None:
    """INSERT rows given as value lists for ``columns`` (database values already)."""
    if rows:
        _insert(model._meta.db_table, columns, rows)


def update_rows(model, objs, fields) -> None:
    """UPDATE ``fields`` of ``objs`` with one statement executed per row."""
    if not objs:
        return
    meta = model._meta
    now = timezone.now()
    auto_now = [f.attname for f in meta.concrete_fields if getattr(f, "auto_now", False)]
    for obj in objs:
        for attname in auto_now:
            setattr(obj, attname, now)
    fields = [*fields, *(a for a in auto_now if a not in fields)]
    concrete, attnames = _columns(model, fields)
    quote = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        quote(meta.db_table),
        ", ".join(f"{quote(f.column)} = %s" for f in concrete),
        quote(meta.pk.column),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [[*_values(obj, attnames), obj.pk] for obj in objs])
