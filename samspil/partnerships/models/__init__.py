"""Local coordinating partnerships (LKS): members, cases, meetings, maturity and learning."""

from samspil.partnerships.models.cases import Case, CaseDecision, CaseStatus
from samspil.partnerships.models.learning import LearningNote
from samspil.partnerships.models.maturity import (
    DIMENSION_CODES,
    DIMENSIONS,
    LEVELS,
    EvaluationRating,
    EvaluationResponse,
    EvaluationRound,
)
from samspil.partnerships.models.meetings import AgendaItem, Meeting
from samspil.partnerships.models.partnership import Partnership, PartnershipMembership

__all__ = [
    "DIMENSION_CODES",
    "DIMENSIONS",
    "LEVELS",
    "AgendaItem",
    "Case",
    "CaseDecision",
    "CaseStatus",
    "EvaluationRating",
    "EvaluationResponse",
    "EvaluationRound",
    "LearningNote",
    "Meeting",
    "Partnership",
    "PartnershipMembership",
]
