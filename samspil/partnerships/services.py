"""The partnership's work: cases and decisions, meetings, the self-evaluation, learning notes."""

from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samspil.core import scoping
from samspil.core.audit import acting_as, log_bulk
from samspil.core.services import ensure_can, save_record
from samspil.organisations.models import System
from samspil.organisations.people import check_named
from samspil.partnerships.models import (
    DIMENSION_CODES,
    LEVELS,
    AgendaItem,
    Case,
    CaseDecision,
    CaseStatus,
    EvaluationRating,
    EvaluationResponse,
    EvaluationRound,
    LearningNote,
    Meeting,
    Partnership,
    PartnershipMembership,
)
from samspil.partnerships.scoping import member_of_partnership


def ensure_member(actor, partnership: Partnership) -> None:
    """Members (and those who may change the partnership) work on its cases and notes."""
    if not (
        member_of_partnership(actor, partnership) or scoping.can(actor, scoping.CHANGE, partnership)
    ):
        raise PermissionDenied


def open_case(*, actor, partnership: Partnership, **fields) -> Case:
    ensure_member(actor, partnership)
    return save_record(Case(partnership=partnership, created_by=actor), actor=actor, **fields)


def update_case(*, actor, case: Case, **fields) -> Case:
    ensure_can(actor, scoping.CHANGE, case)
    return save_record(case, actor=actor, **fields)


def check_decision(*, case: Case, systems, consultants, project, tools) -> None:
    """A decision may name only the partnership's projects, their tools, and its members."""
    errors = {}
    unknown = [s for s in systems if s not in System.values]
    if unknown:
        errors["systems"] = [_("Unknown system: %(value)s.") % {"value": ", ".join(unknown)}]
    if project is not None and not case.partnership.projects.filter(pk=project.pk).exists():
        errors["project"] = [
            _("The partnership does not work under %(project)s.") % {"project": project}
        ]
    if tools:
        if project is None:
            errors["tools"] = [_("Choose the project whose tools are used.")]
        else:
            foreign = [t for t in tools if t.project_id != project.pk]
            if foreign:
                errors["tools"] = [
                    _("%(tools)s is not in the toolbox of %(project)s.")
                    % {"tools": ", ".join(str(t) for t in foreign), "project": project}
                ]
    members = set(
        PartnershipMembership.objects.filter(partnership=case.partnership).values_list(
            "user", flat=True
        )
    )
    outsiders = [c for c in consultants if c.pk not in members]
    if outsiders:
        errors["consultants"] = [
            _("%(names)s is not a member of the partnership.")
            % {"names": ", ".join(c.get_full_name() or c.username for c in outsiders)}
        ]
    if errors:
        raise ValidationError(errors)


def decide_case(
    *,
    actor,
    case: Case,
    text: str,
    systems=(),
    consultants=(),
    project=None,
    tools=(),
    meeting=None,
) -> CaseDecision:
    """Record what the partnership decided for a case; the case is then decided."""
    ensure_can(actor, scoping.CHANGE, case)
    systems, consultants, tools = list(systems), list(consultants), list(tools)
    check_decision(
        case=case, systems=systems, consultants=consultants, project=project, tools=tools
    )
    if meeting is not None and meeting.partnership_id != case.partnership_id:
        raise ValidationError({"meeting": _("The meeting belongs to another partnership.")})
    with transaction.atomic(), acting_as(actor):
        decision = save_record(
            CaseDecision(case=case, meeting=meeting, decided_by=actor),
            actor=actor,
            text=text,
            systems=systems,
            project=project,
        )
        decision.consultants.set(consultants)
        decision.tools.set(tools)
        if case.status in (CaseStatus.NEW, CaseStatus.TO_DECIDE):
            case.status = CaseStatus.DECIDED
        case.decided_on = case.decided_on or (meeting.date if meeting else timezone.localdate())
        case.save(update_fields=["status", "decided_on", "updated_at"])
    return decision


def meeting_people(partnership: Partnership) -> dict:
    """Who may attend a partnership's meeting: its members, as the form offers
    (``samspil.organisations.people.members``)."""
    return {"partnerships": [partnership.pk]}


