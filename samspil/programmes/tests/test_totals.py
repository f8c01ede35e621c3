"""The running totals: kept by every write (the days it touches counted again in the same
transaction), always equal to counting everything again from the records (`samspil recount`),
and read by every page with one sum whatever the number of records."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samspil.catalogue.models import Offering, Provider
from samspil.participants.identifiers import parse_cpr
from samspil.participants.indicators import compute
from samspil.participants.models import EducationPlan, Enrolment, Participant
from samspil.programmes import progress, totals
from samspil.programmes.models import Figure, Fund
from samspil.testing import factories as f

pytestmark = pytest.mark.django_db
D = datetime.date


def rows(projects) -> list:
    return sorted(
        Figure.objects.filter(project__in=projects).values_list(
            "project", "family", "code", "group", "day", "monthly", "n"
        )
    )


def person(cpr, gender="female", employer=None):
    identifier = parse_cpr(cpr)
    participant = Participant(gender=gender, employer=employer, birth_date=identifier.birth_date)
    participant.set_identifier(identifier)
    participant.save()
    return participant


def write_a_sequence(a, b, tmp_path):
    """Creates, changes and deletes of every kind of record the figures count, and imports."""
    sme = f.CompanyFactory(employees=20)
    big = f.CompanyFactory(employees=500)
    first = f.ContactFactory(company=sme, project=a, date=D(2025, 1, 10))
    f.ContactFactory(company=sme, project=a, date=D(2025, 2, 10), kind="joint_visit")
    moved = f.ContactFactory(company=big, project=a, date=D(2025, 2, 11))
    f.ContactFactory(company=sme, project=b, date=D(2025, 2, 12))
    moved.project, moved.date = b, D(2025, 3, 1)  # another project and day
    moved.save()
    first.delete()  # the SME's first day of support moves to 10 February
    mette = person("010190-1234", employer=sme)
    enrolled = Enrolment.objects.create(
        participant=mette, project=a, entry_date=D(2025, 1, 5), employment_status="employed"
    )
    other = person("010185-1233", gender="male", employer=big)
    left = Enrolment.objects.create(
        participant=other,
        project=a,
        entry_date=D(2025, 3, 1),
        employment_status="unemployed",
        isced=3,
        leaving_date=D(2025, 8, 31),
        result_employed="yes",
        employed_6m="yes",
    )
    left.leaving_date = D(2025, 8, 30)  # six months on: 28 February either way
    left.save()
    mette.gender = "male"  # the person's gender moves every figure of theirs
    mette.save()
    big.employees = 40  # now an SME: it counts as one from its first day
    big.full_clean()
    big.save()
    school = Provider.objects.create(name="Tradium")
    euv = Offering.objects.create(
        code="EUV", title="EUV", kind="euv", provider=school, level_from="unskilled",
        level_to="skilled",
    )  # fmt: skip
    plan = EducationPlan.objects.create(
        enrolment=enrolled,
        education=euv,
        provider=school,
        status="started",
        start_date=D(2025, 2, 1),
        expected_end_date=D(2025, 12, 1),
    )
    plan.status, plan.ended_on = "completed", D(2025, 11, 1)
    plan.save()
    enrolled.entry_date = D(2025, 1, 20)
    enrolled.save()
    # The course's levels corrected: the plan now counts as another lift (page and import).
    euv.level_from = "skilled"
    euv.save()
    offerings = tmp_path / "kurser.csv"
    offerings.write_text(
        "code,title,kind,provider,description,level_from,level_to\n"
        "EUV,EUV,euv,Tradium,Erhvervsuddannelse,unskilled,skilled\n",
        encoding="utf-8",
    )
    call_command("import", "offerings", str(offerings), stdout=io.StringIO())
    # An import of participants (written in bulk) and of companies.
    path = tmp_path / "deltagere.csv"
    path.write_text(
        "project,personal_id,personal_id_type,start_date,gender,employment_status,isced\n"
        f"{a.code},020290-1234,cpr,2025-04-01,female,employed,2\n"
        f"{a.code},030390-1233,cpr,2025-04-02,male,long_term_unemployed,1\n",
        encoding="utf-8",
    )
    call_command("import", "participants", str(path), stdout=io.StringIO())
    # A second file changes one of them and adds one more.
    path.write_text(
        "project,personal_id,personal_id_type,start_date,gender,employment_status,isced\n"
        f"{a.code},020290-1234,cpr,2025-04-01,female,employed,4\n"
        f"{b.code},040490-1234,cpr,2025-05-01,female,unemployed,3\n",
        encoding="utf-8",
    )
    call_command("import", "participants", str(path), stdout=io.StringIO())


def test_the_totals_kept_by_the_writes_are_a_count_from_scratch(world, tmp_path):
    a, b = world.project_a, world.project_b
    b.fund = Fund.ESFPLUS
    b.save()
    write_a_sequence(a, b, tmp_path)
    kept = rows([a, b])
    assert kept  # something was counted
    call_command("recount", stdout=io.StringIO())
    assert rows([a, b]) == kept


def test_the_figures_follow_the_writes(world, tmp_path):
    a, b = world.project_a, world.project_b
    write_a_sequence(a, b, tmp_path)
    day = D(2026, 6, 30)
    figures = progress.actuals([a, b], day)
    # a: the SME (contact 10 February, Mette's employer) and the big one (now an SME, through
    # its employee); b: the SME and the big one (the contact moved there).
    assert figures["smes_supported"] == {a.pk: 2, b.pk: 2}
    assert figures["participants"] == {a.pk: 4, b.pk: 1}
    assert figures["joint_visits"] == {a.pk: 1}
    assert figures["unskilled_to_skilled_completed"] == {a.pk: 1}
    report = compute(a, day)["indicators"]
    assert report["CO23"]["total"] == figures["smes_supported"][a.pk]  # one definition
    assert report["CR06"]["total"] == 1  # employed six months after leaving on 30 August
    assert compute(a, D(2026, 2, 27))["indicators"]["CR06"]["total"] == 0
    assert compute(a, D(2026, 2, 28))["indicators"]["CR06"]["total"] == 1


def test_a_page_reads_the_totals_in_one_sum_whatever_the_records(world):
    a = world.project_a
    sme = f.CompanyFactory(employees=20)
    for n in range(30):
        f.ContactFactory(company=sme, project=a, date=D(2025, 1, 1) + datetime.timedelta(n))
    progress.actuals([a], D(2025, 6, 30))
    with CaptureQueriesContext(connection) as queries:
        figures = progress.actuals([a], D(2025, 6, 30))
    assert figures["companies_supported"] == {a.pk: 1}
    assert len(queries) == 2  # whether the project was counted, and the sums


def test_a_project_never_counted_is_counted_when_read(world):
    a = world.project_a
    f.ContactFactory(company=f.CompanyFactory(employees=20), project=a, date=D(2025, 1, 1))
    Figure.objects.all().delete()
    from samspil.programmes.models import FigureState

    FigureState.objects.all().delete()
    assert progress.actuals([a], D(2025, 6, 30))["smes_supported"] == {a.pk: 1}


def test_recount_names_an_unknown_project(world):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="nope"):
        call_command("recount", "--project", "nope", stdout=io.StringIO())
    out = io.StringIO()
    call_command("recount", "--project", world.project_a.code, stdout=out)
    assert totals.FAMILIES and out.getvalue()
