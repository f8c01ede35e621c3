"""The company register, clusters of companies, and the log of every contact with a company."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samspil.core.models import Municipality, ScopedQuerySet, TimeStampedModel
from samspil.core.validators import (
    industry_title,
    normalise_cvr,
    normalise_industry_code,
    normalise_orgnr,
    normalise_p_number,
)


class SizeBand(models.TextChoices):
    """The EU's size classes by headcount (Recommendation 2003/361/EC)."""

    MICRO = "micro", _("Micro (under 10)")
    SMALL = "small", _("Small (10–49)")
    MEDIUM = "medium", _("Medium (50–249)")
    LARGE = "large", _("Large (250 or more)")

    @classmethod
    def for_employees(cls, employees: int | None):
        if employees is None:
            return None
        if employees < 10:
            return cls.MICRO
        if employees < 50:
            return cls.SMALL
        if employees < 250:
            return cls.MEDIUM
        return cls.LARGE


SME_BANDS = (SizeBand.MICRO, SizeBand.SMALL, SizeBand.MEDIUM)


class CompanyQuerySet(ScopedQuerySet):
    def with_last_contact(self):
        """Annotate each company with the date of its latest contact that took place.

        A correlated subquery over the index on (company, status, date): it is evaluated only
        for the rows a page shows, not grouped over every contact of every company."""
        latest = (
            Contact.objects.filter(company=models.OuterRef("pk"), status=Contact.Status.DONE)
            .order_by("-date")
            .values("date")[:1]
        )
        return self.annotate(last_contact=models.Subquery(latest, output_field=models.DateField()))

    def attach_last_contact(self, companies):
        """Set ``last_contact`` on a page of ``companies`` already fetched: one grouped query
        over the index on (company, status, date), made after the page is cut, so rows that
        a deep page skips are never looked up."""
        companies = list(companies)
        latest = dict(
            Contact.objects.filter(
                company__in=[company.pk for company in companies], status=Contact.Status.DONE
            )
            .values("company")
            .annotate(latest=models.Max("date"))
            .values_list("company", "latest")
            .order_by()
        )
        for company in companies:
            company.last_contact = latest.get(company.pk)
        return companies

    def contacted_since(self, day, *, contacted: bool = True):
        """Companies with (or, ``contacted=False``, without) a contact that took place on or
        after ``day``."""
        since = Contact.objects.filter(
            company=models.OuterRef("pk"), status=Contact.Status.DONE, date__gte=day
        )
        return self.filter(models.Exists(since) if contacted else ~models.Exists(since))

    def search(self, text: str):
        """Word prefixes of the name through the full-text index, and a CVR or organisation
        number prefix through its own index (see ``samspil.companies.search``)."""
        from samspil.companies.search import search_condition

        return self.filter(search_condition(text))


