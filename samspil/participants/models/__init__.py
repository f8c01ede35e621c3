"""Participants: people, their enrolments with the ESF forms, the access log, and their
education: prior-learning assessments and education plans."""

from samspil.participants.models.education import (  # noqa: F401
    EducationPlan,
    PriorLearningAssessment,
    SchoolPeriod,
)
from samspil.participants.models.people import (  # noqa: F401
    CHARACTERISTICS,
    RESULTS,
    AccessLog,
    Answer,
    EmploymentStatus,
    Enrolment,
    Gender,
    Participant,
    YesNo,
)
