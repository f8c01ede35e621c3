"""Participants at scale: the list a page at a time by keyset (what is shown is logged), the
ESF report in the database with its records to fix a page at a time and one log line for the
report, the indicators' edge cases, and a constant number of queries at two sizes."""

import datetime
import io
import json

import pytest
from django.urls import reverse

from samspil.participants import indicators, views
from samspil.participants.identifiers import parse_cpr
from samspil.participants.indicators import compute, totals
from samspil.participants.models import AccessLog, Enrolment, Participant, ProjectAccessLog
from samspil.testing import factories as f
from samspil.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
UNTIL = datetime.date(2026, 6, 30)
_serial = iter(range(1, 10_000))


def person(name="", gender="female", birth=datetime.date(1990, 1, 1), employer=None):
    """A participant with a unique, valid CPR number for the birth date."""
    n = next(_serial)
    participant = Participant(name=name, gender=gender, employer=employer)
    participant.set_identifier(parse_cpr(f"010190{n:04d}"))
    participant.birth_date = birth  # as given: the tests set ages and missing birth dates
    participant.save()
    return participant


def enrol(project, participant=None, **form):
    form = {
        "entry_date": datetime.date(2025, 3, 1),
        "employment_status": "employed",
        "isced": 3,
        **form,
    }
    return Enrolment.objects.create(participant=participant or person(), project=project, **form)


def fill(project, count, prefix="Deltager"):
    for i in range(count):
        enrol(project, person(name=f"{prefix} {i:03d}"))


@pytest.fixture(params=[views.LARGE, 10], ids=["small-project", "large-project"])
def either_plan(request, monkeypatch):
    """The list walks the project's enrolments or, for a large project, the name index."""
    monkeypatch.setattr(views, "LARGE", request.param)


def names(page: str) -> list[str]:
    import re

    return re.findall(r'<a href="/deltagere/\d+/">(Deltager \d+)</a>', page)


def to_fix(page: str) -> list[str]:
    import re

    return re.findall(r'<a href="/forloeb/\d+/">(Deltager \d+),', page)


def test_the_participant_list_pages_by_name_and_logs_only_what_it_shows(
    either_plan, world, client_for
):
    a = world.project_a
    fill(a, 60)
    enrol(world.project_b, person(name="Deltager 999"))  # another project's: never listed
    client = client_for(world.member)
    url = reverse("participants:project-participants", args=[a.pk])

    first = client.get(url).content.decode()
    assert names(first) == [f"Deltager {i:03d}" for i in range(50)]
    assert AccessLog.objects.filter(user=world.member, detail="list").count() == 50
    assert "Deltager 999" not in first
    after = first.split('href="?after=')[1].split('"')[0].replace("&amp;", "&")
    second = client.get(f"{url}?after={after}").content.decode()
    assert names(second) == [f"Deltager {i:03d}" for i in range(50, 60)]
    assert "?after=" not in second  # the last page
    before = second.split('href="?before=')[1].split('"')[0].replace("&amp;", "&")
    back = client.get(f"{url}?before={before}").content.decode()
    assert names(back) == names(first)
    assert AccessLog.objects.filter(user=world.member, detail="list").count() == 110


def test_the_participant_list_finds_by_name_start_and_by_whole_identifier(
    either_plan, world, client_for
):
    a = world.project_a
    fill(a, 12)
    mette = enrol(a, person(name="Mette Smed", birth=datetime.date(1984, 5, 12)))
    enrol(a, person(name="Ole Left"), leaving_date=datetime.date(2025, 9, 1))
    client = client_for(world.member)
    url = reverse("participants:project-participants", args=[a.pk])

    assert "Mette Smed" in client.get(f"{url}?q=met").content.decode()  # any case of the start
    assert names(client.get(f"{url}?q=Mette").content.decode()) == []
    cpr = mette.participant.identifier()
    found = client.get(f"{url}?q={cpr[:6]}-{cpr[6:]}").content.decode()
    assert "Mette Smed" in found and "Deltager 000" not in found
    assert "Ole Left" in client.get(f"{url}?status=left").content.decode()
    assert "Ole Left" not in client.get(f"{url}?status=active").content.decode()


