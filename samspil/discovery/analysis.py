"""The analysis for workshop 2: statements ranked by relevance and by need, distributions, the
company-by-statement heat map and the comments.

Every figure is an aggregate in the database (GROUP BY statement, counting each value with a
filter), so the cost does not grow with the number of answers; the heat map and the comments are
shown a page of companies (and of comments) at a time."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import Trim

from samspil.core.paging import UncountedPage
from samspil.discovery.models import Answer, Invitation, QuestionAnswer

NEED_LEVELS = (Answer.Need.SOME, Answer.Need.HIGH)
HEAT_COMPANIES_PER_PAGE = 50
COMMENTS_PER_PAGE = 100


@dataclass
class StatementResult:
    statement: object
    counts: list = field(default_factory=lambda: [0] * 5)  # how many rated 1, 2, 3, 4, 5
    mean: float | None = None
    dont_know: int = 0
    companies_with_need: int = 0
    high_need: int = 0
    employees: int = 0
    comments: list = field(default_factory=list)  # (company name, text), on the shown page

    @property
    def answers(self) -> int:
        return sum(self.counts) + self.dont_know

    @property
    def mean_relevance(self) -> float | None:
        return round(self.mean, 2) if self.mean is not None else None

    @property
    def distribution(self) -> list[int]:
        """How many rated 1, 2, 3, 4, 5, and "don't know"."""
        return [*self.counts, self.dont_know]


@dataclass
class SurveyAnalysis:
    survey: object
    invited: int
    answered: int
    results: list  # StatementResult, in the survey's order
    companies: list  # the companies that answered, by name, on the shown page of the heat map
    heat: dict  # (company id, statement id) -> relevance, "?" for don't know
    questions: dict  # question -> [(company name, text)]
    company_page: object = None  # the heat map's page of companies
    comment_page: object = None  # the page of comments shown

    def by_relevance(self) -> list:
        return sorted(
            self.results, key=lambda r: (r.mean_relevance is None, -(r.mean_relevance or 0))
        )

    def by_need(self) -> list:
        return sorted(self.results, key=lambda r: (-r.companies_with_need, -r.employees))


def counted_answers(survey):
    """The answers that count: one company answers once per statement, so if two people of a
    company answered, the latest answer counts and companies are compared with companies."""
    live = Answer.objects.filter(
        invitation__survey=survey,
        invitation__withdrawn=False,
        statement__in=survey.statements.values("pk"),
    )
    later = Answer.objects.filter(
        invitation__survey=survey,
        invitation__withdrawn=False,
        invitation__company=OuterRef("invitation__company"),
        statement=OuterRef("statement"),
    ).filter(
        Q(updated_at__gt=OuterRef("updated_at"))
        | Q(updated_at=OuterRef("updated_at"), pk__gt=OuterRef("pk"))
    )
    return live.filter(~Exists(later))


def _rated(value) -> Q:
    return Q(dont_know=False, relevance=value)


def _figures(counted) -> dict:
    """Per statement, every figure of the ranking in one GROUP BY."""
    rated = Q(dont_know=False, relevance__isnull=False)
    need = Q(need__in=NEED_LEVELS)
    rows = (
        counted.order_by()
        .values("statement")
        .annotate(
            mean=Avg("relevance", filter=rated),
            dont_know_count=Count("pk", filter=Q(dont_know=True)),
            with_need=Count("pk", filter=need),
            high=Count("pk", filter=Q(need=Answer.Need.HIGH)),
            employees_sum=Sum("employees", filter=need),
            **{f"r{v}": Count("pk", filter=_rated(v)) for v in range(1, 6)},
        )
    )
    return {row["statement"]: row for row in rows}


def analyse(survey, *, company_page=1, comment_page=1, details=True) -> SurveyAnalysis:
    """The figures per statement; with ``details``, also the heat map's ``company_page`` and
    the ``comment_page`` of comments and the answers to the survey's own questions."""
    statements = list(survey.statements.order_by("position", "pk"))
    results = {s.pk: StatementResult(s) for s in statements}
    counted = counted_answers(survey)
    for pk, row in _figures(counted).items():
        result = results[pk]
        result.counts = [row[f"r{v}"] for v in range(1, 6)]
        result.mean = row["mean"]
        result.dont_know = row["dont_know_count"]
        result.companies_with_need = row["with_need"]
        result.high_need = row["high"]
        result.employees = row["employees_sum"] or 0

    tracking = Invitation.objects.filter(survey=survey, withdrawn=False).aggregate(
        invited=Count("company", distinct=True),
        answered=Count("company", distinct=True, filter=Q(answered_at__isnull=False)),
    )
    analysis = SurveyAnalysis(
        survey=survey,
        invited=tracking["invited"],
        answered=tracking["answered"],
        results=[results[s.pk] for s in statements],
        companies=[],
        heat={},
        questions={},
    )
    if details:
        _details(analysis, results, counted, company_page, comment_page)
    return analysis


def _details(analysis, results, counted, company_page, comment_page) -> None:
    """The heat map, a page of companies at a time; the comments, a page at a time, by
    statement; and the answers to the survey's own questions."""
    from samspil.companies.models import Company

    answering = Company.objects.filter(
        pk__in=counted.order_by().values("invitation__company")
    ).order_by("name", "pk")
    companies = UncountedPage.of(
        answering.values("pk", "name"), company_page, HEAT_COMPANIES_PER_PAGE
    )
    shown = [c["pk"] for c in companies]
    heat = analysis.heat
    for company, statement, relevance, dont_know in counted.filter(
        invitation__company__in=shown
    ).values_list("invitation__company", "statement", "relevance", "dont_know"):
        if dont_know:
            heat[(company, statement)] = "?"
        elif relevance:
            heat[(company, statement)] = relevance

    comments = UncountedPage.of(
        counted.annotate(text=Trim("comment"))
        .exclude(text="")
        .order_by("statement__position", "statement", "invitation__company__name", "pk")
        .values_list("statement", "invitation__company__name", "text"),
        comment_page,
        COMMENTS_PER_PAGE,
    )
    for statement, name, text in comments:
        results[statement].comments.append((name, text))

    questions = defaultdict(list)
    for question, name, text in (
        QuestionAnswer.objects.filter(invitation__survey=analysis.survey)
        .exclude(text="")
        .order_by("question__position", "invitation__company__name")
        .values_list("question__text", "invitation__company__name", "text")
    ):
        questions[question].append((name, text))
    analysis.companies = list(companies)
    analysis.questions = dict(questions)
    analysis.company_page = companies
    analysis.comment_page = comments


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
