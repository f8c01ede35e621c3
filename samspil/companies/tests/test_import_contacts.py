"""`samspil import contacts FILE` and its page: the contact history of an old CRM, all or
nothing, every bad row and column named, re-import unchanged, set-based."""

import csv
import datetime
import io

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook

from samspil.companies.contact_imports import ContactImporter
from samspil.companies.models import Contact
from samspil.core.imports import read_table
from samspil.organisations.models import Role
from samspil.testing import factories as f

pytestmark = pytest.mark.django_db

HEADER = [
    "cvr",
    "date",
    "kind",
    "status",
    "organisation",
    "project",
    "partnership",
    "consultants",
    "purpose",
    "notes",
    "next_step",
    "outcome",
    "joint_organisations",
]
PLAST, METAL = "13585628", "10403782"


def row(**cells):
    values = {
        "cvr": PLAST,
        "date": "2024-03-05",
        "kind": "visit",
        "status": "done",
        "organisation": "Jobcenter Silkeborg",
        "project": "projekt-a",
        "partnership": "lks-a",
        "consultants": "member",
        "purpose": "Rekruttering af svejsere",
        "notes": "Ordrebogen er fuld",
        "next_step": "Ring i maj",
        "outcome": "Aftale om praktik",
        "joint_organisations": "",
    }
    values.update(cells)
    return [values[column] for column in HEADER]


GOOD_ROWS = [
    row(),
    # Danish labels, a Danish date, the project by its name, a consultant by e-mail, and a joint
    # visit with organisations of the other two systems.
    row(
        date="12.04.2024",
        kind="Sambesøg",
        status="Gennemført",
        project="Projekt A",
        partnership="",
        consultants="MEMBER@example.dk",
        purpose="Fælles besøg om opkvalificering",
        joint_organisations="Teknisk Skole Silkeborg; Erhverv Silkeborg",
    ),
    row(
        cvr="DK 10403782",
        date="01-09-2099",
        kind="phone",
        status="planned",
        project="",
        partnership="",
        consultants="",
        purpose="Opfølgning",
        notes="",
        next_step="",
        outcome="",
    ),
]


@pytest.fixture
def region(world, schools):
    plast = f.CompanyFactory(cvr=PLAST, name="Herning Plast A/S")
    metal = f.CompanyFactory(cvr=METAL, name="Ikast Metal ApS")
    return {"plast": plast, "metal": metal, **schools}


