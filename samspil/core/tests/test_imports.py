"""The shared import machinery: streamed files, batches in one transaction (all or nothing),
errors by row and column, bulk audit entries, one import of a kind at a time, and large files
imported in the background with a progress bar."""

import io
import threading

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from samspil.companies.imports import CompanyImporter
from samspil.companies.models import Company
from samspil.core import imports
from samspil.core.audit import history_for
from samspil.core.imports import ImportBusy, iter_table
from samspil.core.models import ImportJob
from samspil.participants.imports import ParticipantImporter
from samspil.participants.models import Enrolment, Participant

HEADER = (
    "project,personal_id,personal_id_type,gender,birth_date,start_date,employment_status,isced,"
    "disability,third_country_national,foreign_background,minority,homeless,rural,"
    "other_disadvantaged,employer_cvr,end_date,result_job_searching,result_in_education,"
    "result_qualification,result_employed,employed_6m,improved_situation_6m"
)


def cpr(n: int) -> str:
    return f"01{(n % 12) + 1:02d}{60 + n // 12:02d}-{1000 + n:04d}"


def person(n: int, project="pa", end="", employed="") -> str:
    return (
        f"{project},{cpr(n)},cpr,female,,2025-03-01,employed,3,no,no,no,no,no,no,no,,"
        f"{end},,,,{employed},,"
    )


def table(*rows: str, name="deltagere.csv"):
    return iter_table((HEADER + "\n" + "\n".join(rows) + "\n").encode(), name)


class SmallBatches(ParticipantImporter):
    batch_size = 3


@pytest.fixture
def project(world):
    world.project_a.code = "pa"
    world.project_a.save()
    return world.project_a


def test_a_bad_row_in_the_last_batch_leaves_nothing_saved(project):
    rows = [person(n) for n in range(10)]
    rows[9] = person(9, end="2025-01-01")  # leaves before it starts: row 11, the 4th batch
    result = SmallBatches().run(table(*rows))
    assert [(e.row, e.field) for e in result.errors] == [(11, "end_date")]
    assert "Afslutningsdatoen ligger før startdatoen" in str(result.errors[0])
    assert not Participant.objects.exists() and not Enrolment.objects.exists()
    assert not LogEntry.objects.filter(content_type__model="participant").exists()


def test_every_bad_row_is_named_and_a_repeat_is_found_across_batches(project):
    rows = [person(n) for n in range(8)]
    rows[1] = rows[1].replace("female", "robot")
    rows[7] = person(2)  # the same person in the same project as row 4, two batches later
    result = SmallBatches().run(table(*rows))
    assert [(e.row, e.field) for e in result.errors] == [(3, "gender"), (9, "personal_id")]
    assert str(result.errors[1]) == "Række 9, personal_id: Gentager række 4."
    assert not Participant.objects.exists()


def test_errors_beyond_the_cap_are_counted_not_kept(project, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ERRORS", 2)
    result = SmallBatches().run(table(*[person(n).replace("cpr,", "passport,") for n in range(5)]))
    assert len(result.errors) == 2 and result.error_count == 5


def test_a_dry_run_counts_like_the_import_and_saves_nothing(project):
    rows = [person(n) for n in range(7)]
    checked = SmallBatches().run(table(*rows), dry_run=True)
    assert (checked.created, checked.errors) == (7, [])
    assert not Participant.objects.exists()
    done = SmallBatches().run(table(*rows))
    assert done.created == 7 and Enrolment.objects.count() == 7


def test_importing_again_changes_nothing_and_a_change_is_audited_with_its_actor(project, world):
    rows = [person(n) for n in range(7)]
    SmallBatches(actor=world.operator).run(table(*rows))
    entries = LogEntry.objects.count()
    again = SmallBatches(actor=world.operator).run(table(*rows))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 7)
    assert LogEntry.objects.count() == entries  # nothing changed, nothing recorded
    rows[5] = person(5, end="2025-09-01", employed="yes")
    changed = SmallBatches(actor=world.operator).run(table(*rows))
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 6)
    enrolment = Enrolment.objects.get(leaving_date__isnull=False)
    history = history_for(enrolment)
    assert [c.action for c in history] == ["Ændret", "Oprettet"]
    assert all(c.actor == world.operator for c in history)
    fields = {label: (old, new) for label, old, new in history[0].fields}
    assert fields["afslutningsdato"] == ("", "1. september 2025")
    assert fields["i beskæftigelse ved afslutning"] == ("", "Ja")
    participant_history = history_for(enrolment.participant)
    assert participant_history[0].action == "Oprettet"
    assert participant_history[0].actor == world.operator


def test_the_entry_data_stay_from_the_first_entry(project):
    ParticipantImporter().run(table(person(1)))
    later = person(1, end="2025-09-01")
    ParticipantImporter().run(
        table(later.replace("2025-03-01,employed,3", "2025-04-01,unemployed,5"))
    )
    enrolment = Enrolment.objects.get()
    assert (enrolment.entry_date.isoformat(), enrolment.employment_status, enrolment.isced) == (
        "2025-03-01",
        "employed",
        3,
    )
    assert enrolment.leaving_date.isoformat() == "2025-09-01"


