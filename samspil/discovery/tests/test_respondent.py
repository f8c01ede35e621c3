"""The respondent's link: the token rules, saving as one goes, and nothing about others."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from samspil.discovery import services
from samspil.discovery.models import Answer, Invitation, Statement, Survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(world, survey):
    services.send_survey(actor=world.member, survey=survey)
    return Survey.objects.get(pk=survey.pk)


def link(email="kim@example.dk"):
    return Invitation.objects.get(email=email)


def fields(statement, **values):
    return {f"s{statement.pk}-{name}": value for name, value in values.items()}


def test_the_personal_link_shows_the_survey_for_that_company_only(client, sent):
    invitation = link()
    page = client.get(invitation.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Svar for Ikast Metal ApS" in html and "Vi mangler robotteknikere" in html
    assert "Herning Plast" not in html and "Sunds Tekstil" not in html
    assert "log-ud" not in html  # no account, no navigation into samspil
    invitation.refresh_from_db()
    assert invitation.opened_at is not None


def test_a_wrong_token_gets_a_clear_page(client, sent):
    page = client.get("/spoergeskema/ikke-et-rigtigt-token/")
    assert page.status_code == 404
    assert "Linket virker ikke" in page.content.decode()


def test_after_the_deadline_the_survey_is_closed_and_answers_are_refused(client, sent):
    invitation = link()
    statement = sent.statements.first()
    Survey.objects.filter(pk=sent.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    page = client.get(invitation.get_absolute_url())
    assert page.status_code == 410 and "Spørgeskemaet er lukket" in page.content.decode()
    response = client.post(invitation.get_absolute_url(), fields(statement, relevance="4"))
    assert response.status_code == 410
    assert not Answer.objects.exists()


def test_a_withdrawn_link_is_used_up(client, sent):
    invitation = link()
    Invitation.objects.filter(pk=invitation.pk).update(withdrawn=True)
    page = client.get(invitation.get_absolute_url())
    assert page.status_code == 410 and "ikke længere i brug" in page.content.decode()


def test_answers_save_as_one_goes_and_can_be_changed_until_the_deadline(client, sent):
    invitation = link()
    first, second = sent.statements.order_by("position")
    url = invitation.get_absolute_url()
    saved = client.post(
        url,
        fields(first, relevance="4", need="high", employees="3", when="now"),
        HTTP_HX_REQUEST="true",
    )
    assert saved.status_code == 200 and "Gemt kl." in saved.content.decode()
    answer = Answer.objects.get(invitation=invitation, statement=first)
    assert (answer.relevance, answer.need, answer.employees, answer.when) == (4, "high", 3, "now")
    client.post(
        url,
        fields(first, relevance="dont_know", need="some") | fields(second, relevance="2"),
        HTTP_HX_REQUEST="true",
    )
    answer.refresh_from_db()
    assert answer.dont_know and answer.relevance is None and answer.need == "some"
    assert invitation.answers.count() == 2
    done = client.post(url, fields(first, relevance="5") | {"submit": "1"})
    assert "Tak for jeres svar" in done.content.decode()
    invitation.refresh_from_db()
    assert invitation.answered_at is not None
    assert client.get(url).status_code == 200  # still open for changes


@pytest.mark.parametrize(
    "values, message",
    [
        ({"relevance": "6"}, "Relevans vurderes fra 1 til 5"),
        ({"relevance": "0"}, "Relevans vurderes fra 1 til 5"),
        ({"need": "enormous"}, "Vælg intet, noget eller stort behov."),
        ({"employees": "mange"}, "Antal ansatte skal være et helt tal."),
    ],
)
def test_answers_outside_the_scale_are_refused_and_nothing_is_saved(client, sent, values, message):
    invitation = link()
    first, second = sent.statements.order_by("position")
    response = client.post(
        invitation.get_absolute_url(), fields(first, **values) | fields(second, relevance="3")
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Answer.objects.exists()  # the good answer on the other statement is not half-saved


def test_a_token_cannot_answer_another_surveys_statements(client, sent, workshop):
    other = Survey.objects.create(workshop=workshop, title="Anden", deadline=sent.deadline)
    foreign = Statement.objects.create(workshop=workshop, text="Fremmed udsagn", theme="X")
    other.statements.set([foreign])
    with pytest.raises(ValidationError, match="hører ikke til"):
        services.save_answers(link(), {foreign.pk: services.AnswerInput(relevance="3")})
    assert not Answer.objects.exists()


def test_the_token_pages_are_rate_limited(client, sent, settings, monkeypatch):
    settings.SAMSPIL_SURVEY_RATE_PER_MINUTE = 3
    # One minute's window throughout (the requests could otherwise straddle two windows).
    monkeypatch.setattr("samspil.core.ratelimit.time", SimpleNamespace(time=lambda: 6_000_030.0))
    url = link().get_absolute_url()
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    blocked = client.get(url)
    assert blocked.status_code == 429 and blocked["Retry-After"] == "60"
    assert "For mange forespørgsler" in blocked.content.decode()
    assert client.get("/spoergeskema/gaet-et-token/").status_code == 429  # guessing is limited too


def test_the_survey_speaks_the_respondents_language(client, sent):
    url = link().get_absolute_url()
    client.cookies["django_language"] = "sv"
    assert "Hur relevant är detta" in client.get(url).content.decode()
    client.cookies["django_language"] = "en"
    assert "How relevant is this to your company?" in client.get(url).content.decode()
