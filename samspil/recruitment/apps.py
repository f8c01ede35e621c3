from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "samspil.recruitment"
    label = "recruitment"
    verbose_name = _("Recruitment and job rotation")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from samspil.core.audit import AUDIT_EXCLUDED
        from samspil.recruitment import models

        auditlog.register(
            models.Opening,
            m2m_fields={"competence_areas", "esco_skills"},
            exclude_fields=AUDIT_EXCLUDED,
        )
        auditlog.register(models.Candidate, exclude_fields=AUDIT_EXCLUDED)
        auditlog.register(models.Proposal, exclude_fields=AUDIT_EXCLUDED)
        auditlog.register(models.Rotation, exclude_fields=AUDIT_EXCLUDED)
        auditlog.register(models.Campaign, m2m_fields={"jobcentres"}, exclude_fields=AUDIT_EXCLUDED)
        # The app's scoping rules, registered on import.
        from samspil.recruitment import scoping  # noqa: F401
