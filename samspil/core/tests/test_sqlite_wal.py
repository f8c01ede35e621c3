"""SQLite as the embedded database: readers keep working while an import writes.

Each test opens its own database file with the options samspil gives every SQLite connection
(`samspil.env.database_from_url`), independent of the database the test run itself uses.
"""

import threading
import time

import pytest
from django.db.backends.sqlite3.base import DatabaseWrapper

from samspil.env import database_from_url


@pytest.fixture(autouse=True)
def own_database_files(django_db_blocker):
    """These tests open their own database files, not the test run's database."""
    with django_db_blocker.unblock():
        yield


def connect(path, alias):
    config = database_from_url(f"sqlite:///{path}")
    config.setdefault("TIME_ZONE", None)
    config.setdefault("AUTOCOMMIT", True)
    config.setdefault("ATOMIC_REQUESTS", False)
    config.setdefault("TEST", {})
    wrapper = DatabaseWrapper(config, alias=alias)
    wrapper.ensure_connection()
    return wrapper


def test_every_connection_uses_wal_and_waits_for_a_busy_database(tmp_path):
    db = connect(tmp_path / "samspil.sqlite3", "wal-settings")
    with db.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000
    db.close()


def test_a_reader_reads_while_an_import_holds_the_write_lock(tmp_path):
    path = tmp_path / "samspil.sqlite3"
    writer = connect(path, "writer")
    with writer.cursor() as cursor:
        cursor.execute("CREATE TABLE company (name TEXT)")
        cursor.execute("INSERT INTO company VALUES ('Ikast Metal ApS')")
    # The import: an exclusive write transaction, not yet committed (a large import's
    # transaction takes the exclusive lock once its changes no longer fit in memory).
    writer.connection.execute("BEGIN EXCLUSIVE")
    writer.connection.execute("INSERT INTO company VALUES ('Herning Plast A/S')")

    seen = {}

    def read():
        reader = connect(path, "reader")
        with reader.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout = 500")  # fail fast if readers were blocked
            started = time.monotonic()
            cursor.execute("SELECT name FROM company")
            seen["names"] = [row[0] for row in cursor.fetchall()]
            seen["seconds"] = time.monotonic() - started
        reader.close()

    thread = threading.Thread(target=read)
    thread.start()
    thread.join()
    writer.connection.execute("COMMIT")
    writer.close()
    # The reader saw the committed state at once, without "database is locked".
    assert seen["names"] == ["Ikast Metal ApS"]
    assert seen["seconds"] < 0.5


def test_a_second_writer_waits_for_the_first_instead_of_failing(tmp_path):
    path = tmp_path / "samspil.sqlite3"
    first = connect(path, "first")
    with first.cursor() as cursor:
        cursor.execute("CREATE TABLE company (name TEXT)")
    first.set_autocommit(False)
    with first.cursor() as cursor:
        cursor.execute("INSERT INTO company VALUES ('Ikast Metal ApS')")

    result = {}

    def write():
        second = connect(path, "second")
        with second.cursor() as cursor:
            cursor.execute("INSERT INTO company VALUES ('Herning Plast A/S')")
        second.close()
        result["done"] = True

    thread = threading.Thread(target=write)
    thread.start()
    time.sleep(0.3)  # the second writer is waiting on the lock now
    first.commit()
    first.close()
    thread.join(timeout=10)
    assert result.get("done")
    check = connect(path, "check")
    with check.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM company")
        assert cursor.fetchone()[0] == 2
    check.close()
