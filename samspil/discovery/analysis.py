"""The analysis for workshop 2: statements ranked by relevance and by need, distributions, the
company-by-statement heat map and the comments, in a handful of queries whatever the size."""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from samspil.discovery.models import Answer, Invitation, QuestionAnswer

NEED_LEVELS = (Answer.Need.SOME, Answer.Need.HIGH)


@dataclass
class StatementResult:
    statement: object
    ratings: list = field(default_factory=list)  # 1-5 given by companies
    dont_know: int = 0
    companies_with_need: int = 0
    high_need: int = 0
    employees: int = 0
    comments: list = field(default_factory=list)  # (company name, text)

    @property
    def answers(self) -> int:
        return len(self.ratings) + self.dont_know

    @property
    def mean_relevance(self) -> float | None:
        return round(statistics.fmean(self.ratings), 2) if self.ratings else None

    @property
    def distribution(self) -> list[int]:
        """How many rated 1, 2, 3, 4, 5, and "don't know"."""
        return [self.ratings.count(level) for level in range(1, 6)] + [self.dont_know]


@dataclass
class SurveyAnalysis:
    survey: object
    invited: int
    answered: int
    results: list  # StatementResult, in the survey's order
    companies: list  # the companies that answered, by name
    heat: dict  # (company id, statement id) -> relevance, "?" for don't know
    questions: dict  # question -> [(company name, text)]

    def by_relevance(self) -> list:
        return sorted(
            self.results, key=lambda r: (r.mean_relevance is None, -(r.mean_relevance or 0))
        )

    def by_need(self) -> list:
        return sorted(self.results, key=lambda r: (-r.companies_with_need, -r.employees))


def analyse(survey) -> SurveyAnalysis:
    statements = list(survey.statements.order_by("position", "pk"))
    results = {s.pk: StatementResult(s) for s in statements}
    # One company answers once per statement: if two people of a company answered, the latest
    # answer counts, so companies are compared with companies.
    latest: dict[tuple[int, int], tuple] = {}
    rows = (
        Answer.objects.filter(invitation__survey=survey, invitation__withdrawn=False)
        .order_by("updated_at", "pk")
        .values_list(
            "statement",
            "invitation__company",
            "invitation__company__name",
            "relevance",
            "dont_know",
            "need",
            "employees",
            "comment",
        )
    )
    for statement, company, name, relevance, dont_know, need, employees, comment in rows:
        latest[(company, statement)] = (name, relevance, dont_know, need, employees, comment)
    heat = {}
    companies = {}
    for (company, statement), (
        name,
        relevance,
        dont_know,
        need,
        employees,
        comment,
    ) in latest.items():
        result = results.get(statement)
        if result is None:
            continue
        companies[company] = name
        if dont_know:
            result.dont_know += 1
            heat[(company, statement)] = "?"
        elif relevance:
            result.ratings.append(relevance)
            heat[(company, statement)] = relevance
        if need in NEED_LEVELS:
            result.companies_with_need += 1
            result.high_need += need == Answer.Need.HIGH
            result.employees += employees or 0
        if comment.strip():
            result.comments.append((name, comment.strip()))
    questions = defaultdict(list)
    for question, name, text in (
        QuestionAnswer.objects.filter(invitation__survey=survey)
        .exclude(text="")
        .order_by("question__position", "invitation__company__name")
        .values_list("question__text", "invitation__company__name", "text")
    ):
        questions[question].append((name, text))
    invitations = Invitation.objects.filter(survey=survey, withdrawn=False)
    return SurveyAnalysis(
        survey=survey,
        invited=invitations.values("company").distinct().count(),
        answered=invitations.filter(answered_at__isnull=False).values("company").distinct().count(),
        results=[results[s.pk] for s in statements],
        companies=sorted(
            ({"pk": pk, "name": n} for pk, n in companies.items()), key=lambda c: c["name"]
        ),
        heat=heat,
        questions=dict(questions),
    )


def companies_with_need(survey, statement):
    from samspil.companies.models import Company

    return Company.objects.filter(
        survey_invitations__survey=survey,
        survey_invitations__answers__statement=statement,
        survey_invitations__answers__need__in=NEED_LEVELS,
    ).distinct()


def decisions_for_company(company, user):
    """Workshop 2's decisions that concern a company: its own, and those for every company
    with the need where it said it had the need. Only the project's team sees them."""
    from django.db.models import Q

    from samspil.discovery.models import NeedDecision

    return (
        NeedDecision.objects.restrict(user)
        .filter(
            Q(company=company)
            | Q(
                company__isnull=True,
                statement__answers__invitation__company=company,
                statement__answers__need__in=NEED_LEVELS,
            )
        )
        .select_related("statement", "responsible", "survey")
        .distinct()
        .order_by("due_on", "pk")
    )