def test_the_participant_list_costs_the_same_at_two_sizes(either_plan, world, client_for):
    a = world.project_a
    fill(a, 15)
    url = reverse("participants:project-participants", args=[a.pk])
    assert_constant_queries(client_for(world.member), url, lambda: fill(a, 60, "Flere"))
    assert_constant_queries(
        client_for(world.member), url + "?after=Deltager 003|1", lambda: fill(a, 30, "Endnu")
    )


def test_the_esf_report_page_pages_the_records_to_fix_and_logs_the_report_once(world, client_for):
    a = world.project_a
    for i in range(55):
        enrol(a, person(name=f"Deltager {i:03d}"), isced=None)  # incomplete: no ISCED
    enrol(a, person(name="Hel Person"))
    client = client_for(world.operator)
    url = reverse("participants:esf-report", args=[a.pk]) + f"?until={UNTIL}"

    page = client.get(url).content.decode()
    assert "56 deltagere i alt; 1 med fuldstændige oplysninger" in page
    assert len(to_fix(page)) == 50
    more = page.split("after=")[1].split("#")[0]
    rest = client.get(f"{url}&after={more}").content.decode()
    assert len(to_fix(rest)) == 5 and "after=" not in rest.split("#incomplete")[1]
    # The report is one line for the project, not one per participant; each participant's
    # page and data-subject export still say they were included.
    assert ProjectAccessLog.objects.filter(project=a, action="report").count() == 2
    assert not AccessLog.objects.filter(action="report").exists()
    participant = Enrolment.objects.get(project=a, participant__name="Hel Person").participant
    detail = client.get(reverse("participants:participant-detail", args=[participant.pk]))
    assert detail.content.decode().count("Medtaget i en rapport") == 2
    export = client_for(world.superuser).get(
        reverse("participants:data-subject-export", args=[participant.pk])
    )
    assert [line["action"] for line in json.loads(export.content)["access_log"]].count(
        "report"
    ) == 2


def test_a_report_before_someone_entered_is_not_on_their_page(world):
    a = world.project_a
    early = enrol(a, person(name="Early"), entry_date=datetime.date(2025, 1, 1))
    late = enrol(a, person(name="Late"), entry_date=datetime.date(2025, 12, 1))
    from samspil.participants.services import log_report

    log_report(world.operator, a, "ESF", until=datetime.date(2025, 6, 30))
    assert ProjectAccessLog.including(early.participant).count() == 1
    assert ProjectAccessLog.including(late.participant).count() == 0


def test_the_esf_report_page_and_xlsx_cost_the_same_at_two_sizes(world, client_for):
    a = world.project_a
    company = f.CompanyFactory(employees=20)
    for _ in range(3):
        enrol(a, person(employer=company))
        enrol(a, isced=None)

    def grow():
        for i in range(60):
            enrol(a, person(employer=f.CompanyFactory(employees=10)) if i % 3 else None)
            enrol(a, isced=None, leaving_date=datetime.date(2025, 8, 31), employed_6m="yes")

    url = reverse("participants:esf-report", args=[a.pk]) + f"?until={UNTIL}"
    assert_constant_queries(client_for(world.operator), url, grow)
    assert_constant_queries(client_for(world.operator), url + "&format=xlsx", grow)


def test_the_participant_page_costs_the_same_at_two_sizes(world, client_for):
    a = world.project_a
    shown = enrol(a, person(name="Vist"))
    client = client_for(world.operator)
    url = reverse("participants:participant-detail", args=[shown.participant_id])

    def grow():
        fill(a, 20)
        for _ in range(60):
            client.get(url)  # sixty more lines in the access log
        client.get(reverse("participants:esf-report", args=[a.pk]))

    assert_constant_queries(client, url, grow)


