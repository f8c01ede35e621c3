"""How far a partnership has come: its own ratings per round beside figures from its data.

Everything here is computed with a handful of set-based queries, whatever the size."""

import datetime
import statistics
from dataclasses import dataclass, field

from django.db.models import Count

from samspil.companies.models import Contact
from samspil.partnerships.models import DIMENSIONS, Case, CaseDecision, EvaluationRating, Meeting
from samspil.partnerships.models.maturity import summarise


@dataclass
class RoundFigures:
    """What the data says for the period a round looks back on."""

    contacts: int = 0
    joint_visits: int = 0
    systems_per_case: float | None = None
    cases_decided_per_meeting: float | None = None
    days_to_decision: float | None = None

    @property
    def joint_visit_share(self) -> float | None:
        return round(100 * self.joint_visits / self.contacts) if self.contacts else None


@dataclass
class RoundSummary:
    round: object
    respondents: int
    dimensions: dict = field(default_factory=dict)  # code -> summarise(...)
    figures: RoundFigures = field(default_factory=RoundFigures)


def maturity(partnership) -> list[RoundSummary]:
    """Per round: the level per dimension (mean, spread), and the data-driven figures for the
    period since the previous round closed."""
    rounds = list(partnership.evaluation_rounds.order_by("opens_on", "pk"))
    levels: dict[tuple[int, str], list[int]] = {}
    respondents: dict[int, set] = {}
    for round_id, respondent, dimension, level in EvaluationRating.objects.filter(
        response__round__partnership=partnership
    ).values_list("response__round", "response__respondent", "dimension", "level"):
        levels.setdefault((round_id, dimension), []).append(level)
        respondents.setdefault(round_id, set()).add(respondent)

    contacts = list(
        Contact.objects.filter(partnership=partnership, status=Contact.Status.DONE).values_list(
            "date", "kind"
        )
    )
    decisions = list(
        CaseDecision.objects.filter(case__partnership=partnership)
        .order_by("created_at", "pk")
        .values_list("case", "systems", "meeting", "created_at")
    )
    cases = list(
        Case.objects.filter(partnership=partnership, decided_on__isnull=False).values_list(
            "referred_on", "decided_on"
        )
    )
    meetings = dict(Meeting.objects.filter(partnership=partnership).values_list("pk", "date"))

    summaries = []
    previous_end = datetime.date.min
    for round_ in rounds:
        start, end = previous_end, round_.closes_on
        summary = RoundSummary(round_, len(respondents.get(round_.pk, ())))
        for dimension in DIMENSIONS:
            summary.dimensions[dimension.code] = summarise(
                levels.get((round_.pk, dimension.code), [])
            )
        summary.figures = _figures(start, end, contacts, decisions, cases, meetings)
        summaries.append(summary)
        previous_end = end + datetime.timedelta(days=1)
    return summaries


def _within(day, start, end) -> bool:
    return start <= day <= end


def _figures(start, end, contacts, decisions, cases, meetings) -> RoundFigures:
    figures = RoundFigures()
    in_period = [kind for day, kind in contacts if _within(day, start, end)]
    figures.contacts = len(in_period)
    figures.joint_visits = sum(1 for kind in in_period if kind == Contact.Kind.JOINT_VISIT)
    latest = {}
    decided_at_meeting: dict[int, set] = {}
    for case, systems, meeting, created in decisions:
        if _within(created.date(), start, end):
            latest[case] = systems
            if meeting is not None:
                decided_at_meeting.setdefault(meeting, set()).add(case)
    if latest:
        figures.systems_per_case = round(statistics.fmean(len(set(s)) for s in latest.values()), 1)
    held = [pk for pk, day in meetings.items() if _within(day, start, end)]
    if held:
        figures.cases_decided_per_meeting = round(
            statistics.fmean(len(decided_at_meeting.get(pk, ())) for pk in held), 1
        )
    waits = [
        (decided - referred).days for referred, decided in cases if _within(decided, start, end)
    ]
    if waits:
        figures.days_to_decision = statistics.median(waits)
    return figures


def open_case_counts(partnerships) -> dict[int, int]:
    return dict(
        Case.objects.open()
        .filter(partnership__in=partnerships)
        .values("partnership")
        .annotate(n=Count("pk"))
        .values_list("partnership", "n")
    )
