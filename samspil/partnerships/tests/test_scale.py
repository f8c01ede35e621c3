"""Partnerships at a region's size: the API lists cost the same queries whatever the number of
cases, meetings, rounds and notes, the lists come a page at a time, and the learning notes'
export reads only the columns it writes."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from samspil.partnerships import services
from samspil.partnerships.models import LearningNote
from samspil.testing import factories as f
from samspil.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def add_notes(world, n: int) -> None:
    for i in range(n):
        services.save_learning_note(
            actor=world.member,
            partnership=world.partnership_a,
            title=f"Note {i}",
            tried="x",
            for_whom="y",
            result="z",
            project=world.project_a,
        )


def test_the_partnership_api_lists_cost_the_same_queries_at_two_sizes(api_for, world, lks):
    def grow():
        for n in range(3):
            case = services.open_case(
                actor=world.member,
                partnership=world.partnership_a,
                company=lks["company"],
                need=f"Behov {n}",
            )
            services.decide_case(
                actor=world.coordinator,
                case=case,
                text="OK",
                systems=["education"],
                consultants=[world.member],
                project=world.project_a,
                tools=[lks["rkv"]],
            )
            services.plan_meeting(
                actor=world.coordinator, partnership=world.partnership_a, date=timezone.localdate()
            )
            f.PartnershipMembershipFactory(partnership=world.partnership_a)
            add_notes(world, 1)

    grow()
    api = api_for(world.coordinator)
    for name in (
        "partnerships",
        "partnership-memberships",
        "cases",
        "meetings",
        "evaluation-rounds",
        "learning-notes",
    ):
        assert_constant_queries(api, f"/api/v1/{name}/", grow)


def test_the_learning_notes_come_a_page_at_a_time_and_the_export_has_them_all(client_for, world):
    add_notes(world, 51)
    client = client_for(world.coordinator)
    url = reverse("partnerships:note-list", args=[world.partnership_a.pk])
    assert len(client.get(url).context["object_list"]) == 50
    assert len(client.get(url, {"page": 2}).context["object_list"]) == 1
    export = client.get(url, {"export": "csv"}).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(export), delimiter=";"))
    assert len(rows) == 52
    note = LearningNote.objects.order_by("-noted_on", "-pk").first()
    author = world.member.get_full_name() or world.member.username
    assert rows[1][1] == note.title and rows[1][-2:] == [world.project_a.name, author]
