"""The course catalogue: competence areas, ESCO skills, providers and their offerings."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samspil.core.models import Municipality, ScopedQuerySet, TimeStampedModel


class EscoSkill(models.Model):
    """A skill or competence of ESCO, the European classification, in the languages we use."""

    uri = models.URLField(_("ESCO URI"), max_length=255, unique=True)
    label_da = models.CharField(_("Danish label"), max_length=300, blank=True)
    label_sv = models.CharField(_("Swedish label"), max_length=300, blank=True)
    label_en = models.CharField(_("English label"), max_length=300, blank=True)
    alt_labels = models.TextField(_("other labels"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["label_en", "uri"]
        verbose_name = _("ESCO skill")
        verbose_name_plural = _("ESCO skills")

    def __str__(self) -> str:
        return self.label_da or self.label_en or self.label_sv or self.uri


class EscoOccupation(models.Model):
    uri = models.URLField(max_length=255, unique=True)
    label_da = models.CharField(max_length=300, blank=True)
    label_sv = models.CharField(max_length=300, blank=True)
    label_en = models.CharField(max_length=300, blank=True)
    skills = models.ManyToManyField(
        EscoSkill, through="EscoOccupationSkill", related_name="occupations"
    )

    class Meta:
        ordering = ["label_en", "uri"]

    def __str__(self) -> str:
        return self.label_da or self.label_en or self.uri


class EscoOccupationSkill(models.Model):
    occupation = models.ForeignKey(EscoOccupation, on_delete=models.CASCADE)
    skill = models.ForeignKey(EscoSkill, on_delete=models.CASCADE)
    essential = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["occupation", "skill"], name="esco_relation_once")
        ]

    def __str__(self) -> str:
        return f"{self.occupation} – {self.skill}"


class CompetenceArea(TimeStampedModel):
    """A competence area (fagområde) of the controlled vocabulary that needs and offerings share."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    keywords = models.TextField(
        _("search words"), blank=True, help_text=_("Words that point to the area, in any language.")
    )
    esco_skills = models.ManyToManyField(
        EscoSkill, blank=True, related_name="competence_areas", verbose_name=_("ESCO skills")
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("competence area")
        verbose_name_plural = _("competence areas")

    def __str__(self) -> str:
        return self.name


class Provider(TimeStampedModel):
    """A provider of education: a vocational school, AMU provider, academy, VUC or other."""

    class Kind(models.TextChoices):
        VOCATIONAL_SCHOOL = "vocational_school", _("Vocational school")
        AMU_PROVIDER = "amu_provider", _("AMU provider")
        ACADEMY = "academy", _("Business academy")
        VUC = "vuc", _("VUC (general adult education)")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("municipality"),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("provider")
        verbose_name_plural = _("providers")

    def __str__(self) -> str:
        return self.name


class Level(models.TextChoices):
    """The education levels the projects lift people between."""

    NONE = "", _("None")
    UNSKILLED = "unskilled", _("Unskilled")
    SKILLED = "skilled", _("Skilled")
    ACADEMY = "academy", _("Academy level")


class Offering(TimeStampedModel):
    """An Offering is a course or education a provider offers: an AMU course, an EUV education,
    an academy module, a single subject, Danish or maths at FVU level, ..."""

    class Kind(models.TextChoices):
        AMU_COURSE = "amu_course", _("AMU course")
        AMU_PACKAGE = "amu_package", _("AMU package")
        EUV = "euv", _("EUV education")
        ACADEMY_MODULE = "academy_module", _("Academy module")
        DIPLOMA_MODULE = "diploma_module", _("Diploma module")
        SINGLE_SUBJECT = "single_subject", _("Single subject")
        FVU = "fvu", _("FVU/OBU Danish or maths")
        OTHER = "other", _("Other")

    code = models.CharField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="offerings", verbose_name=_("provider")
    )
    description = models.TextField(_("description"), blank=True)
    competence_areas = models.ManyToManyField(
        CompetenceArea, blank=True, related_name="offerings", verbose_name=_("competence areas")
    )
    esco_skills = models.ManyToManyField(
        EscoSkill, blank=True, related_name="offerings", verbose_name=_("ESCO skills")
    )
    level_from = models.CharField(_("lifts from"), max_length=10, choices=Level.choices, blank=True)
    level_to = models.CharField(_("lifts to"), max_length=10, choices=Level.choices, blank=True)
    duration_days = models.DecimalField(
        _("duration (days)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    language = models.CharField(_("language"), max_length=8, default="da")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("place")
    )
    next_start = models.DateField(_("next start"), null=True, blank=True)
    qualification_granting = models.BooleanField(
        _("formally qualification-granting"), default=False
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["title", "code"]
        indexes = [
            models.Index(fields=["title", "code"], name="offering_list_order"),
            # catalogue_version() asks for the latest change on every match.
            models.Index(fields=["updated_at"], name="offering_changed"),
        ]
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("catalogue:offering-detail", args=[self.pk])


class OfferingEmbedding(models.Model):
    """An offering's vector from the semantic ranker's model, computed once when the offering
    is saved or imported, so neither a server start nor a search encodes the catalogue.
    ``digest`` fingerprints the text that was encoded: a changed text makes the vector stale."""

    offering = models.OneToOneField(
        Offering, on_delete=models.CASCADE, primary_key=True, related_name="embedding"
    )
    model = models.CharField(max_length=60)
    digest = models.CharField(max_length=32)
    vector = models.BinaryField()  # float16, little-endian
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.offering_id} ({self.model})"
