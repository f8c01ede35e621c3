"""The respondent's pages: reached by a personal link, no account, rate-limited, and showing
nothing but the respondent's own company and survey."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from samspil.core.ratelimit import rate_limited
from samspil.discovery import services
from samspil.discovery.models import Answer, Invitation, QuestionAnswer


def _answers_from(post, statements) -> dict:
    return {
        s.pk: services.AnswerInput(
            relevance=post.get(f"s{s.pk}-relevance", ""),
            need=post.get(f"s{s.pk}-need", ""),
            employees=post.get(f"s{s.pk}-employees", "").strip(),
            when=post.get(f"s{s.pk}-when", ""),
            comment=post.get(f"s{s.pk}-comment", ""),
        )
        for s in statements
    }


def _question_answers_from(post, questions) -> dict:
    return {q.pk: post.get(f"q{q.pk}", "") for q in questions}


@login_not_required
@rate_limited("survey", "SAMSPIL_SURVEY_RATE_PER_MINUTE")
def respond(request, token):
    try:
        invitation = services.open_invitation(token)
    except Invitation.DoesNotExist:
        return render(request, "discovery/respond_unknown.html", status=404)
    except services.InvitationClosed as closed:
        return render(
            request, "discovery/respond_closed.html", {"reason": closed.reason}, status=410
        )
    survey = invitation.survey
    statements = list(survey.statements.order_by("position", "pk"))
    questions = list(survey.questions.all())
    errors = {}
    saved = False
    if request.method == "POST":
        final = "submit" in request.POST
        try:
            errors = services.save_answers(
                invitation,
                _answers_from(request.POST, statements),
                _question_answers_from(request.POST, questions),
                final=final,
            )
        except services.InvitationClosed:
            return render(
                request, "discovery/respond_closed.html", {"reason": "closed"}, status=410
            )
        except ValidationError:
            return render(request, "discovery/respond_unknown.html", status=400)
        saved = not errors
        if request.htmx:
            return render(
                request,
                "discovery/_autosave_status.html",
                {"saved": saved, "errors": errors, "time": timezone.localtime()},
                status=200 if saved else 400,
            )
        if saved and final:
            invitation.refresh_from_db()
            return render(
                request,
                "discovery/respond_thanks.html",
                {"invitation": invitation, "survey": survey},
            )
    answers = {a.statement_id: a for a in Answer.objects.filter(invitation=invitation)}
    given = {a.question_id: a.text for a in QuestionAnswer.objects.filter(invitation=invitation)}
    posted = request.POST if request.method == "POST" else None
    items = [
        {
            "statement": statement,
            "errors": errors.get(statement.pk, {}),
            **_shown_answer(statement, answers.get(statement.pk), posted),
        }
        for statement in statements
    ]
    question_items = [
        {"question": q, "text": posted.get(f"q{q.pk}", "") if posted else given.get(q.pk, "")}
        for q in questions
    ]
    return render(
        request,
        "discovery/respond.html",
        {
            "invitation": invitation,
            "survey": survey,
            "items": items,
            "questions": question_items,
            "errors": errors,
            "saved": saved,
            "relevance_levels": [(str(i), str(i)) for i in range(1, 6)]
            + [("dont_know", _("Don't know"))],
            "needs": Answer.Need.choices,
            "whens": Answer.When.choices,
        },
        status=400 if errors else 200,
    )


def _shown_answer(statement, answer, posted) -> dict:
    """What the form shows for one statement: what was just posted, else what is saved."""
    if posted is not None:
        return {
            name: posted.get(f"s{statement.pk}-{name}", "")
            for name in ("relevance", "need", "employees", "when", "comment")
        }
    if answer is None:
        return dict.fromkeys(("relevance", "need", "employees", "when", "comment"), "")
    return {
        "relevance": "dont_know" if answer.dont_know else str(answer.relevance or ""),
        "need": answer.need,
        "employees": "" if answer.employees is None else answer.employees,
        "when": answer.when,
        "comment": answer.comment,
    }