class Company(TimeStampedModel):
    """A Company is a private business that the public actors work with, identified by its CVR
    number (or, in a Swedish installation, its organisationsnummer)."""

    cvr = models.CharField(_("CVR number"), max_length=8, unique=True, null=True, blank=True)
    orgnr = models.CharField(
        _("organisation number"), max_length=11, unique=True, null=True, blank=True
    )
    p_number = models.CharField(_("P-number"), max_length=10, blank=True)
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="companies",
        verbose_name=_("municipality"),
    )
    industry_code = models.CharField(
        _("industry code"), max_length=6, blank=True, help_text=_("DB07, e.g. 251100.")
    )
    industry_title = models.CharField(_("industry"), max_length=200, blank=True)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    size_band = models.CharField(
        _("size"),
        max_length=8,
        choices=SizeBand.choices,
        blank=True,
        help_text=_("Follows from the number of employees when that is known."),
    )
    growth_company = models.BooleanField(_("growth company"), default=False)
    notes = models.TextField(_("notes"), blank=True)

    objects = CompanyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        indexes = [
            # The register's order (name, then id for a stable page), and its filters.
            models.Index(fields=["name", "id"], name="company_name_id"),
            models.Index(fields=["industry_code"], name="company_industry"),
            models.Index(fields=["size_band", "name"], name="company_size_name"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cvr__isnull=False) | models.Q(orgnr__isnull=False),
                name="company_has_a_registration_number",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("companies:detail", args=[self.pk])

    @property
    def registration_number(self) -> str:
        return self.cvr or self.orgnr or ""

    @property
    def is_sme(self) -> bool:
        return self.size_band in SME_BANDS

    IDENTIFIERS = (
        ("cvr", normalise_cvr),
        ("orgnr", normalise_orgnr),
        ("p_number", normalise_p_number),
        ("industry_code", normalise_industry_code),
    )

    def clean_fields(self, exclude=None) -> None:
        # Numbers are normalised (spaces, dots, a DK prefix) before their length is checked,
        # so forms, API and imports accept what people type and store one form of it.
        errors = {}
        for field, normalise in self.IDENTIFIERS:
            if exclude and field in exclude:
                continue
            value = getattr(self, field)
            if value in (None, ""):
                setattr(self, field, None if field in ("cvr", "orgnr") else "")
                continue
            try:
                setattr(self, field, normalise(value))
            except ValidationError as exc:
                errors[field] = exc.messages
        exclude = set(exclude or ()) | set(errors)
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if errors:
            raise ValidationError(errors)

    def clean(self) -> None:
        if not self.cvr and not self.orgnr:
            if settings.SAMSPIL_COUNTRY == "se":
                raise ValidationError({"orgnr": _("A company needs its organisation number.")})
            raise ValidationError({"cvr": _("A company needs its CVR number.")})
        if self.industry_code and not self.industry_title:
            self.industry_title = industry_title(self.industry_code)
        # The size band follows from the headcount; it is typed only when that is not known.
        band = SizeBand.for_employees(self.employees)
        if band:
            self.size_band = band


class ConsentBasis(models.TextChoices):
    """The lawful basis (GDPR art. 6) for keeping a contact person's details."""

    CONSENT = "consent", _("Consent from the person")
    LEGITIMATE_INTEREST = "legitimate_interest", _("Legitimate interest (business contact)")
    PUBLIC_TASK = "public_task", _("Public authority task")
    CONTRACT = "contract", _("Agreement with the company")


class ContactPerson(TimeStampedModel):
    """A person at a company whom the consultants talk to: owner, manager, HR."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="contact_persons", verbose_name=_("company")
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    consent_basis = models.CharField(
        _("basis for keeping the details"), max_length=24, choices=ConsentBasis.choices
    )
    consent_date = models.DateField(_("recorded on"), default=datetime.date.today)
    consent_note = models.CharField(_("note on the basis"), max_length=300, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["company__name", "name"]
        indexes = [models.Index(fields=["company", "name"], name="contactperson_company_name")]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self) -> str:
        return f"{self.name} ({self.company})"


class Cluster(TimeStampedModel):
    """A Cluster (virksomhedsklynge) or network is a group of companies with a shared theme,
    led by a mother company (modervirksomhed) that also carries administrative tasks."""

    class Kind(models.TextChoices):
        CLUSTER = "cluster", _("Cluster")
        NETWORK = "network", _("Network")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CLUSTER)
    theme = models.CharField(
        _("theme"), max_length=200, help_text=_("E.g. digitalisation, circular economy.")
    )
    description = models.TextField(_("description"), blank=True)
    mother_company = models.ForeignKey(
        Company,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mother_of",
        verbose_name=_("mother company"),
    )
    mother_responsibilities = models.TextField(
        _("the mother company's responsibilities"), blank=True
    )
    companies = models.ManyToManyField(
        Company, blank=True, related_name="clusters", verbose_name=_("member companies")
    )
    projects = models.ManyToManyField(
        "programmes.Project", blank=True, related_name="clusters", verbose_name=_("projects")
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("companies:cluster-detail", args=[self.pk])


class ContactQuerySet(ScopedQuerySet):
    def done(self):
        return self.filter(status=Contact.Status.DONE)

    def outreach(self):
        """Contacts that approach the company on one actor's own initiative."""
        return self.filter(kind__in=Contact.OUTREACH_KINDS)


class Contact(TimeStampedModel):
    """A Contact is one approach to a company, planned or done: a visit, a joint visit by
    several systems, a call, an e-mail, a workshop or a meeting."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("Visit")
        JOINT_VISIT = "joint_visit", _("Joint visit")
        PHONE = "phone", _("Phone call")
        EMAIL = "email", _("E-mail")
        WORKSHOP = "workshop", _("Workshop")
        MEETING = "meeting", _("Meeting")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")

    # What counts against a company's contact budget: one actor's own approach. A joint visit
    # is coordinated by definition; a workshop the company joins is not outreach.
    OUTREACH_KINDS = (Kind.VISIT, Kind.PHONE, Kind.EMAIL, Kind.MEETING)

    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="contacts", verbose_name=_("company")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices)
    date = models.DateField(_("date"))
    organisations = models.ManyToManyField(
        "organisations.Organisation", related_name="contacts", verbose_name=_("organisations")
    )
    consultants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="contacts", verbose_name=_("consultants")
    )
    project = models.ForeignKey(
        "programmes.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("project"),
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("partnership"),
    )
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    next_step = models.CharField(_("agreed next step"), max_length=300, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    budget_override_reason = models.CharField(
        _("reason for going over the contact budget"), max_length=500, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        indexes = [
            models.Index(fields=["company", "date"]),
            # A company's latest contact that took place (the register's "last contact").
            models.Index(fields=["company", "status", "date"], name="contact_company_status_date"),
            # The newest contacts first (API list), and the coordination window by date.
            models.Index(fields=["date", "id"], name="contact_date_id"),
            models.Index(fields=["date", "kind", "company"], name="contact_date_kind_company"),
            # Companies shared by projects (programmes' coordination page).
            models.Index(
                fields=["company", "project"],
                condition=models.Q(project__isnull=False),
                name="contact_company_project",
            ),
            models.Index(fields=["project", "company"], name="contact_project_company"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.company} – {self.date:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("companies:contact-detail", args=[self.pk])

    @property
    def is_outreach(self) -> bool:
        return self.kind in self.OUTREACH_KINDS

    def clean(self) -> None:
        # A contact cannot have taken place in the future; a plan may lie in the past (it then
        # shows as overdue) so that nothing typed is lost.
        if self.status == self.Status.DONE and self.date and self.date > timezone.localdate():
            raise ValidationError(
                {"date": _("A contact that has taken place cannot have a date in the future.")}
            )
