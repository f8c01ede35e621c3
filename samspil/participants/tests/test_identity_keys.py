"""Identity keys: several at once, rotation, the start-up check and the key strength."""

import io
import secrets

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from samspil.participants import checks, crypto
from samspil.participants.identifiers import parse_cpr
from samspil.participants.models import Enrolment, Participant
from samspil.participants.rotation import pending
from samspil.participants.tests.test_personal_data import import_rows

pytestmark = pytest.mark.django_db

OLD = crypto.generate_key()
NEW = crypto.generate_key()


def keys(*secrets_):
    return override_settings(SAMSPIL_IDENTITY_KEYS=list(secrets_), SAMSPIL_IDENTITY_KEY=secrets_[0])


def person(cpr: str) -> Participant:
    participant = Participant(name=cpr)
    participant.set_identifier(parse_cpr(cpr))
    participant.save()
    return participant


def stored(participant) -> Participant:
    return Participant.objects.get(pk=participant.pk)


def test_the_newest_key_encrypts_and_every_key_opens():
    with keys(OLD):
        old = person("010190-1234")
        assert old.identifier_key == crypto.key_id(OLD)
    with keys(NEW, OLD):
        new = person("020290-1234")
        assert new.identifier_key == crypto.key_id(NEW) != crypto.key_id(OLD)
        # Both read while the rotation has not yet run.
        assert stored(old).identifier() == "0101901234"
        assert stored(new).identifier() == "0202901234"
    with keys(NEW), pytest.raises(ImproperlyConfigured, match=crypto.key_id(OLD)):
        stored(old).identifier()


def test_rotation_reencrypts_and_rehashes_in_batches_and_can_be_resumed():
    with keys(OLD):
        people = [person(f"0{day}0190-1234") for day in range(1, 8)]
        tokens = {p.pk: p.identifier_encrypted for p in people}
    with keys(NEW, OLD):
        out = io.StringIO()
        call_command("rotate_identity_key", "--batch-size", "3", stdout=out)
        text = out.getvalue()
        assert "3 of 7" in text and "6 of 7" in text and "7 of 7" in text
        assert "7 identifiers now under key " + crypto.key_id(NEW) in text
        assert not pending().exists()
        again = io.StringIO()
        call_command("rotate_identity_key", stdout=again)  # nothing left: skipped
        assert "0 identifiers now under key" in again.getvalue()
    with keys(NEW):  # the old key is gone: everything still opens and is found
        for p in people:
            row = stored(p)
            assert row.identifier_key == crypto.key_id(NEW)
            assert row.identifier_encrypted != tokens[p.pk]
            assert row.identifier() == row.name.replace("-", "")
            assert row.identifier_hash == crypto.lookup_hash("cpr", row.identifier())


def test_a_rotation_stopped_half_way_finishes_when_run_again(monkeypatch):
    from samspil.participants import rotation

    with keys(OLD):
        people = [person(f"0{day}0190-1234") for day in range(1, 6)]
    with keys(NEW, OLD):
        calls = []
        real = crypto.encrypt

        def failing(value):
            calls.append(value)
            if len(calls) == 3:
                raise KeyboardInterrupt  # the operator stops it in the second batch
            return real(value)

        monkeypatch.setattr(rotation.crypto, "encrypt", failing)
        with pytest.raises(KeyboardInterrupt):
            rotation.rotate(batch_size=2)
        monkeypatch.setattr(rotation.crypto, "encrypt", real)
        assert pending().count() == 3  # the first batch is moved, the second rolled back
        assert rotation.rotate(batch_size=2) == 3
        assert not pending().exists()
        assert {stored(p).identifier() for p in people} == {p.name.replace("-", "") for p in people}


def test_reimporting_the_same_people_after_a_new_key_creates_no_duplicates(tmp_path, world):
    world.project_a.code = "pa"
    world.project_a.save()
    rows = [
        f"pa,0{day}0190-1234,cpr,female,,2025-03-01,employed,3,no,no,no,no,no,no,no,,,,,,,,"
        for day in range(1, 6)
    ]
    with keys(OLD):
        assert import_rows(tmp_path, *rows) == ("", "")
    with keys(NEW, OLD):
        assert import_rows(tmp_path, *rows) == ("", "")
        assert Participant.objects.count() == 5 and Enrolment.objects.count() == 5
        # the page's search and the services' lookup find the person under the old key too
        from samspil.participants import services

        assert services.find(parse_cpr("010190-1234")) is not None


def test_the_research_pseudonym_names_its_key():
    with keys(OLD):
        before = crypto.pseudonym("pa", 1)
        assert before == crypto.pseudonym("pa", 1) != crypto.pseudonym("pb", 1)
        assert before.startswith(crypto.key_id(OLD) + "-")
    with keys(NEW, OLD):
        assert crypto.pseudonym("pa", 1).startswith(crypto.key_id(NEW) + "-")


def test_a_wrong_key_stops_the_start():
    with keys(OLD):
        person("010190-1234")
        assert checks.identity_key_check() == []
    with keys(NEW):
        errors = checks.identity_key_check()
        assert [e.id for e in errors] == ["participants.E002"]
        assert "does not open the stored personal identifiers" in errors[0].msg
        assert crypto.key_id(OLD) in errors[0].msg  # names the key the rows need
        out = io.StringIO()
        with pytest.raises(SystemCheckError, match="participants.E002"):
            call_command("check", "--tag", "samspil", stdout=out, stderr=out)
    with keys(NEW, OLD):
        assert checks.identity_key_check() == []


@pytest.mark.parametrize(
    "secret, problem",
    [
        ("eA", "holds 1 bytes, not 32"),
        (secrets.token_urlsafe(40), "bytes, not 32"),
        ("not base64 at all!", "not URL-safe base64"),
        ("A" * 43 + "=", "not random"),
    ],
)
def test_a_weak_key_is_refused_in_production_mode(secret, problem):
    with keys(secret), override_settings(PRODUCTION=True):
        errors = checks.key_strength_errors()
        assert [e.id for e in errors] == ["participants.E001"]
        assert problem in errors[0].msg
        with pytest.raises(CommandError, match="too weak"):
            call_command("rotate_identity_key", stdout=io.StringIO())
    with keys(secret), override_settings(PRODUCTION=False):
        assert checks.key_strength_errors() == []  # a local run may use any secret


def test_a_generated_key_is_strong():
    out = io.StringIO()
    call_command("rotate_identity_key", "--generate-key", stdout=out)
    key = out.getvalue().strip()
    assert len(key) == 44 and crypto.weakness(key) is None
    with keys(NEW, OLD), override_settings(PRODUCTION=True):
        assert checks.key_strength_errors() == []
