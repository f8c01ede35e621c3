"""Backing up and restoring a samspil installation: the database's records (any database, so a
backup of SQLite restores into PostgreSQL too) and the uploaded files, in one .tar.gz.

The identity key (``SAMSPIL_IDENTITY_KEY``) is never in the backup: the identifiers in it are
encrypted and can be read only with the key, which is kept apart (README, "Running it safely").
Restoring writes the records exactly as they were, the audit trail included, without adding a
line of its own to that trail. Restore only archives you made: an archive holds users too.
"""

import io
import json
import os
import tarfile
import tempfile
from pathlib import Path

from auditlog.context import disable_auditlog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction

# Rebuilt by `samspil migrate` or of no use after a restore: content types and permissions,
# sessions, sign-in attempts, finished background tasks.
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "axes",
    "django_tasks_database",
    "django_rq",
]
DATA = "samspil-data.json"
MEDIA = "media"
MANIFEST = "samspil-backup.json"


class BackupError(Exception):
    pass


def back_up(target: Path) -> dict:
    """Write the records and the uploaded files to ``target`` (.tar.gz); returns the counts."""
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / DATA
        call_command(
            "dumpdata",
            *[f"--exclude={label}" for label in EXCLUDED],
            natural_foreign=True,
            output=str(data),
            verbosity=0,
        )
        records = len(json.loads(data.read_text()))
        files = [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []
        manifest = {"format": 1, "records": records, "files": len(files)}
        # The backup holds names, contact history and password hashes: only its owner reads it.
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.chmod(target, 0o600)
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
            archive.add(data, arcname=DATA)
            for path in files:
                archive.add(path, arcname=f"{MEDIA}/{path.relative_to(media_root)}")
            payload = json.dumps(manifest).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
    return manifest


def restore(source: Path) -> dict:
    """Load a backup into an empty, migrated database and put the files back."""
    if get_user_model().objects.exists():
        raise BackupError(
            "The database is not empty: restore only into a new database that `samspil migrate` "
            "has set up, so nothing is mixed or overwritten."
        )
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(source, "r:gz") as archive, tempfile.TemporaryDirectory() as scratch:
        names = archive.getnames()
        if DATA not in names or MANIFEST not in names:
            raise BackupError(f"{source} is not a samspil backup.")
        manifest = json.load(archive.extractfile(MANIFEST))
        media = [m for m in archive.getmembers() if m.name.startswith(f"{MEDIA}/") and m.isfile()]
        # Check every file before anything is written, so a bad archive changes nothing.
        for member in media:
            try:
                tarfile.data_filter(member, str(media_root))
            except tarfile.FilterError as exc:
                raise BackupError(f"{source}: {member.name} cannot be restored ({exc}).") from exc
        archive.extract(DATA, scratch, filter="data")
        with transaction.atomic(), disable_auditlog():
            call_command("loaddata", str(Path(scratch) / DATA), verbosity=0)
        for member in media:
            member.name = member.name[len(MEDIA) + 1 :]
            archive.extract(member, media_root, filter="data")
    return manifest
