"""Local coordinating partnerships (LKS) of the three systems."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samspil.core.models import Municipality, ScopedQuerySet, TimeStampedModel
from samspil.organisations.models import Membership, Organisation


class Partnership(TimeStampedModel):
    """A Partnership (lokalt koordinerende samarbejde, LKS) joins organisations of business
    promotion, employment and education in an area to act on companies together."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    secretariat = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="secretariat_of",
        verbose_name=_("secretariat"),
    )
    organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="partnerships",
        verbose_name=_("member organisations"),
    )
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="partnerships", verbose_name=_("area")
    )
    projects = models.ManyToManyField(
        "programmes.Project",
        blank=True,
        related_name="partnerships",
        verbose_name=_("projects it works under"),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:detail", args=[self.pk])


class PartnershipMembership(Membership):
    """A user takes part in a partnership: as its coordinator, a consultant, or an evaluator."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("partnership"),
    )
    in_steering_group = models.BooleanField(_("in the steering group"), default=False)
    in_consultant_group = models.BooleanField(_("in the consultant group"), default=False)

    class Meta:
        ordering = ["partnership__name", "user__username"]
        verbose_name = _("partnership membership")
        verbose_name_plural = _("partnership memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "partnership"], name="one_membership_per_partnership"
            )
        ]
        default_related_name = "partnership_memberships"

    def __str__(self) -> str:
        return f"{self.user} – {self.partnership} ({self.get_role_display()})"
