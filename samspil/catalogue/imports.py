"""``samspil import offerings FILE``: the catalogue from CSV/XLSX, keyed by ``code``.

Required columns: code, title, kind, provider, description. Optional: competence_areas and
esco_skills (separated by ``;``), municipality (code or name), level_from, level_to,
duration_days, language, next_start (YYYY-MM-DD), qualification_granting (ja/nej).
An unknown provider is created; an unknown competence area or ESCO URI is a row error.
"""

import datetime
import functools
import operator
from decimal import Decimal, InvalidOperation

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from samspil.catalogue import services
from samspil.catalogue.models import CompetenceArea, EscoSkill, Level, Offering, Provider
from samspil.core.audit import audit_changes, log_bulk
from samspil.core.bulk import insert_rows, update_rows
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

    kind = "offerings"

    @property
    def kind_label(self) -> str:
        return _("offerings")

    def prepare(self, rows) -> None:
        codes = [r.get("code", "").strip() for r in rows if r]
        self.existing = Offering.objects.in_bulk(codes, field_name="code")
        if not hasattr(self, "providers"):  # few: loaded with the first batch
            self.providers = {p.name.lower(): p for p in Provider.objects.all()}
            self.areas = {a.name.lower(): a for a in CompetenceArea.objects.all()}
            self.municipalities = {}
            for m in Municipality.objects.all():
                self.municipalities[str(m.code)] = m
                self.municipalities[m.name.lower()] = m
        uris = {u for r in rows if r for u in _split(r.get("esco_skills", ""))}
        self.skills = {s.uri: s for s in EscoSkill.objects.filter(uri__in=uris)}
        # The links the batch's offerings have now, one query per kind of link.
        self.current = {}
        pks = [o.pk for o in self.existing.values()]
        for name in LINKS:
            field = Offering._meta.get_field(name)
            through = field.remote_field.through
            source, target = field.m2m_field_name() + "_id", field.m2m_reverse_field_name() + "_id"
            for offering_id, target_id in through.objects.filter(
                **{f"{source}__in": pks}
            ).values_list(source, target):
                self.current.setdefault((name, offering_id), set()).add(target_id)
        self.links = {}

    def build(self, row):
        errors: dict[str, list[str]] = {}
        code = row.get("code", "").strip()
        offering = self.existing.get(code) or Offering(code=code)
        self.remember(offering)
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
        self.links[code] = {"competence_areas": areas, "esco_skills": skills}
        if offering.pk is not None and not errors:
            offering._import_changed = bool(
                audit_changes(offering._audit_before, offering)
                or any(
                    {t.pk for t in targets} != self.current.get((name, offering.pk), set())
                    for name, targets in self.links[code].items()
                )
            )
        return offering, errors

    def save_batch(self, records) -> None:
        """Set-based: new providers, then the offerings, then their links, each written in bulk
        with their audit entries (links as auditlog records them: added and removed names)."""
        new_providers = {}
        for record in records:
            if record.provider.pk is None:
                name = record._provider_name
                new_providers.setdefault(name.lower(), Provider(name=name))
        if new_providers:
            insert_rows(Provider, list(new_providers.values()))
            log_bulk(list(new_providers.values()), LogEntry.Action.CREATE, actor=self.actor)
            self.providers.update(new_providers)
        for record in records:
            if record.provider.pk is None:
                record.provider = self.providers[record._provider_name.lower()]
        touched = [r for r in records if r.pk is not None]
        self.updated = getattr(self, "updated", []) + [r.pk for r in touched]
        self.write(Offering, records, UPDATED_FIELDS)
        # An offering whose links alone changed is still changed (the matching index follows
        # the offerings' newest change).
        # (write() clears _audit_before of those it updated; the others changed links only.)
        update_rows(Offering, [r for r in touched if r._audit_before is not None], ["updated_at"])
        entries, changes = [], []
        for name in LINKS:
            field = Offering._meta.get_field(name)
            through = field.remote_field.through
            source, target = field.m2m_field_name() + "_id", field.m2m_reverse_field_name() + "_id"
            removed, added, pending = [], [], []
            for record in records:
                wanted = {t.pk: t for t in self.links[record.code][name]}
                current = self.current.get((name, record.pk), set())
                gone = current - wanted.keys()
                new = [t for pk, t in wanted.items() if pk not in current]
                if gone:
                    removed.append(Q(**{source: record.pk, f"{target}__in": gone}))
                    pending.append((record, gone))
                if new:
                    added.extend(through(**{source: record.pk, target: t.pk}) for t in new)
                    entries.append(record)
                    changes.append(m2m_change(name, "add", [str(t) for t in new]))
            if removed:
                gone_ids = set().union(*(ids for _record, ids in pending))
                targets = field.related_model.objects.in_bulk(gone_ids)
                for record, ids in pending:
                    entries.append(record)
                    changes.append(m2m_change(name, "delete", [str(targets[i]) for i in ids]))
                through.objects.filter(functools.reduce(operator.or_, removed)).delete()
            through.objects.bulk_create(added, batch_size=500)
        log_bulk(entries, LogEntry.Action.UPDATE, actor=self.actor, changes=changes)
        self.to_encode = getattr(self, "to_encode", []) + [r.pk for r in records]

    def finish(self) -> None:
        """The new and changed offerings' vectors for the semantic ranker: encoded here when
        they are few, by the task worker once the import is committed when there are many."""
        from samspil.participants.models import EducationPlan
        from samspil.programmes import totals

        # Changed levels move the education lifts the offerings' plans count as.
        updated = getattr(self, "updated", [])
        if updated:
            plans = EducationPlan.objects.filter(education__in=updated)
            totals.changed(set(plans.values_list("enrolment__project", flat=True)), "education")
        pks = getattr(self, "to_encode", [])
        if len(pks) <= services.INLINE_LIMIT:
            services.embed_offerings(Offering.objects.filter(pk__in=pks))
        else:
            transaction.on_commit(lambda: services.embed_after_import(pks))


LINKS = ("competence_areas", "esco_skills")
UPDATED_FIELDS = [
    "title",
    "kind",
    "provider",
    "description",
    "municipality",
    "level_from",
    "level_to",
    "duration_days",
    "language",
    "next_start",
    "qualification_granting",
    "updated_at",
]


def m2m_change(field: str, operation: str, objects: list[str]) -> dict:
    return {field: {"type": "m2m", "operation": operation, "objects": objects}}
