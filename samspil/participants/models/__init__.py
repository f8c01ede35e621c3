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
    START_FORM,
    STOP_FORM,
    AccessLog,
    Answer,
    EmploymentStatus,
    Enrolment,
    Gender,
    Participant,
    ProjectAccessLog,
    YesNo,
)
