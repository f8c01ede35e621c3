"""Cases decided together: the rules of a decision, meetings, and who sees the cases."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from samspil.partnerships import services
from samspil.partnerships.models import Case, CaseDecision, Meeting
from samspil.testing import factories as f
from samspil.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def open_case(world, lks, **fields):
    return services.open_case(
        actor=world.member,
        partnership=world.partnership_a,
        company=lks["company"],
        need=fields.pop("need", "To svejsere mangler"),
        **fields,
    )


def test_a_member_takes_up_a_company(client_for, world, lks):
    client = client_for(world.member)
    response = client.post(
        reverse("partnerships:case-create", args=[world.partnership_a.pk]),
        {
            "company": lks["company"].pk,
            "referred_by": world.organisation_a.pk,
            "need": "To svejsere mangler",
            "status": "new",
            "referred_on": timezone.localdate().isoformat(),
        },
    )
    case = Case.objects.get()
    assert response["Location"] == case.get_absolute_url()
    assert case.created_by == world.member and case.partnership == world.partnership_a
    company_page = client.get(lks["company"].get_absolute_url()).content.decode()
    assert "Sager i samarbejderne" in company_page and "LKS A" in company_page


def test_only_members_take_up_cases(client_for, world, lks):
    url = reverse("partnerships:case-create", args=[world.partnership_a.pk])
    assert client_for(world.other_member).get(url).status_code == 404
    with pytest.raises(PermissionDenied):
        services.open_case(
            actor=world.outsider, partnership=world.partnership_a, company=lks["company"], need="x"
        )


@pytest.mark.parametrize(
    "bad, field, message",
    [
        ("foreign_tool", "tools", "er ikke i værktøjskassen for Projekt A"),
        ("outsider", "consultants", "er ikke medlem af samarbejdet"),
        ("foreign_project", "project", "Samarbejdet arbejder ikke under Projekt B"),
    ],
)
def test_a_decision_may_name_only_the_partnerships_tools_projects_and_members(
    client_for, world, lks, bad, field, message
):
    case = open_case(world, lks)
    data = {
        "text": "Jobcentret og skolen handler",
        "systems": ["employment", "education"],
        "consultants": [world.member.pk],
        "project": world.project_a.pk,
        "tools": [lks["rkv"].pk],
    }
    if bad == "foreign_tool":
        data["tools"] = [lks["foreign_tool"].pk]
    elif bad == "outsider":
        data["consultants"] = [world.other_member.pk]
    else:
        data["project"] = world.project_b.pk
        data["tools"] = []
    response = client_for(world.coordinator).post(
        reverse("partnerships:case-decide", args=[case.pk]), data
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["decision_form"].errors[field])
    assert not CaseDecision.objects.exists()
    case.refresh_from_db()
    assert case.status == "new"


def test_a_decision_makes_the_case_decided_and_the_consultant_sees_it(client_for, world, lks):
    case = open_case(world, lks)
    response = client_for(world.coordinator).post(
        reverse("partnerships:case-decide", args=[case.pk]),
        {
            "text": "Jobcentret finder en vikar",
            "systems": ["employment"],
            "consultants": [world.member.pk],
            "project": world.project_a.pk,
            "tools": [lks["rotation"].pk],
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "decided" and case.decided_on == timezone.localdate()
    decision = case.decisions.get()
    assert (
        list(decision.tools.all()) == [lks["rotation"]] and decision.decided_by == world.coordinator
    )
    home = client_for(world.member).get(reverse("home")).content.decode()
    assert "Sager tildelt mig" in home and "Ikast Metal ApS" in home


def test_a_coordinator_prepares_a_meeting_from_the_open_cases(client_for, world, lks):
    first = open_case(world, lks, need="Svejsere")
    second = open_case(world, lks, need="Ledelse")
    client = client_for(world.coordinator)
    url = reverse("partnerships:meeting-create", args=[world.partnership_a.pk])
    form = client.get(url).context["form"]
    assert set(form.fields["cases"].queryset) == {first, second}
    response = client.post(
        url,
        {
            "date": timezone.localdate().isoformat(),
            "place": "VEU-centret",
            "status": "planned",
            "attendees": [world.member.pk],
            "cases": [first.pk],
        },
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == meeting.get_absolute_url()
    assert list(meeting.cases.all()) == [first]
    first.refresh_from_db()
    assert first.status == "to_decide"
    assert client_for(world.member).get(url).status_code == 403  # members do not plan meetings


def test_decisions_during_the_meeting_swap_only_the_agenda_item(client_for, world, lks):
    case = open_case(world, lks)
    meeting = services.plan_meeting(
        actor=world.coordinator,
        partnership=world.partnership_a,
        cases=[case],
        date=timezone.localdate(),
    )
    client = client_for(world.coordinator)
    prefix = f"case-{case.pk}"
    response = client.post(
        reverse("partnerships:case-decide", args=[case.pk]),
        {
            "meeting": meeting.pk,
            f"{prefix}-text": "Skolen laver RKV",
            f"{prefix}-systems": ["education"],
            f"{prefix}-project": world.project_a.pk,
            f"{prefix}-tools": [lks["rkv"].pk],
        },
        HTTP_HX_REQUEST="true",
    )
    fragment = response.content.decode()
    assert "<html" not in fragment and f'id="agenda-case-{case.pk}"' in fragment
    assert "Beslutningen om Ikast Metal ApS er registreret." in fragment
    assert case.decisions.get().meeting == meeting
    printable = client.get(
        reverse("partnerships:meeting-print", args=[meeting.pk])
    ).content.decode()
    assert "Skolen laver RKV" in printable and "Ikast Metal ApS" in printable


def test_nothing_of_it_is_seen_from_another_partnership(client_for, api_for, world, lks):
    case = open_case(world, lks)
    meeting = services.plan_meeting(
        actor=world.coordinator,
        partnership=world.partnership_a,
        cases=[case],
        date=timezone.localdate(),
    )
    note = services.save_learning_note(
        actor=world.member,
        partnership=world.partnership_a,
        title="Sambesøg virker",
        tried="x",
        for_whom="SMV",
        result="y",
    )
    client = client_for(world.other_member)
    for url in [
        case.get_absolute_url(),
        meeting.get_absolute_url(),
        note.get_absolute_url(),
        reverse("partnerships:case-list", args=[world.partnership_a.pk]),
        reverse("partnerships:maturity", args=[world.partnership_a.pk]),
        reverse("partnerships:note-list", args=[world.partnership_a.pk]),
        reverse("partnerships:meeting-print", args=[meeting.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert "LKS A" not in client.get(lks["company"].get_absolute_url()).content.decode()
    api = api_for(world.other_member)
    assert api.get(f"/api/v1/cases/{case.pk}/").status_code == 404
    assert api.get("/api/v1/cases/").json()["results"] == []
    assert api.get("/api/v1/meetings/").json()["results"] == []
    assert api.get("/api/v1/learning-notes/").json()["results"] == []


def test_the_api_applies_the_decision_rules(api_for, world, lks):
    case = open_case(world, lks)
    api = api_for(world.coordinator)
    bad = api.post(
        f"/api/v1/cases/{case.pk}/decisions/",
        {"text": "x", "project": world.project_a.pk, "tools": [lks["foreign_tool"].pk]},
        format="json",
    )
    assert bad.status_code == 400 and "tools" in bad.json()
    good = api.post(
        f"/api/v1/cases/{case.pk}/decisions/",
        {
            "text": "Skolen handler",
            "systems": ["education"],
            "consultants": ["member"],
            "project": world.project_a.pk,
            "tools": [lks["rkv"].pk],
        },
        format="json",
    )
    assert good.status_code == 201, good.json()
    assert api_for(world.member).get(f"/api/v1/cases/{case.pk}/").json()["status"] == "decided"


def test_partnership_pages_cost_the_same_queries_at_two_sizes(client_for, world, lks):
    client = client_for(world.coordinator)
    meeting = services.plan_meeting(
        actor=world.coordinator, partnership=world.partnership_a, date=timezone.localdate()
    )

    def grow():
        from samspil.partnerships.models import AgendaItem

        for n in range(6):
            case = open_case(world, lks, need=f"Behov {n}")
            AgendaItem.objects.create(meeting=meeting, case=case, position=n)
            services.decide_case(
                actor=world.coordinator,
                case=case,
                text="OK",
                systems=["education"],
                consultants=[world.member],
                project=world.project_a,
                tools=[lks["rkv"]],
                meeting=meeting,
            )
            services.save_learning_note(
                actor=world.member,
                partnership=world.partnership_a,
                title=f"N{n}",
                tried="x",
                for_whom="y",
                result="z",
            )
            f.ContactFactory(partnership=world.partnership_a, kind="joint_visit")

    urls = [
        world.partnership_a.get_absolute_url(),
        reverse("partnerships:case-list", args=[world.partnership_a.pk]),
        meeting.get_absolute_url(),
        reverse("partnerships:meeting-print", args=[meeting.pk]),
        reverse("partnerships:maturity", args=[world.partnership_a.pk]),
        reverse("partnerships:note-list", args=[world.partnership_a.pk]),
        reverse("home"),
    ]
    for url in urls:
        assert_constant_queries(client, url, grow)