def check_attendees(partnership: Partnership, attendees) -> None:
    errors = {}
    check_named(errors, "attendees", list(attendees or []), **meeting_people(partnership))
    if errors:
        raise ValidationError(errors)


def plan_meeting(*, actor, partnership: Partnership, cases=(), attendees=(), **fields) -> Meeting:
    ensure_can(actor, scoping.CHANGE, partnership)
    attendees = list(attendees)
    check_attendees(partnership, attendees)
    cases = list(cases)
    foreign = [c for c in cases if c.partnership_id != partnership.pk]
    if foreign:
        raise ValidationError(
            {"cases": _("A meeting's agenda holds only the partnership's own cases.")}
        )
    with transaction.atomic(), acting_as(actor):
        meeting = save_record(Meeting(partnership=partnership), actor=actor, **fields)
        meeting.attendees.set(attendees)
        items = AgendaItem.objects.bulk_create(
            AgendaItem(meeting=meeting, case=case, position=i) for i, case in enumerate(cases)
        )
        log_bulk(items, LogEntry.Action.CREATE)
        for case in cases:  # a few: each change in the case's history
            if case.status == CaseStatus.NEW:
                case.status = CaseStatus.TO_DECIDE
                case.save(update_fields=["status", "updated_at"])
    return meeting


def update_meeting(*, actor, meeting: Meeting, attendees=None, **fields) -> Meeting:
    ensure_can(actor, scoping.CHANGE, meeting)
    if attendees is not None:
        attendees = list(attendees)
        check_attendees(meeting.partnership, attendees)
    with transaction.atomic(), acting_as(actor):
        save_record(meeting, actor=actor, **fields)
        if attendees is not None:
            meeting.attendees.set(attendees)
    return meeting


def start_round(*, actor, partnership: Partnership, **fields) -> EvaluationRound:
    ensure_can(actor, scoping.CHANGE, partnership)
    round_ = EvaluationRound(partnership=partnership, **fields)
    if round_.opens_on and round_.closes_on and round_.closes_on < round_.opens_on:
        raise ValidationError({"closes_on": _("The round closes before it opens.")})
    return save_record(round_, actor=actor)


def submit_evaluation(
    *, actor, round: EvaluationRound, ratings: dict, comments: dict | None = None
):
    """One member's ratings of every dimension, 1 (canteen) to 3 (company); once per round."""
    comments = comments or {}
    if not PartnershipMembership.objects.filter(user=actor, partnership=round.partnership).exists():
        raise PermissionDenied
    today = timezone.localdate()
    if not round.opens_on <= today <= round.closes_on:
        raise ValidationError(_("The round is not open for answers."))
    errors = {}
    for code in DIMENSION_CODES:
        level = ratings.get(code)
        try:
            level = int(level)
        except (TypeError, ValueError):
            errors[code] = [_("Choose canteen, club or company.")]
            continue
        if level not in LEVELS:
            errors[code] = [_("A rating is 1 (canteen), 2 (club) or 3 (company).")]
    extra = set(ratings) - set(DIMENSION_CODES)
    if extra:
        errors["__all__"] = [
            _("Unknown dimension: %(codes)s.") % {"codes": ", ".join(sorted(extra))}
        ]
    if EvaluationResponse.objects.filter(round=round, respondent=actor).exists():
        errors["__all__"] = [_("You have already answered this round.")]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic(), acting_as(actor):
            response = EvaluationResponse.objects.create(round=round, respondent=actor)
            rated = EvaluationRating.objects.bulk_create(
                EvaluationRating(
                    response=response,
                    dimension=code,
                    level=int(ratings[code]),
                    comment=(comments.get(code) or "")[:500],
                )
                for code in DIMENSION_CODES
            )
            log_bulk(rated, LogEntry.Action.CREATE)
    except IntegrityError as exc:  # two answers sent at the same moment
        raise ValidationError(_("You have already answered this round.")) from exc
    return response


def save_learning_note(
    *, actor, partnership: Partnership, note: LearningNote | None = None, **fields
):
    if note is None:
        ensure_member(actor, partnership)
        note = LearningNote(partnership=partnership, author=actor)
    else:
        ensure_can(actor, scoping.CHANGE, note)
    return save_record(note, actor=actor, **fields)
