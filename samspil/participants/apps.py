from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "samspil.participants"
    label = "participants"
    verbose_name = _("Participants")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from samspil.core.audit import AUDIT_EXCLUDED
        from samspil.participants import (
            checks,  # noqa: F401  (registers the key checks)
            scoping,  # noqa: F401 - registers the app's scoping rules
        )
        from samspil.participants.models import (
            EducationPlan,
            Enrolment,
            Participant,
            PriorLearningAssessment,
            SchoolPeriod,
        )

        # The identifier is never written to the audit trail, not even encrypted.
        auditlog.register(
            Participant,
            exclude_fields=[
                *AUDIT_EXCLUDED,
                "identifier_encrypted",
                "identifier_hash",
                "identifier_key",
            ],
        )
        auditlog.register(Enrolment, exclude_fields=AUDIT_EXCLUDED)
        auditlog.register(PriorLearningAssessment, exclude_fields=AUDIT_EXCLUDED)
        auditlog.register(EducationPlan, exclude_fields=AUDIT_EXCLUDED)
        auditlog.register(SchoolPeriod, exclude_fields=AUDIT_EXCLUDED)
