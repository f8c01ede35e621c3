"""The partnership's maturity self-evaluation, on CARMA's scale: canteen (kantine), club (klub),
company (kompagni). Members rate the partnership per dimension in rounds, so progress shows."""

import statistics
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samspil.core.models import ScopedQuerySet, TimeStampedModel

# "Company" here is CARMA's kompagni, not a business: the context keeps the translations apart.
LEVELS = {
    1: pgettext_lazy("maturity level", "Canteen"),
    2: pgettext_lazy("maturity level", "Club"),
    3: pgettext_lazy("maturity level", "Company"),
}


@dataclass(frozen=True)
class Dimension:
    code: str
    label: str
    descriptors: tuple  # what the partnership looks like at level 1, 2 and 3


# Written from the seeds: CARMA follows whether the three systems move from meeting over lunch
# (the canteen) through a club of regular co-operation to a company with a shared mandate.
DIMENSIONS = [
    Dimension(
        "shared_understanding",
        _("Shared understanding (samtænkning)"),
        (
            _("Each system sees the companies through its own goals and rules."),
            _("The members know each other's goals and tools and look for common ground."),
            _("The members plan from one shared picture of the companies' needs."),
        ),
    ),
    Dimension(
        "coordination",
        _("Coordination (samordning)"),
        (
            _("Members tell each other what they do, mostly afterwards."),
            _("Contacts are announced in advance and some visits are made together."),
            _("The partnership decides who acts; joint visits are the rule."),
        ),
    ),
    Dimension(
        "cooperation",
        _("Cooperation (samarbejde)"),
        (
            _("Co-operation depends on individual consultants who know each other."),
            _("Regular meetings take up concrete companies as cases."),
            _("Cases are solved together with tools from several systems and projects."),
        ),
    ),
    Dimension(
        "mandate",
        _("Mandate"),
        (
            _("The members attend without a mandate to commit their organisation."),
            _("Members can commit their organisation in ordinary cases."),
            _("The members' organisations have given the partnership a written mandate."),
        ),
    ),
    Dimension(
        "programme_theory",
        _("Programme theory"),
        (
            _("There is no shared account of how the work should make a difference."),
            _("The project's red thread is known and used in some cases."),
            _("The partnership tests and adjusts its own programme theory."),
        ),
    ),
    Dimension(
        "resources",
        _("Resources set aside"),
        (
            _("The work is done on top of ordinary tasks."),
            _("Hours for the partnership are set aside by some members."),
            _("All members set aside hours and money for joint work."),
        ),
    ),
    Dimension(
        "learning",
        _("Learning capture"),
        (
            _("Experience stays with the individual consultant."),
            _("Experience is shared at meetings and written down now and then."),
            _("The partnership records what works for whom and evaluates itself in writing."),
        ),
    ),
    Dimension(
        "communication",
        _("Communication with the member organisations"),
        (
            _("The member organisations hear little of the partnership's work."),
            _("Members report back to their organisations at times."),
            _("Knowledge is handed back systematically and changes the organisations' practice."),
        ),
    ),
    Dimension(
        "steering_group",
        _("The steering group's lead role"),
        (
            _("The steering group meets rarely and follows the work from a distance."),
            _("The steering group sets priorities once a year."),
            _("The steering group leads, removes barriers and follows the results."),
        ),
    ),
]
DIMENSION_CODES = [d.code for d in DIMENSIONS]


class EvaluationRound(TimeStampedModel):
    """A round of the self-evaluation: every member rates the partnership once."""

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="evaluation_rounds",
        verbose_name=_("partnership"),
    )
    title = models.CharField(_("title"), max_length=120)
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["opens_on", "pk"]
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partnerships:round-detail", args=[self.pk])


class EvaluationResponse(TimeStampedModel):
    """One member's answer in a round."""

    round = models.ForeignKey(
        EvaluationRound, on_delete=models.CASCADE, related_name="responses", verbose_name=_("round")
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("member"),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "respondent"], name="one_answer_per_member_and_round"
            )
        ]


class EvaluationRating(models.Model):
    """A member's rating of one dimension: 1 canteen, 2 club, 3 company."""

    response = models.ForeignKey(
        EvaluationResponse, on_delete=models.CASCADE, related_name="ratings"
    )
    dimension = models.CharField(max_length=32, choices=[(d.code, d.label) for d in DIMENSIONS])
    level = models.PositiveSmallIntegerField(choices=list(LEVELS.items()))
    comment = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "dimension"], name="one_rating_per_dimension"
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=3), name="level_on_the_scale"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension}: {self.level}"


def summarise(levels: list[int]) -> dict:
    """The partnership's level on one dimension in one round, and how far members disagree."""
    if not levels:
        return {"mean": None, "level": None, "min": None, "max": None, "spread": None, "n": 0}
    mean = statistics.fmean(levels)
    return {
        "mean": round(mean, 2),
        "level": LEVELS[min(3, max(1, int(mean + 0.5)))],
        "min": min(levels),
        "max": max(levels),
        "spread": round(statistics.pstdev(levels), 2),
        "n": len(levels),
    }