def csv_bytes(rows, header=HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def write(tmp_path, rows, name="kontakter.csv"):
    path = tmp_path / name
    path.write_bytes(csv_bytes(rows))
    return path


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import", "contacts", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def check(rows, *, actor=None, batch_size=None):
    importer = ContactImporter(actor=actor)
    if batch_size:
        importer.batch_size = batch_size
    data = csv_bytes(rows)
    return importer.run(read_table(data, "kontakter.csv"))


def test_a_good_file_creates_the_contacts_with_their_people(tmp_path, region, world, client_for):
    out, _ = run(write(tmp_path, GOOD_ROWS))
    assert "Nye: 3. Opdaterede: 0. Uændrede: 0." in out
    visit = Contact.objects.get(kind="visit")
    assert (visit.company, visit.status, str(visit.date)) == (region["plast"], "done", "2024-03-05")
    assert (visit.project, visit.partnership) == (world.project_a, world.partnership_a)
    assert list(visit.consultants.all()) == [world.member]
    assert visit.next_step == "Ring i maj" and visit.outcome == "Aftale om praktik"
    joint = Contact.objects.get(kind="joint_visit")
    assert str(joint.date) == "2024-04-12" and joint.status == "done"
    assert {o.name for o in joint.organisations.all()} == {
        "Jobcenter Silkeborg",
        "Teknisk Skole Silkeborg",
        "Erhverv Silkeborg",
    }
    assert joint.partnership is None and joint.project == world.project_a
    planned = Contact.objects.get(company=region["metal"])
    assert planned.status == "planned" and planned.project is None
    assert not planned.consultants.exists()
    # Every new contact is in the audit trail.
    assert (
        LogEntry.objects.get_for_model(Contact).filter(action=LogEntry.Action.CREATE).count() == 3
    )
    # And on the company's timeline, with what was said for those in the project.
    page = client_for(world.member).get(region["plast"].get_absolute_url()).content.decode()
    assert "Rekruttering af svejsere" in page and "Fælles besøg om opkvalificering" in page


def test_importing_again_changes_nothing_and_a_changed_row_updates(tmp_path, region):
    run(write(tmp_path, GOOD_ROWS))
    entries = LogEntry.objects.count()
    out, _ = run(write(tmp_path, GOOD_ROWS))
    assert "Nye: 0. Opdaterede: 0. Uændrede: 3." in out
    assert Contact.objects.count() == 3 and LogEntry.objects.count() == entries
    changed = [row(outcome="Tre elever i praktik", consultants=""), *GOOD_ROWS[1:]]
    out, _ = run(write(tmp_path, changed))
    assert "Nye: 0. Opdaterede: 1. Uændrede: 2." in out
    visit = Contact.objects.get(kind="visit")
    assert visit.outcome == "Tre elever i praktik" and not visit.consultants.exists()
    update = LogEntry.objects.get_for_object(visit).get(action=LogEntry.Action.UPDATE)
    assert update.changes["outcome"] == ["Aftale om praktik", "Tre elever i praktik"]
    assert update.changes["consultants"]["operation"] == "delete"


BAD_CASES = [
    ({"cvr": "13585627"}, "cvr", "13585627 er ikke et gyldigt CVR-nummer"),
    ({"cvr": "29403473"}, "cvr", "Ingen virksomhed med CVR 29403473 er registreret."),
    ({"date": "31.02.2024"}, "date", "31.02.2024"),
    ({"date": "2099-01-01"}, "date", "En gennemført kontakt kan ikke have en dato i fremtiden."),
    ({"kind": "brevdue"}, "kind", "brevdue"),
    ({"status": "måske"}, "status", "måske"),
    ({"organisation": "Jobcenter Atlantis"}, "organisation", "Jobcenter Atlantis"),
    ({"organisation": ""}, "organisation", "Vælg mindst én deltagende organisation."),
    ({"project": "projekt-x"}, "project", "projekt-x"),
    ({"partnership": "lks-x"}, "partnership", "lks-x"),
    ({"consultants": "other"}, "consultants", "other"),
    ({"consultants": "nobody@example.dk"}, "consultants", "nobody@example.dk"),
    ({"joint_organisations": "Skolen i Atlantis"}, "joint_organisations", "Skolen i Atlantis"),
    (
        {"kind": "joint_visit"},
        "joint_organisations",
        "Et sambesøg har organisationer fra mindst to af de tre systemer.",
    ),
]


@pytest.mark.parametrize("cells, column, message", BAD_CASES)
def test_each_bad_row_is_named_by_row_and_column_and_nothing_is_saved(
    region, cells, column, message
):
    result = check([GOOD_ROWS[2], row(**cells)])
    assert [(e.row, e.field) for e in result.errors] == [(3, column)]
    assert message in str(result.errors[0]) and str(result.errors[0]).startswith("Række 3, ")
    assert Contact.objects.count() == 0


def test_the_command_lists_every_error_and_saves_nothing(tmp_path, region):
    rows = [*GOOD_ROWS, row(cvr="13585627", date="i går"), row()]
    with pytest.raises(CommandError, match="3 fejl; intet er gemt"):
        _out, err = run(write(tmp_path, rows))
    assert Contact.objects.count() == 0


def test_a_repeated_contact_is_an_error_on_the_second_row(region):
    result = check([row(), row(purpose="Noget andet")])
    assert [(e.row, e.field) for e in result.errors] == [(3, "date")]
    assert "2" in result.errors[0].message


def test_a_bad_row_in_the_last_batch_leaves_nothing_saved(region):
    rows = [row(date=f"2024-01-{day:02d}") for day in range(1, 29)]
    rows.append(row(organisation="Jobcenter Atlantis"))
    result = check(rows, batch_size=5)
    assert [(e.row, e.field) for e in result.errors] == [(30, "organisation")]
    assert Contact.objects.count() == 0 and not Contact.consultants.through.objects.exists()
    assert not LogEntry.objects.get_for_model(Contact).exists()
    result = check(rows[:-1], batch_size=5)
    assert result.created == 28 and Contact.objects.count() == 28


def test_repeats_are_found_across_batches(region):
    rows = [row(date=f"2024-01-{day:02d}") for day in range(1, 9)] + [row(date="2024-01-02")]
    result = check(rows, batch_size=3)
    assert [(e.row, e.field) for e in result.errors] == [(10, "date")]
    assert Contact.objects.count() == 0


def test_queries_per_batch_do_not_grow_with_the_rows(region):
    """Set-based: a batch costs the same number of queries for 10 rows as for 200, whether it
    checks, writes new contacts, or updates them."""

    def queries(count, year, **cells):
        rows = [
            row(date=f"{year}-{1 + day // 28:02d}-{1 + day % 28:02d}", **cells)
            for day in range(count)
        ]
        with CaptureQueriesContext(connection) as captured:
            result = ContactImporter().run(read_table(csv_bytes(rows), "k.csv"))
        assert result.ok and result.created + result.updated == count
        return len(captured)

    queries(1, 2019)  # the first import also creates its lock row and caches content types
    assert queries(10, 2020) == queries(200, 2021)  # new
    assert queries(10, 2020, outcome="Nyt") == queries(200, 2021, outcome="Nyt")  # updated


def test_an_operator_imports_only_into_projects_they_run(region, world, client_for):
    url = reverse("companies:contact-import")
    assert client_for(world.member).get(url).status_code == 403
    client = client_for(world.operator)
    # The operator runs project A (and so may change LKS A, which works under it), not B;
    # the consultants must be members of the contact's organisation, partnership or project.
    f.ProjectMembershipFactory(user=world.other_member, project=world.project_a)
    rows = [
        row(project="projekt-b", partnership="lks-b", consultants="other"),
        row(date="2024-03-06", consultants="other"),
    ]
    upload = SimpleUploadedFile("kontakter.csv", csv_bytes(rows))
    page = client.post(url, {"file": upload, "dry_run": ""}).content.decode()
    assert "Række 2, project" in page and "Række 2, partnership" in page
    assert "Række 2, consultants" in page and "Række 3" not in page
    assert Contact.objects.count() == 0
    upload = SimpleUploadedFile("kontakter.csv", csv_bytes(rows[1:]))
    page = client.post(url, {"file": upload}).content.decode()
    assert "Filen er importeret." in page
    contact = Contact.objects.get()
    assert contact.created_by == world.operator
    entry = LogEntry.objects.get_for_object(contact).get()
    assert entry.actor == world.operator


def test_an_operator_may_not_overwrite_a_contact_they_may_not_change(region, world):
    other_operator = f.UserFactory(username="operator-b")
    f.ProjectMembershipFactory(user=other_operator, project=world.project_b, role=Role.OPERATOR)
    f.ContactFactory(
        company=region["plast"],
        date=datetime.date(2024, 3, 5),
        organisations=[world.organisation_a],
        purpose="Registreret i samspil",
    )
    same = row(
        project="",
        partnership="",
        consultants="",
        purpose="Registreret i samspil",
        notes="",
        next_step="",
        outcome="",
    )
    unchanged = check([same], actor=other_operator)
    assert unchanged.ok and unchanged.unchanged == 1
    result = check([row(project="", partnership="", consultants="")], actor=other_operator)
    assert [(e.row, e.field) for e in result.errors] == [(2, "organisation")]
    assert Contact.objects.get().purpose == "Registreret i samspil"


def test_xlsx_files_with_real_dates_import_the_same_way(tmp_path, region):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([h.upper() for h in HEADER[:5]])
    sheet.append(
        [int(PLAST), datetime.date(2024, 3, 5), "Besøg", "gennemført", "Jobcenter Silkeborg"]
    )
    path = tmp_path / "kontakter.xlsx"
    workbook.save(path)
    out, _ = run(path)
    assert "Nye: 1." in out
    assert str(Contact.objects.get().date) == "2024-03-05"


def test_missing_columns_are_named(tmp_path, region):
    path = tmp_path / "kontakter.csv"
    path.write_text("cvr;date\n13585628;2024-03-05\n", encoding="utf-8")
    with pytest.raises(CommandError, match="kind, status, organisation"):
        run(path)


def test_dry_run_checks_without_saving(tmp_path, region):
    out, _ = run(write(tmp_path, GOOD_ROWS), "--dry-run")
    assert "Nye: 3." in out and "intet er gemt" in out
    assert Contact.objects.count() == 0 and not LogEntry.objects.get_for_model(Contact).exists()


def test_columns_left_out_leave_a_contact_as_it_is(region, world):
    check(GOOD_ROWS)
    joint = GOOD_ROWS[1]
    short = [joint[:5] + [joint[5]]]  # cvr … organisation, project: no people, no notes
    header = HEADER[:6]
    result = ContactImporter().run(read_table(csv_bytes(short, header), "k.csv"))
    assert result.ok and result.unchanged == 1
    contact = Contact.objects.get(kind="joint_visit")
    assert contact.organisations.count() == 3 and list(contact.consultants.all()) == [world.member]
    assert contact.purpose == "Fælles besøg om opkvalificering"
