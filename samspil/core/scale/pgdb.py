"""Create or drop a throwaway PostgreSQL database for the benchmark, from its URL:
``python -m samspil.core.scale.pgdb create|drop postgres://user@host:port/name``. Connects to
the server's ``postgres`` database to do it, so nothing but psycopg is needed."""

import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql


def main(action: str, url: str) -> None:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name:
        raise SystemExit(f"{url}: the URL names no database")
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        if action == "create":
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("create", "drop"):
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
