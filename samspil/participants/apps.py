from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "samspil.participants"
    label = "participants"
    verbose_name = _("Participants")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from samspil.core.audit import AUDIT_EXCLUDED
        from samspil.participants.models import Enrolment, Participant

        # The identifier is never written to the audit trail, not even encrypted.
        auditlog.register(
            Participant, exclude_fields=[*AUDIT_EXCLUDED, "identifier_encrypted", "identifier_hash"]
        )
        auditlog.register(Enrolment, exclude_fields=AUDIT_EXCLUDED)
