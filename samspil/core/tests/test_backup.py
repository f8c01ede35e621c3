"""A backup restored into an empty database holds the same records, the same audit trail, the
uploaded files, and identifiers that the same key still reads."""

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.core.management import CommandError, call_command

from samspil.participants.models import Participant

pytestmark = pytest.mark.django_db(transaction=True)

SKIPPED_APPS = {
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin",
    "axes",
    "django_tasks_database",
}


def counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed
        and model._meta.app_label not in SKIPPED_APPS
        and model._meta.label_lower != "auth.permission"
    }


def test_a_backup_restores_into_an_empty_database(tmp_path, settings, reference_data):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "workshops").mkdir(parents=True)
    (tmp_path / "media" / "workshops" / "referat.pdf").write_bytes(b"%PDF-1.4 referat")
    call_command("demo", verbosity=0)
    before = counts()
    identifiers = {p.pk: p.identifier() for p in Participant.objects.exclude(identifier_hash="")}
    audit = list(LogEntry.objects.order_by("pk").values_list("pk", "action", "actor_id", "changes"))
    assert identifiers and audit and before["companies.Company"] > 0

    backup = tmp_path / "samspil-backup.tar.gz"
    call_command("backup", str(backup), verbosity=0)
    assert backup.stat().st_mode & 0o777 == 0o600  # names and contact history: owner only
    call_command("flush", interactive=False, verbosity=0)
    (tmp_path / "media" / "workshops" / "referat.pdf").unlink()
    assert Participant.objects.count() == 0

    call_command("restore", str(backup), verbosity=0)
    assert counts() == before
    restored = list(
        LogEntry.objects.order_by("pk").values_list("pk", "action", "actor_id", "changes")
    )
    assert restored == audit  # no line added, none lost
    assert {
        p.pk: p.identifier() for p in Participant.objects.exclude(identifier_hash="")
    } == identifiers
    assert (tmp_path / "media" / "workshops" / "referat.pdf").read_bytes() == b"%PDF-1.4 referat"


def test_restore_refuses_a_database_that_is_not_empty(tmp_path, settings, world):
    settings.MEDIA_ROOT = tmp_path / "media"
    backup = tmp_path / "b.tar.gz"
    call_command("backup", str(backup), verbosity=0)
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(backup), verbosity=0)
