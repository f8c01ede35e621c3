"""Typed readers for settings that come from the environment.

Each reader fails loudly, naming the variable, when a value cannot be understood: a
misconfigured server must not start with a silent default. A secret may also be given as
``NAME_FILE`` pointing at a file that holds it (Docker and systemd credentials).
"""

import json
import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    """A string from ``name`` or from the file named by ``name_FILE``."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={file_name!r} cannot be read: {exc}") from exc
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean: use true or false.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_json(name: str, default):
    """A JSON value from ``name`` or from the file named by ``name_FILE``."""
    raw = env_str(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} is not valid JSON: {exc}") from exc


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = os.environ.get(name, default).strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} must be one of: {', '.join(choices)}.")
    return value


def database_from_url(url: str) -> dict:
    """Parse ``DATABASE_URL``; only the engines samspil is tested on are accepted."""
    import dj_database_url

    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except (ValueError, KeyError) as exc:
        raise ImproperlyConfigured(
            f"DATABASE_URL={url!r} cannot be understood ({exc}). "
            "Use sqlite:///path/to/file.sqlite3 or postgres://user:password@host:5432/name."
        ) from exc
    engine = config.get("ENGINE", "")
    if engine not in ("django.db.backends.sqlite3", "django.db.backends.postgresql"):
        raise ImproperlyConfigured(
            f"DATABASE_URL={url!r} names an unsupported database ({engine or 'none'}); "
            "samspil runs on SQLite or PostgreSQL."
        )
    if engine == "django.db.backends.postgresql" and not config.get("NAME"):
        raise ImproperlyConfigured(f"DATABASE_URL={url!r} has no database name.")
    if engine == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = SQLITE_OPTIONS
    return config


# SQLite as the embedded database (docs/architecture.md): WAL lets readers go on while an import
# writes; the busy timeout makes a second writer wait (20 s) instead of failing at once with
# "database is locked"; IMMEDIATE transactions take the write lock when they begin, so two
# writers never deadlock half-way.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000; "
        "PRAGMA cache_size=-16384; PRAGMA temp_store=MEMORY;"
    ),
}


def local_secret(path: Path, nbytes: int = 50) -> str:
    """Read a secret kept in ``var/``, creating it on first use (local runs only)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Opened with O_EXCL so that two processes starting at once cannot both write one.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(secrets.token_urlsafe(nbytes))
    return path.read_text(encoding="utf-8").strip()
