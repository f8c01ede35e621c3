import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from samspil.organisations.models import Organisation, Role
from samspil.partnerships.models import Partnership, PartnershipMembership
from samspil.programmes.models import Project, ProjectMembership

pytestmark = pytest.mark.django_db


def snapshot():
    User = get_user_model()
    return {
        "organisations": list(Organisation.objects.values_list("name", "updated_at")),
        "projects": list(Project.objects.values_list("code", "updated_at")),
        "partnerships": list(Partnership.objects.values_list("code", "updated_at")),
        "users": list(User.objects.values_list("username", "password")),
        "partnership_members": PartnershipMembership.objects.count(),
        "project_members": ProjectMembership.objects.count(),
        "audit": LogEntry.objects.count(),
    }


def sign_in(client, username):
    """Sign in on the sign-in page, as the README tells a visitor to."""
    response = client.post(reverse("login"), {"username": username, "password": "demo"})
    assert response.status_code == 302, f"{username} / demo did not sign in"


def test_running_the_demo_twice_changes_nothing():
    call_command("demo", verbosity=0)
    first = snapshot()
    call_command("demo", verbosity=0)
    assert snapshot() == first


def test_demo_accounts_are_as_the_readme_says(client):
    call_command("demo", verbosity=0)
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    operator = User.objects.get(username="operator")
    assert set(ProjectMembership.objects.filter(user=operator).values_list("role", flat=True)) == {
        Role.OPERATOR
    }
    assert ProjectMembership.objects.filter(user=operator).count() == Project.objects.count()
    consultants = User.objects.filter(username__startswith="konsulent")
    assert consultants.count() >= 3
    for consultant in consultants:
        assert PartnershipMembership.objects.filter(user=consultant).count() == 1
        assert ProjectMembership.objects.filter(user=consultant).count() == 1
    sign_in(client, "konsulent1")


def test_the_demo_region_holds_the_seeds_projects_and_three_systems():
    call_command("demo", verbosity=0)
    assert Partnership.objects.count() >= 3
    names = set(Project.objects.values_list("name", flat=True))
    assert any(name.startswith("SMUK") for name in names)
    assert any("KOMPETENCEFORSYNINGmidt" in name for name in names)
    assert "Smart Kompetens för Industrin" in names
    assert Organisation.objects.get(name="AOF Midtjylland").operated_projects.exists()
    for partnership in Partnership.objects.all():
        systems = set(partnership.organisations.values_list("system", flat=True)) - {""}
        assert systems == {"business", "employment", "education"}, partnership


def test_the_demo_shows_smuks_participants_with_one_record_to_fix(client):
    from samspil.participants.indicators import compute, incomplete
    from samspil.participants.models import EducationPlan

    call_command("demo", verbosity=0)
    smuk = Project.objects.get(code="smuk")
    report = compute(smuk, smuk.end_date)
    assert report["participants_total"] == 7 and report["participants_counted"] == 6
    assert [e.participant.name for e, _lacks in incomplete(smuk, smuk.end_date)] == ["Peter Madsen"]
    assert EducationPlan.objects.filter(enrolment__project=smuk, periods__isnull=False).exists()
    sign_in(client, "operator")
    page = client.get(f"/projekter/{smuk.pk}/deltagere/").content.decode()
    assert "Mette Jensen" in page and "120584-xxxx" in page


def test_the_demo_holds_the_vaekstforum_budget_that_adds_up():
    from samspil.programmes import budget
    from samspil.programmes.models import Programme

    call_command("demo", verbosity=0)
    project = Project.objects.get(code="kompetencer-til-vaekst")
    table = budget.summary(project)
    assert table["budget_total"]["total"] == 45_000_000 == table["financing_total"]["total"]
    assert table["problems"] == [] and table["spent_total"] == 6_380_000
    assert Programme.objects.get(code="kfmidt").projects.count() == 2


def test_the_operator_sees_the_kfmidt_programme_with_live_actuals_and_shared_companies(client):
    from samspil.programmes.models import Programme
    from samspil.programmes.tests.test_dashboard import adds_up

    call_command("demo", verbosity=0)
    programme = Programme.objects.get(code="kfmidt")
    sign_in(client, "operator")
    page = client.get(f"/programmer/{programme.pk}/").content.decode()
    assert "Støttede SMV’er" in page
    for project in programme.projects.all():  # both budgets add up
        assert adds_up(page, project.name) == "Ja"
    assert "Ikast Metal ApS" in page  # the company both projects work with
    report = client.get(f"/programmer/{programme.pk}/statusrapport/")
    assert report["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_demo_runs_a_job_rotation_that_keeps_the_rules_with_a_started_substitute():
    from samspil.recruitment import rotation
    from samspil.recruitment.models import Candidate, Rotation

    call_command("demo", verbosity=0)
    running = Rotation.objects.get()
    assert all(check.ok for check in rotation.check(running))
    assert running.substitute.person.enrolments.filter(project=running.opening.project).exists()
    assert Candidate.objects.filter(consent_given_on__isnull=True).count() == 1


def test_the_demo_is_refused_in_production_mode(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("demo", verbosity=0)
    assert not get_user_model().objects.filter(username="admin").exists()
