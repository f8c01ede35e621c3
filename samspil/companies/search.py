"""Searching the company register through indexes, on PostgreSQL and on SQLite alike.

A search text matches a company when every word of it begins a word of the company's name
("ikast met" finds "Ikast Metal ApS"), or when the text is the beginning of its CVR or
organisation number. Names go through a full-text index: on PostgreSQL a GIN index over
``to_tsvector('simple', ...)`` of the name, on SQLite the FTS5 table ``companies_company_fts``
kept in step with the register by triggers (both made by migration 0002). Numbers go through
the unique indexes on ``cvr`` and ``orgnr`` as a range (``>= '1358' AND < '1359'``), which both
databases answer from the index, unlike ``LIKE '1358%'``.

The page, the export and the API all search through ``search_condition``.
"""

import re

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

# A word as both full-text indexes cut a name into words: letters and digits, any script.
WORD = re.compile(r"[^\W_]+")
# Punctuation is a separator in the PostgreSQL index too (its parser would otherwise keep
# "a/s" or "hansen.dk" as one word). Written into the SQL, not bound, so that the query's
# expression is the index's expression.
PG_SEPARATORS = "/.&+@,;:()!?*"
PG_DOCUMENT = (
    f"to_tsvector('simple'::regconfig, translate(name, '{PG_SEPARATORS}', "
    f"'{' ' * len(PG_SEPARATORS)}'))"
)
PG_INDEX_SQL = (
    f"CREATE INDEX IF NOT EXISTS company_name_fts ON companies_company USING gin (({PG_DOCUMENT}))"
)
PG_DROP_SQL = "DROP INDEX IF EXISTS company_name_fts"

# SQLite: an FTS5 table over the register's names (external content: it holds only the index),
# kept in step by triggers.
FTS = "companies_company_fts"
SQLITE_SQL = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(name, content='companies_company', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_insert AFTER INSERT ON companies_company BEGIN "
    f"INSERT INTO {FTS}(rowid, name) VALUES (new.id, new.name); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_delete AFTER DELETE ON companies_company BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, name) VALUES ('delete', old.id, old.name); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_update AFTER UPDATE OF name ON companies_company BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, name) VALUES ('delete', old.id, old.name); "
    f"INSERT INTO {FTS}(rowid, name) VALUES (new.id, new.name); END",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
SQLITE_DROP_SQL = [
    "DROP TRIGGER IF EXISTS companies_company_fts_insert",
    "DROP TRIGGER IF EXISTS companies_company_fts_delete",
    "DROP TRIGGER IF EXISTS companies_company_fts_update",
    "DROP TABLE IF EXISTS companies_company_fts",
]


SQLITE_TRIGGERS = {f"companies_company_fts_{event}" for event in ("insert", "delete", "update")}


def ensure_sqlite_index(connection) -> bool:
    """Make the FTS5 table and its triggers where they are missing, and fill the table anew
    then. SQLite drops a table's triggers when a migration rebuilds the table, so this runs
    after every ``migrate`` (see ``CompaniesConfig.ready``). True if anything was made."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = "
            "'companies_company'"
        )
        if {row[0] for row in cursor.fetchall()} >= SQLITE_TRIGGERS:
            return False
        for statement in SQLITE_SQL:
            cursor.execute(statement)
    return True


def words(text: str) -> list[str]:
    return [word.lower() for word in WORD.findall(text or "")]


def _name_sql(found: list[str]) -> tuple[str, tuple]:
    """SQL for the ids of the companies whose name has a word beginning with each of
    ``found``, through the database's full-text index."""
    if connection.vendor == "postgresql":
        query = " & ".join(f"{word}:*" for word in found)
        return (
            "SELECT id FROM companies_company "
            f"WHERE {PG_DOCUMENT} @@ to_tsquery('simple'::regconfig, %s)",
            (query,),
        )
    query = " AND ".join(f'"{word}"*' for word in found)
    return f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s", (query,)


def _following(prefix: str) -> str:
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def number_prefix(field: str, prefix: str) -> Q:
    """``field`` begins with ``prefix``, as a range the field's index answers."""
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": _following(prefix)})


def _number_prefixes(text: str) -> list[tuple[str, str]]:
    """(field, prefix) for a text that is the beginning of a CVR or organisation number."""
    digits = re.sub(r"[\s.-]", "", text)
    if digits.upper().startswith("DK"):
        digits = digits[2:]
    if not (digits.isascii() and digits.isdigit()):
        return []
    orgnr = f"{digits[:6]}-{digits[6:]}" if len(digits) > 6 else digits
    return [("cvr", digits), ("orgnr", orgnr)]


def search_condition(text: str) -> Q:
    """The condition for a search text typed on the page or sent to the API (``q``).

    On PostgreSQL and SQLite it is one ``id IN (... UNION ALL ...)`` over the indexes, which
    both plan as a lookup in each index (an ``OR`` of the parts would make PostgreSQL read
    every company)."""
    text = (text or "").strip()
    found = words(text)
    numbers = _number_prefixes(text)
    if connection.vendor not in ("postgresql", "sqlite"):
        # Another database: no index, but the same meaning.
        condition = Q(pk__in=[]) if not found else Q()
        for word in found:
            condition &= Q(name__istartswith=word) | Q(name__icontains=f" {word}")
        for field, prefix in numbers:
            condition |= number_prefix(field, prefix)
        return condition
    parts, params = [], []
    if found:
        sql, values = _name_sql(found)
        parts.append(sql)
        params.extend(values)
    for field, prefix in numbers:
        parts.append(f"SELECT id FROM companies_company WHERE {field} >= %s AND {field} < %s")
        params.extend([prefix, _following(prefix)])
    if not parts:
        return Q(pk__in=[])
    return Q(pk__in=RawSQL(" UNION ALL ".join(parts), params))
