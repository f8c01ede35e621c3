"""Who sees what on the pages: each persona against each page, 404 for what is out of scope."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ALL = ["member", "other_member", "outsider", "coordinator", "operator", "superuser"]


def url(name, obj=None):
    return reverse(name, args=[obj.pk] if obj is not None else [])


@pytest.mark.parametrize(
    "page",
    [
        "home",
        "organisations:list",
        "partnerships:list",
        "programmes:project-list",
        "organisations:create",
    ],
)
def test_anonymous_visitors_are_sent_to_sign_in(client, world, page):
    response = client.get(url(page))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", ALL)
def test_every_signed_in_user_sees_the_organisation_register(client_for, world, persona):
    client = client_for(getattr(world, persona))
    listing = client.get(url("organisations:list"))
    assert listing.status_code == 200
    assert world.organisation_a.name in listing.content.decode()
    assert world.organisation_b.name in listing.content.decode()
    assert client.get(url("organisations:detail", world.organisation_b)).status_code == 200


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("member", 403),  # a consultant there; only its own operators keep it
        ("operator", 200),  # nobody operates it yet, so any operator keeps it
        ("superuser", 200),
        ("other_member", 403),  # may see it, not change it
        ("outsider", 403),
        ("coordinator", 403),
    ],
)
def test_editing_an_organisation(client_for, world, persona, expected):
    client = client_for(getattr(world, persona))
    assert client.get(url("organisations:update", world.organisation_a)).status_code == expected


@pytest.mark.parametrize(
    "persona, expected", [("operator", 200), ("superuser", 200), ("member", 403), ("outsider", 403)]
)
def test_creating_an_organisation(client_for, world, persona, expected):
    assert (
        client_for(getattr(world, persona)).get(url("organisations:create")).status_code == expected
    )


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("member", 200),
        ("coordinator", 200),
        ("operator", 200),  # operates a project the partnership works under
        ("superuser", 200),
        ("other_member", 404),
        ("outsider", 404),
    ],
)
def test_partnership_page(client_for, world, persona, expected):
    response = client_for(getattr(world, persona)).get(
        url("partnerships:detail", world.partnership_a)
    )
    assert response.status_code == expected


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("member", 200),
        ("operator", 200),
        ("superuser", 200),
        ("coordinator", 404),  # coordinates the partnership, is not on the project's team
        ("other_member", 404),
        ("outsider", 404),
    ],
)
def test_project_page(client_for, world, persona, expected):
    response = client_for(getattr(world, persona)).get(
        url("programmes:project-detail", world.project_a)
    )
    assert response.status_code == expected


@pytest.mark.parametrize(
    "persona, sees_a, sees_b",
    [
        ("member", True, False),
        ("other_member", False, True),
        ("outsider", False, False),
        ("operator", True, False),
        ("superuser", True, True),
    ],
)
def test_lists_show_only_what_is_in_scope(client_for, world, persona, sees_a, sees_b):
    client = client_for(getattr(world, persona))
    partnerships = client.get(url("partnerships:list")).content.decode()
    projects = client.get(url("programmes:project-list")).content.decode()
    assert (world.partnership_a.name in partnerships) is sees_a
    assert (world.partnership_b.name in partnerships) is sees_b
    assert (world.project_a.name in projects) is sees_a
    assert (world.project_b.name in projects) is sees_b


def test_start_page_shows_the_users_own_partnerships_and_projects(client_for, world):
    page = client_for(world.member).get(url("home")).content.decode()
    assert "LKS A" in page and "Projekt A" in page and "Jobcenter Silkeborg" in page
    assert "LKS B" not in page and "Projekt B" not in page


def test_organisation_page_names_only_partnerships_the_viewer_may_see(client_for, world):
    world.partnership_b.organisations.add(world.organisation_a)
    page = client_for(world.member).get(url("organisations:detail", world.organisation_a))
    assert "LKS A" in page.content.decode()
    assert "LKS B" not in page.content.decode()
