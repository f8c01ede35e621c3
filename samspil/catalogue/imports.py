"""``samspil import offerings FILE``: the catalogue from CSV/XLSX, keyed by ``code``.

Required columns: code, title, kind, provider, description. Optional: competence_areas and
esco_skills (separated by ``;``), municipality (code or name), level_from, level_to,
duration_days, language, next_start (YYYY-MM-DD), qualification_granting (ja/nej).
An unknown provider is created; an unknown competence area or ESCO URI is a row error.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from samspil.catalogue.models import CompetenceArea, EscoSkill, Level, Offering, Provider
from samspil.core.imports import Importer, validation_errors
from samspil.core.models import Municipality

YES = {"ja", "yes", "1", "x", "sand", "true"}
NO = {"nej", "no", "0", "", "falsk", "false"}


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


class OfferingImporter(Importer):
    required = ("code", "title", "kind", "provider", "description")
    optional = (
        "competence_areas",
        "esco_skills",
        "municipality",
        "level_from",
        "level_to",
        "duration_days",
        "language",
        "next_start",
        "qualification_granting",
    )
    key = "code"

    def prepare(self, rows) -> None:
        self.existing = Offering.objects.in_bulk(
            [r.get("code", "").strip() for r in rows if r], field_name="code"
        )
        self.providers = {p.name.lower(): p for p in Provider.objects.all()}
        self.areas = {a.name.lower(): a for a in CompetenceArea.objects.all()}
        uris = {u for r in rows if r for u in _split(r.get("esco_skills", ""))}
        self.skills = {s.uri: s for s in EscoSkill.objects.filter(uri__in=uris)}
        self.municipalities = {}
        for m in Municipality.objects.all():
            self.municipalities[str(m.code)] = m
            self.municipalities[m.name.lower()] = m
        self.links = {}

    def build(self, row):
        errors: dict[str, list[str]] = {}
        code = row.get("code", "").strip()
        offering = self.existing.get(code) or Offering(code=code)
        offering.title = row.get("title", "").strip()
        offering.kind = row.get("kind", "").strip()
        offering.description = row.get("description", "")
        provider_name = row.get("provider", "").strip()
        offering._provider_name = provider_name
        if provider_name:
            provider = self.providers.get(provider_name.lower())
            offering.provider = provider or Provider(name=provider_name)
        else:
            errors["provider"] = [_("Name the provider.")]
        areas = []
        for name in _split(row.get("competence_areas", "")):
            area = self.areas.get(name.lower())
            if area is None:
                errors.setdefault("competence_areas", []).append(
                    _("Unknown competence area “%(name)s”.") % {"name": name}
                )
            areas.append(area)
        skills = []
        for uri in _split(row.get("esco_skills", "")):
            skill = self.skills.get(uri)
            if skill is None:
                errors.setdefault("esco_skills", []).append(
                    _("Unknown ESCO URI %(uri)s.") % {"uri": uri}
                )
            skills.append(skill)
        if "municipality" in row:
            value = row["municipality"].strip()
            offering.municipality = self.municipalities.get(value.lower()) if value else None
            if value and offering.municipality is None:
                errors["municipality"] = [_("Unknown municipality “%(value)s”.") % {"value": value}]
        for column in ("level_from", "level_to"):
            if column in row:
                value = row[column].strip().lower()
                if value not in Level.values:
                    errors[column] = [_("The level is one of: unskilled, skilled, academy.")]
                setattr(offering, column, value)
        if row.get("duration_days", "").strip():
            try:
                offering.duration_days = Decimal(row["duration_days"].replace(",", "."))
            except InvalidOperation:
                errors["duration_days"] = [_("The duration is a number of days.")]
        if row.get("language", "").strip():
            offering.language = row["language"].strip().lower()[:8]
        if "next_start" in row:
            value = row["next_start"].strip()
            try:
                offering.next_start = datetime.date.fromisoformat(value) if value else None
            except ValueError:
                errors["next_start"] = [_("Write the date as YYYY-MM-DD.")]
        if "qualification_granting" in row:
            value = row["qualification_granting"].strip().lower()
            if value not in YES | NO:
                errors["qualification_granting"] = [_("Write ja or nej.")]
            offering.qualification_granting = value in YES
        try:
            # Fields already found wrong are not checked twice.
            offering.full_clean(exclude=["provider", *errors], validate_unique=False)
        except ValidationError as exc:
            for column, messages in validation_errors(exc).items():
                errors.setdefault(column, []).extend(messages)
        self.links[code] = (areas, skills)
        return offering, errors

    def save(self, record) -> None:
        if record.provider.pk is None:
            existing = Provider.objects.filter(name__iexact=record.provider.name).first()
            record.provider = existing or Provider.objects.create(name=record._provider_name)
            self.providers[record.provider.name.lower()] = record.provider
        record.save()
        areas, skills = self.links[record.code]
        record.competence_areas.set(areas)
        record.esco_skills.set(skills)
