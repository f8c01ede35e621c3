import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from samspil.partnerships import services
from samspil.programmes.models import STANDARD_TOOLS, Tool

pytestmark = pytest.mark.django_db


def note(world, title, days_ago, **extra):
    return services.save_learning_note(
        actor=world.member,
        partnership=world.partnership_a,
        title=title,
        tried="Sambesøg",
        for_whom="SMV'er",
        result="Ja til RKV",
        noted_on=timezone.localdate() - datetime.timedelta(days=days_ago),
        **extra,
    )


def test_learning_notes_by_period_on_screen_in_print_and_as_a_spreadsheet(client_for, world):
    note(world, "Nyt sambesøg", 5, success_story=True, tags="sambesøg")
    note(world, "Gammel erfaring", 400)
    client = client_for(world.coordinator)
    url = reverse("partnerships:note-list", args=[world.partnership_a.pk])
    since = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    page = client.get(url, {"date_from": since}).content.decode()
    assert "Nyt sambesøg" in page and "Gammel erfaring" not in page
    printable = client.get(url, {"date_from": since, "print": "1"}).content.decode()
    assert (
        "<nav" not in printable
        and "Nyt sambesøg" in printable
        and "Hvad blev afprøvet" in printable
    )
    xlsx = client.get(url, {"export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("Dato", "Titel")
    assert {r[1] for r in rows[1:]} == {"Nyt sambesøg", "Gammel erfaring"}


def test_a_member_writes_a_note_and_only_the_author_or_coordinator_edits_it(client_for, world):
    client = client_for(world.member)
    response = client.post(
        reverse("partnerships:note-create", args=[world.partnership_a.pk]),
        {
            "title": "Jobrotation virker",
            "noted_on": timezone.localdate().isoformat(),
            "tried": "Vikar",
            "for_whom": "Små virksomheder",
            "result": "Fastansættelse",
            "tags": "jobrotation",
        },
    )
    assert response.status_code == 302
    written = world.partnership_a.learning_notes.get()
    assert written.author == world.member
    update = reverse("partnerships:note-update", args=[written.pk])
    assert client_for(world.coordinator).get(update).status_code == 200
    other = f_member_in_partnership_a(world)
    assert client_for(other).get(update).status_code == 403


def f_member_in_partnership_a(world):
    from samspil.testing import factories as f

    colleague = f.UserFactory(username="colleague")
    f.PartnershipMembershipFactory(user=colleague, partnership=world.partnership_a)
    return colleague


def test_operators_keep_the_toolbox(client_for, world):
    url = reverse("programmes:toolbox", args=[world.project_a.pk])
    assert client_for(world.member).get(url).status_code == 403
    client = client_for(world.operator)
    client.post(url, {"standard": "1"})
    assert Tool.objects.filter(project=world.project_a).count() == len(STANDARD_TOOLS)
    assert Tool.objects.filter(project=world.project_a, name="Jobrotation").exists()
    client.post(url, {"name": "Jobrotation", "description": "", "position": 0})
    assert (
        Tool.objects.filter(project=world.project_a, name="Jobrotation").count() == 1
    )  # no duplicate
    client.post(url, {"name": "Praktik i klyngen", "description": "", "position": 11})
    tool = Tool.objects.get(name="Praktik i klyngen")
    client.post(url, {"remove": tool.pk})
    assert not Tool.objects.filter(pk=tool.pk).exists()