def test_the_participant_api_lists_cost_the_same_at_two_sizes(world, api_for, client_for):
    a = world.project_a
    fill(a, 3)
    api = api_for(world.member)
    for url in (
        "/api/v1/participants/",
        "/api/v1/enrolments/",
        f"/api/v1/enrolments/?project={a.pk}",
    ):
        assert_constant_queries(api, url, lambda: fill(a, 30, "Api"))


def test_the_indicators_edge_cases_of_age_and_six_months(world):
    """Ages at entry compared as (year, month, day): born on 29 February, 18 on 1 March of a
    common year; six months after 31 August is 28 February (add_months clamps)."""
    plus = world.project_a
    plus.fund = "esfplus"
    plus.save()
    leap = datetime.date(2000, 2, 29)
    enrol(plus, person(birth=leap), entry_date=datetime.date(2018, 2, 28))  # 17: EECO06
    enrol(plus, person(birth=leap), entry_date=datetime.date(2018, 3, 1))  # 18: EECO07
    enrol(
        plus,
        person(birth=datetime.date(1970, 3, 1)),
        entry_date=datetime.date(2025, 3, 1),  # 55 that day: EECO08
        leaving_date=datetime.date(2025, 8, 31),
        employed_6m="yes",
    )
    enrol(
        plus,
        person(birth=datetime.date(1970, 3, 2)),
        entry_date=datetime.date(2025, 3, 1),  # 54
        leaving_date=datetime.date(2025, 8, 30),
        employed_6m="yes",
    )
    enrol(plus, person(birth=None), entry_date=datetime.date(2025, 3, 1))  # no age: in none
    got = compute(plus, datetime.date(2026, 2, 28))["indicators"]
    assert (got["EECO06"]["total"], got["EECO07"]["total"], got["EECO08"]["total"]) == (1, 1, 1)
    assert got["EECR05"]["total"] == 2  # both left on or before 31 August
    day_before = compute(plus, datetime.date(2026, 2, 27))["indicators"]
    assert day_before["EECR05"]["total"] == 0  # 30 August + 6 months is 28 February
    assert indicators.left_six_months_by(datetime.date(2026, 2, 28)) == datetime.date(2025, 8, 31)


def test_the_totals_for_targets_are_the_report_totals_at_each_date(world):
    """One definition per indicator: progress follows what the report says, also for a project
    whose results end with it."""
    a, b = world.project_a, world.project_b
    b.end_date = datetime.date(2025, 10, 1)
    b.save()
    sme = f.CompanyFactory(employees=20)
    for project in (a, b):
        enrol(project, person(gender="male", employer=sme), employment_status="unemployed")
        enrol(
            project,
            person(employer=sme),
            entry_date=datetime.date(2025, 6, 1),
            leaving_date=datetime.date(2025, 9, 1),
            result_employed="yes",
        )
        enrol(project, isced=None, entry_date=datetime.date(2025, 11, 1))
    dates = [datetime.date(2025, 4, 1), datetime.date(2025, 9, 30), datetime.date(2026, 1, 1)]
    found = totals([a, b], dates)
    for project in (a, b):
        for day, point in zip(dates, found[project.pk], strict=True):
            cut = min(day, project.end_date) if project.end_date else day
            report = compute(project, cut)["indicators"]
            assert point == {code: row["total"] for code, row in report.items()}, (project, day)
    assert found[a.pk][2]["CR04"] == 1 and found[a.pk][0]["CR04"] == 0
    assert found[b.pk][2]["CO05"] == 1  # b ended: the November entry is not its own


def test_the_report_command_writes_the_same_csv(world):
    from django.core.management import call_command

    a = world.project_a
    a.code = "pa"
    a.save()
    enrol(a, person())
    out = io.StringIO()
    call_command(
        "report", "esf", "--project", "pa", "--until", str(UNTIL), "--format", "csv", stdout=out
    )
    lines = out.getvalue().splitlines()
    assert lines[:3] == ["participants_total;1", "participants_counted;1", "code;women;men;total"]
    assert "CO05;1;0;1" in lines