def test_companies_are_written_in_batches_and_their_changes_audited(world, tmp_path):
    text = "cvr;name;employees\n13585628;Herning Plast A/S;85\n10403782;Ikast Metal ApS;42\n"
    CompanyImporter(actor=world.operator).run(iter_table(text.encode(), "v.csv"))
    plast = Company.objects.get(cvr="13585628")
    assert plast.size_band == "medium"
    assert history_for(plast)[0].actor == world.operator
    changed = text.replace("Herning Plast A/S", "Herning Plast Holding A/S")
    result = CompanyImporter(actor=world.operator).run(iter_table(changed.encode(), "v.csv"))
    assert (result.updated, result.unchanged) == (1, 1)
    assert history_for(plast)[0].fields == [
        ("navn", "Herning Plast A/S", "Herning Plast Holding A/S")
    ]


def test_the_file_is_read_as_a_stream_with_true_row_numbers(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes("cvr;navn\n1;Æble\n\n2;Øl\n".encode("cp1252"))
    rows = iter_table(path, path.name)
    assert rows.columns == ["cvr", "navn"]
    assert [(row.number, dict(row)) for row in rows] == [
        (2, {"cvr": "1", "navn": "Æble"}),
        (3, {}),
        (4, {"cvr": "2", "navn": "Øl"}),
    ]


@pytest.mark.django_db(transaction=True)
def test_a_second_import_of_a_kind_is_refused_while_one_runs(world):
    world.project_a.code = "pa"
    world.project_a.save()
    started, release = threading.Event(), threading.Event()

    class Slow(ParticipantImporter):
        def build(self, row):
            started.set()
            release.wait(30)
            return super().build(row)

    outcome = {}

    def first():
        try:
            outcome["first"] = Slow().run(table(person(1)))
        finally:
            connection.close()

    thread = threading.Thread(target=first)
    thread.start()
    try:
        assert started.wait(30)
        with pytest.raises(ImportBusy, match="En anden import af deltagere er i gang"):
            ParticipantImporter().run(table(person(2)))
    finally:
        release.set()
        thread.join(60)
    assert outcome["first"].created == 1
    assert list(Participant.objects.values_list("identifier_masked", flat=True)) == ["010260-xxxx"]


@pytest.mark.django_db(transaction=True)
def test_the_command_names_the_running_import_instead_of_a_database_error(world, tmp_path):
    world.project_a.code = "pa"
    world.project_a.save()
    started, release = threading.Event(), threading.Event()

    class Slow(ParticipantImporter):
        def build(self, row):
            started.set()
            release.wait(30)
            return super().build(row)

    thread = threading.Thread(target=lambda: (Slow().run(table(person(1))), connection.close()))
    thread.start()
    path = tmp_path / "deltagere.csv"
    path.write_text(HEADER + "\n" + person(2) + "\n", encoding="utf-8")
    try:
        assert started.wait(30)
        with pytest.raises(
            CommandError, match="deltagere.csv: En anden import af deltagere er i gang"
        ):
            call_command("import", "participants", str(path), stdout=io.StringIO())
    finally:
        release.set()
        thread.join(60)


@pytest.mark.django_db(transaction=True)
def test_a_large_file_is_imported_in_the_background_with_a_progress_bar(
    client_for, world, monkeypatch, settings, tmp_path
):
    from samspil.core import import_views

    settings.VAR_DIR = tmp_path
    monkeypatch.setattr(import_views, "BACKGROUND_ROWS", 3)
    world.project_a.code = "pa"
    world.project_a.save()
    client = client_for(world.operator)
    url = reverse("participants:import")
    text = HEADER + "\n" + "\n".join(person(n) for n in range(5)) + "\n"
    response = client.post(
        url, {"file": SimpleUploadedFile("deltagere.csv", text.encode()), "dry_run": ""}
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"?job={job.pk}")
    assert not Participant.objects.exists()  # the worker imports, not the request
    page = client.get(response["Location"]).content.decode()
    assert '<progress id="import-job-progress" max="5" value="0"' in page
    assert 'role="status" aria-live="polite"' in page and 'hx-trigger="every 1s"' in page
    assert "deltagere.csv" in page  # in the list of the user's recent imports
    assert client_for(world.superuser).get(response["Location"]).status_code == 200
    assert client_for(world.member).get(response["Location"]).status_code == 403
    client = client_for(world.operator)
    someone_elses = ImportJob.objects.create(
        kind="participants",
        importer=job.importer,
        filename="andres.csv",
        path=str(tmp_path / "x" / "upload.csv"),
        user=world.superuser,
    )
    assert client.get(f"{url}?job={someone_elses.pk}").status_code == 404
    assert "andres.csv" not in client.get(url).content.decode()
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    assert Enrolment.objects.count() == 5
    partial = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "Filen er importeret." in partial and "Nye: 5." in partial
    assert "hx-trigger" not in partial  # finished: the page stops asking
    job.refresh_from_db()
    assert job.status == "done" and job.rows_done == 5
    assert not list((tmp_path / "imports").glob("*/upload.csv"))  # personal data not kept


def test_projects_are_imported_in_bulk_and_updated_by_code(world):
    from samspil.participants.imports import ProjectImporter
    from samspil.programmes.models import Project

    text = "code,name,fund,start_date,end_date\nny1,Nyt projekt,esfplus,2025-01-01,2027-12-31\n"
    created = ProjectImporter(actor=world.operator).run(iter_table(text.encode(), "p.csv"))
    assert created.created == 1
    project = Project.objects.get(code="ny1")
    assert history_for(project)[0].actor == world.operator
    again = ProjectImporter().run(iter_table(text.encode(), "p.csv"))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    renamed = text.replace("Nyt projekt", "Nyt navn")
    assert ProjectImporter().run(iter_table(renamed.encode(), "p.csv")).updated == 1
    project.refresh_from_db()
    assert project.name == "Nyt navn"
