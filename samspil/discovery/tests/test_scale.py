"""Needs discovery at a region's size: the pages and API lists cost the same queries whatever
the number of companies and answers, and the analysis shows its heat map and comments a page
at a time with the figures still over every answer."""

import pytest
from django.urls import reverse

from samspil.discovery import analysis, services
from samspil.discovery.analysis import analyse
from samspil.discovery.models import Answer, Invitation, Statement, Survey, Workshop
from samspil.testing import factories as f
from samspil.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def answer_all(survey, companies: int, *, relevance=4, comment="") -> None:
    """``companies`` new companies that each answer every statement of the survey."""
    statements = list(survey.statements.all())
    for _n in range(companies):
        invitation = Invitation.objects.create(
            survey=survey, company=f.CompanyFactory(), email=f"x{Invitation.objects.count()}@a.dk"
        )
        Answer.objects.bulk_create(
            Answer(
                invitation=invitation,
                statement=s,
                relevance=relevance,
                need="some",
                employees=1,
                comment=comment,
            )
            for s in statements
        )


@pytest.fixture
def sent(world, survey):
    services.send_survey(actor=world.member, survey=survey)
    return Survey.objects.get(pk=survey.pk)


def test_the_heat_map_shows_a_page_of_companies_and_the_figures_count_them_all(
    client_for, world, sent, monkeypatch
):
    monkeypatch.setattr(analysis, "HEAT_COMPANIES_PER_PAGE", 2)
    answer_all(sent, 3, relevance=5)
    first = analyse(sent)
    assert len(first.companies) == 2 and first.company_page.has_next
    assert first.results[0].distribution == [0, 0, 0, 0, 3, 0]  # all three counted
    last = analyse(sent, company_page=2)
    assert len(last.companies) == 1 and not last.company_page.has_next
    assert {c["pk"] for c in first.companies}.isdisjoint({c["pk"] for c in last.companies})
    page = client_for(world.member).get(
        reverse("discovery:analysis", args=[sent.pk]), {"virksomheder": 2}
    )
    assert last.companies[0]["name"] in page.content.decode()


def test_the_comments_come_a_page_at_a_time_and_blank_ones_are_left_out(
    client_for, world, sent, monkeypatch
):
    monkeypatch.setattr(analysis, "COMMENTS_PER_PAGE", 3)
    answer_all(sent, 2, comment="Vi mangler folk")  # 2 companies x 2 statements
    answer_all(sent, 1, comment="   ")
    first = analyse(sent)
    assert sum(len(r.comments) for r in first.results) == 3 and first.comment_page.has_next
    second = analyse(sent, comment_page=2)
    assert sum(len(r.comments) for r in second.results) == 1
    assert not second.comment_page.has_next
    # The figures do not depend on the page shown.
    assert [r.distribution for r in first.results] == [r.distribution for r in second.results]


def test_an_unreadable_page_number_shows_the_first_page(sent):
    answer_all(sent, 1)
    assert analyse(sent, company_page="²").company_page.number == 1
    assert analyse(sent, company_page="abc").companies


def test_the_discovery_pages_cost_the_same_queries_at_two_sizes(client_for, world, sent):
    def grow():
        answer_all(sent, 3, comment="Godt")
        workshop = Workshop.objects.create(
            project=world.project_a, kind="ws1", date=sent.workshop.date, theme="Mere"
        )
        Statement.objects.create(workshop=workshop, text="Nyt udsagn", theme="T")

    grow()
    client = client_for(world.member)
    for url in [
        reverse("discovery:workshop-list"),
        sent.get_absolute_url(),
        sent.workshop.get_absolute_url(),
        reverse("discovery:analysis", args=[sent.pk]),
    ]:
        assert_constant_queries(client, url, grow)


def test_the_survey_tracking_lists_the_invitations_a_page_at_a_time(client_for, world, sent):
    answer_all(sent, 51)
    client = client_for(world.member)
    first = client.get(sent.get_absolute_url())
    assert len(first.context["invitations"]) == 50
    assert first.context["tracking"]["total"] == Invitation.objects.filter(survey=sent).count()
    rest = client.get(sent.get_absolute_url(), {"page": 2})
    shown = {i.pk for i in first.context["invitations"]} | {
        i.pk for i in rest.context["invitations"]
    }
    assert len(shown) == Invitation.objects.filter(survey=sent).count()


def test_the_discovery_api_lists_cost_the_same_queries_at_two_sizes(api_for, world, sent):
    from samspil.discovery.models import NeedDecision

    def grow():
        answer_all(sent, 2, comment="Godt")
        NeedDecision.objects.create(
            survey=sent,
            statement=sent.statements.first(),
            kind="adapt",
            responsible=world.organisation_a,
        )

    grow()
    api = api_for(world.member)
    for name in ("workshops", "statements", "surveys", "invitations", "answers", "need-decisions"):
        assert_constant_queries(api, f"/api/v1/{name}/", grow)
