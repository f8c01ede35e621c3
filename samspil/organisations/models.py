"""Organisations of the three systems, and the memberships that give users their roles."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samspil.core.models import Municipality, ScopedQuerySet, TimeStampedModel


class System(models.TextChoices):
    """The three policy areas (de tre systemer) that a partnership joins."""

    BUSINESS = "business", _("Business promotion")
    EMPLOYMENT = "employment", _("Employment")
    EDUCATION = "education", _("Education")


class OrganisationKind(models.TextChoices):
    BUSINESS_PROMOTION = "business_promotion", _("Business promotion")
    EMPLOYMENT = "employment", _("Employment (jobcentre, unemployment fund)")
    EDUCATION = "education", _("Education (school, academy, VUC, AMU provider)")
    LABOUR_MARKET_PARTNER = "labour_market_partner", _("Labour-market partner")
    OPERATOR = "operator", _("Project operator")
    OTHER = "other", _("Other")


# The kinds that belong to one system by definition; the others may name one or none.
SYSTEM_OF_KIND = {
    OrganisationKind.BUSINESS_PROMOTION: System.BUSINESS,
    OrganisationKind.EMPLOYMENT: System.EMPLOYMENT,
    OrganisationKind.EDUCATION: System.EDUCATION,
}


class Role(models.TextChoices):
    """A user's role in an organisation, partnership or project."""

    OPERATOR = "operator", _("Operator")
    CONSULTANT = "consultant", _("Consultant")
    COORDINATOR = "coordinator", _("Coordinator")
    EVALUATOR = "evaluator", _("Evaluator")


class Organisation(TimeStampedModel):
    """An Organisation is a public or private actor that works with companies: a jobcentre,
    a business house, a school, a union or a project operator."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    system = models.CharField(
        _("system"),
        max_length=16,
        choices=System.choices,
        blank=True,
        help_text=_("Which of the three systems the organisation belongs to, if any."),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("municipality"),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", args=[self.pk])

    def clean(self) -> None:
        # A jobcentre is in the employment system by definition; a wrong system would put the
        # organisation in the wrong column of every coordination overview.
        expected = SYSTEM_OF_KIND.get(self.kind)
        if expected and self.system and self.system != expected:
            raise ValidationError(
                {
                    "system": _(
                        "An organisation of kind “%(kind)s” belongs to the %(system)s system."
                    )
                    % {"kind": self.get_kind_display(), "system": System(expected).label.lower()}
                }
            )
        if expected and not self.system:
            self.system = expected


class Membership(TimeStampedModel):
    """What the three kinds of membership share: a user and the role they hold."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True


class OrganisationMembership(Membership):
    """A user works for an organisation in a role."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )

    class Meta:
        ordering = ["organisation__name", "user__username"]
        verbose_name = _("organisation membership")
        verbose_name_plural = _("organisation memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="one_membership_per_organisation"
            )
        ]
        default_related_name = "organisation_memberships"

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"
