"""Every domain model is audited, and every write names its actor: pages, API by session and
by token, imports and commands."""

import datetime
import getpass
import io

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from samspil.core.audit import NOT_AUDITED, acting_as, acting_for_command, log_bulk
from samspil.programmes.models import Target
from samspil.testing import factories as f

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def domain_models():
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("samspil.")
        and not model._meta.abstract
        and not model._meta.proxy
        and not model._meta.auto_created
    ]


def test_every_domain_model_is_registered_for_audit():
    missing = [
        model._meta.label_lower
        for model in domain_models()
        if not auditlog.contains(model) and model._meta.label_lower not in NOT_AUDITED
    ]
    assert missing == [], f"not audited and not in NOT_AUDITED: {missing}"


def test_the_exceptions_name_real_models_that_are_not_registered():
    labels = {model._meta.label_lower for model in domain_models()}
    assert set(NOT_AUDITED) <= labels
    assert not [label for label in NOT_AUDITED if auditlog.contains(apps.get_model(label))]


def test_the_models_found_missing_before_are_audited():
    for label in [
        "participants.priorlearningassessment",
        "participants.educationplan",
        "participants.schoolperiod",
        "programmes.financing",
        "programmes.budgetamount",
        "programmes.activity",
        "programmes.projectpartner",
        "discovery.workshopfile",
        "discovery.invitation",
        "partnerships.agendaitem",
        "partnerships.evaluationresponse",
        "partnerships.evaluationrating",
    ]:
        assert auditlog.contains(apps.get_model(label)), label


@pytest.fixture
def dated_project(world):
    project = world.project_a
    project.start_date, project.end_date = TODAY - 365 * DAY, TODAY + 365 * DAY
    project.save()
    return project


def target_data(project):
    return {
        "project": project.pk,
        "indicator": "companies_supported",
        "value": "4",
        "due_on": (TODAY + 100 * DAY).isoformat(),
        "note": "",
    }


@pytest.mark.django_db
def test_an_api_write_by_token_records_the_tokens_user(api_for, world, dated_project):
    response = api_for(world.operator).post(
        "/api/v1/targets/", target_data(dated_project), format="json"
    )
    assert response.status_code == 201, response.json()
    entry = LogEntry.objects.get_for_object(Target.objects.get())
    assert [(e.action, e.actor) for e in entry] == [(LogEntry.Action.CREATE, world.operator)]


@pytest.mark.django_db
def test_the_token_names_the_actor_even_for_a_write_that_names_none(
    api_for, world, dated_project, monkeypatch
):
    """The token is read inside the API, after the audit middleware: the authentication
    itself names the user, so a write that does not say who acts is still attributed."""
    from samspil.programmes import services

    def save_without_actor(*, actor, target):
        target.save()
        return target

    monkeypatch.setattr(services, "save_target", save_without_actor)
    response = api_for(world.operator).post(
        "/api/v1/targets/", target_data(dated_project), format="json"
    )
    assert response.status_code == 201, response.json()
    (entry,) = LogEntry.objects.get_for_object(Target.objects.get())
    assert entry.actor == world.operator


@pytest.mark.django_db
def test_an_api_write_by_session_records_the_user(client, world, dated_project):
    client.force_login(world.operator)
    response = client.post(
        "/api/v1/targets/", target_data(dated_project), content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    (entry,) = LogEntry.objects.get_for_object(Target.objects.get())
    assert entry.actor == world.operator


@pytest.mark.django_db
def test_a_page_write_records_the_user(client_for, world):
    from samspil.companies.models import Company
    from samspil.core.models import Municipality

    response = client_for(world.member).post(
        "/virksomheder/ny/",
        {
            "cvr": "13585628",
            "name": "Ikast Metal ApS",
            "municipality": Municipality.objects.get(code=756).pk,
            "industry_code": "251100",
            "employees": "42",
        },
    )
    assert response.status_code == 302
    (entry,) = LogEntry.objects.get_for_object(Company.objects.get(cvr="13585628"))
    assert entry.actor == world.member


@pytest.mark.django_db
def test_a_nested_block_gives_the_outer_actor_back(world):
    with acting_as(world.member):
        with acting_as(world.operator):
            f.CompanyFactory(name="Inner")
        outer = f.CompanyFactory(name="Outer")
    (entry,) = LogEntry.objects.get_for_object(outer)
    assert entry.actor == world.member


@pytest.mark.django_db
def test_a_command_records_its_actor_and_the_operating_system_user(world):
    with acting_for_command("test", "operator"):
        company = f.CompanyFactory(name="Kommando")
        with acting_as(world.member):  # a service inside the command keeps the data
            other = f.CompanyFactory(name="Tjeneste")
    (entry,) = LogEntry.objects.get_for_object(company)
    assert entry.actor == world.operator
    assert entry.additional_data == {"command": "test", "os_user": getpass.getuser()}
    (inner,) = LogEntry.objects.get_for_object(other)
    assert inner.actor == world.member
    assert inner.additional_data["os_user"] == getpass.getuser()


@pytest.mark.django_db
def test_a_command_without_actor_records_the_operating_system_user(world):
    User = get_user_model()
    User.objects.filter(username=getpass.getuser()).update(username="someone-else")
    with acting_for_command("test"):
        company = f.CompanyFactory(name="Uden")
        log_bulk([f.CompanyFactory.build(name="Bulk", pk=10**6)], LogEntry.Action.CREATE)
    (entry,) = LogEntry.objects.get_for_object(company)
    assert entry.actor is None
    assert entry.additional_data["os_user"] == getpass.getuser()
    bulk = LogEntry.objects.get(object_id=10**6)
    assert bulk.additional_data["os_user"] == getpass.getuser()


@pytest.mark.django_db
def test_a_command_without_actor_is_the_user_named_as_the_operating_system_user(world):
    user = (
        f.UserFactory(username=getpass.getuser())
        if not get_user_model().objects.filter(username=getpass.getuser()).exists()
        else get_user_model().objects.get(username=getpass.getuser())
    )
    with acting_for_command("test"):
        company = f.CompanyFactory(name="Samme")
    (entry,) = LogEntry.objects.get_for_object(company)
    assert entry.actor == user


@pytest.mark.django_db
def test_an_unknown_actor_is_refused_by_the_command(world, tmp_path):
    path = tmp_path / "companies.csv"
    path.write_text("cvr,name\n", encoding="utf-8")
    with pytest.raises(CommandError, match="--actor nobody"):
        call_command("import", "companies", str(path), "--actor", "nobody", stdout=io.StringIO())


@pytest.mark.django_db
def test_an_import_command_records_its_actor_and_the_operating_system_user(world, tmp_path):
    from samspil.companies.models import Company

    path = tmp_path / "companies.csv"
    path.write_text("cvr,name\n13585628,Ikast Metal ApS\n", encoding="utf-8")
    call_command("import", "companies", str(path), "--actor", "operator", stdout=io.StringIO())
    (entry,) = LogEntry.objects.get_for_object(Company.objects.get(cvr="13585628"))
    assert entry.actor == world.operator
    assert entry.additional_data == {"command": "import companies", "os_user": getpass.getuser()}
