"""``samspil import contacts FILE``: the contact history a region brings from its old CRM or
spreadsheets, all or nothing, set-based.

Columns (see docs/import-contacts.md): ``cvr``, ``date``, ``kind``, ``status``, ``organisation``
(required); ``project``, ``partnership``, ``consultants``, ``purpose``, ``notes``, ``next_step``,
``outcome``, ``joint_organisations``. A contact is known by its company, date, kind, organisation
and project, so importing the same file twice changes nothing the second time.

Each batch of rows looks up what it refers to in one query per kind (companies by CVR, users,
their memberships, the contacts already there); the organisations, projects and partnerships
are read once. Contacts and their many-to-many rows are written with multi-row INSERTs (and
one UPDATE statement for the changed ones), and every new or changed contact gets its audit
entry, written in bulk too (``samspil.core.audit.log_bulk``).
"""

import datetime
import re

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Q, Value
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from samspil.companies.models import Company, Contact
from samspil.core import scoping
from samspil.core.audit import audit_changes, audit_snapshot, log_bulk
from samspil.core.bulk import insert_values, update_rows
from samspil.core.imports import Importer, validation_errors
from samspil.core.validators import normalise_cvr
from samspil.organisations.models import Organisation, OrganisationMembership
from samspil.partnerships.models import Partnership, PartnershipMembership
from samspil.programmes.models import Project, ProjectMembership

TEXT_COLUMNS = ("purpose", "notes", "next_step", "outcome")
# Kind, status and date are parsed and the foreign keys looked up per batch (Django's own
# check would ask the database once per row and key); what remains are the lengths.
LIMITED_COLUMNS = [column for column in TEXT_COLUMNS if Contact._meta.get_field(column).max_length]
# Words people write in old CRMs beside the labels samspil shows (any of its languages).
KIND_ALIASES = {
    "fællesbesøg": Contact.Kind.JOINT_VISIT,
    "fælles besøg": Contact.Kind.JOINT_VISIT,
    "telefon": Contact.Kind.PHONE,
    "opkald": Contact.Kind.PHONE,
    "mail": Contact.Kind.EMAIL,
    "e-post": Contact.Kind.EMAIL,
    "email": Contact.Kind.EMAIL,
}
STATUS_ALIASES = {
    "udført": Contact.Status.DONE,
    "afholdt": Contact.Status.DONE,
    "planlagt": Contact.Status.PLANNED,
}
SPLIT_PEOPLE = re.compile(r"[;,\n]")
SPLIT_ORGANISATIONS = re.compile(r"[;\n|]")


def _choices(choices, aliases) -> dict[str, str]:
    """Each value, and its label in every language samspil speaks, lower-cased."""
    from django.conf import settings

    words = dict(aliases)
    for code, _name in settings.LANGUAGES:
        with override(code):
            words.update({str(label).lower(): value for value, label in choices})
    words.update({value: value for value, _label in choices})
    return words


ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
DANISH_DATE = re.compile(r"(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4}|\d{2})")


def parse_date(value: str) -> datetime.date:
    """YYYY-MM-DD, dd.mm.yyyy, dd-mm-yyyy or dd/mm/yyyy (as Danish users write; a two-digit
    year is 20yy); a spreadsheet's date and time counts by its date. Raises ValueError."""
    value = value.strip().split("T")[0].split(" ")[0]
    if match := ISO_DATE.fullmatch(value):
        year, month, day = match.groups()
    elif match := DANISH_DATE.fullmatch(value):
        day, month, year = match.groups()
        year = f"20{year}" if len(year) == 2 else year
    else:
        raise ValueError(value)
    return datetime.date(int(year), int(month), int(day))


class _Named:
    """Records found by code or by exact name (a name only when it names one record)."""

    def __init__(self, records, *, by_code: bool):
        self.by_key: dict[str, object] = {}
        names: dict[str, list] = {}
        for record in records:
            if by_code:
                self.by_key[record.code.lower()] = record
            names.setdefault(record.name.strip().lower(), []).append(record)
        for name, found in names.items():
            if len(found) == 1:
                self.by_key.setdefault(name, found[0])
            else:
                self.by_key.setdefault(name, None)  # ambiguous: name it by its code

    def get(self, text: str):
        return self.by_key.get(text.strip().lower(), False)


class ContactImporter(Importer):
    required = ("cvr", "date", "kind", "status", "organisation")
    optional = (
        "project",
        "partnership",
        "consultants",
        "purpose",
        "notes",
        "next_step",
        "outcome",
        "joint_organisations",
    )
    key = ""  # repeats are found on the natural key below, across batches
    batch_size = 2000
    kind = "contacts"
    from samspil.programmes.totals import imported as finish  # running totals, once per file

    @property
    def kind_label(self) -> str:
        return _("contacts")

    def __init__(self, *, actor=None):
        super().__init__(actor=actor)
        self.authenticated = getattr(actor, "is_authenticated", False)
        self.restricted = self.authenticated and not actor.is_superuser
        self.seen: dict[int, int] = {}
        self.dates: dict[str, datetime.date | None] = {}  # the file's ways of writing a day
        self._reference_loaded = False

    # Looking up what the rows refer to -------------------------------------------------------

    def _load_reference(self) -> None:
        """Organisations, projects and partnerships: few, read once for the whole file."""
        self.kinds = _choices(Contact.Kind.choices, KIND_ALIASES)
        self.statuses = _choices(Contact.Status.choices, STATUS_ALIASES)
        organisations = list(Organisation.objects.only("pk", "name", "system"))
        self.organisations = {o.name.strip().lower(): o for o in organisations}
        self.organisations_by_pk = {o.pk: o for o in organisations}
        self.organisation_names = {o.pk: o.name for o in organisations}
        self.projects = _Named(Project.objects.only("pk", "code", "name"), by_code=True)
        self.partnerships = _Named(Partnership.objects.only("pk", "code", "name"), by_code=True)
        if self.restricted:
            # From the page: only into what the importing user may change.
            self.changeable = {
                "organisation": set(
                    Organisation.objects.restrict(self.actor, scoping.CHANGE).values_list(
                        "pk", flat=True
                    )
                ),
                "project": set(
                    Project.objects.restrict(self.actor, scoping.CHANGE).values_list(
                        "pk", flat=True
                    )
                ),
                "partnership": set(
                    Partnership.objects.restrict(self.actor, scoping.CHANGE).values_list(
                        "pk", flat=True
                    )
                ),
            }
        self._reference_loaded = True

    def prepare(self, rows) -> None:
        if not self._reference_loaded:
            self._load_reference()
        self.cvrs: dict[str, str | ValidationError] = {}
        if len(self.dates) > 100_000:  # a file of odd dates: keep memory bounded
            self.dates.clear()
        people = set()
        for row in rows:
            if not row:
                continue
            raw = row.get("cvr", "")
            if raw not in self.cvrs:
                try:
                    self.cvrs[raw] = normalise_cvr(raw)
                except ValidationError as exc:
                    self.cvrs[raw] = exc
            raw = row.get("date", "")
            if raw not in self.dates:
                try:
                    self.dates[raw] = parse_date(raw)
                except ValueError:
                    self.dates[raw] = None
            people.update(self._people(row.get("consultants", "")))
        numbers = [v for v in self.cvrs.values() if isinstance(v, str)]
        self.companies = {
            c.cvr: c for c in Company.objects.filter(cvr__in=numbers).only("pk", "cvr", "name")
        }
        self._load_people(people)
        self._load_existing(self._keys(rows))

    def _keys(self, rows) -> set[tuple]:
        """The keys (company, date, kind, organisation, project) the rows name, as far as
        they can be read; a row they miss is new or wrong anyway."""
        keys = set()
        for row in rows:
            if not row:
                continue
            cvr = self.cvrs.get(row.get("cvr", ""))
            company = self.companies.get(cvr) if isinstance(cvr, str) else None
            day = self.dates.get(row.get("date", ""))
            kind = self.kinds.get(row.get("kind", "").strip().lower())
            organisation = self.organisations.get(row.get("organisation", "").strip().lower())
            project = None
            if row.get("project", "").strip():
                project = self.projects.get(row["project"]) or None
                if project is None:
                    continue
            if company and day and kind and organisation:
                keys.add((company.pk, day, kind, organisation.pk, project and project.pk))
        return keys

    @staticmethod
    def _parse_date(text: str):
        try:
            return parse_date(text)
        except ValueError:
            return None

    @staticmethod
    def _people(text: str) -> list[str]:
        return [p.strip().lower() for p in SPLIT_PEOPLE.split(text or "") if p.strip()]

    def _load_people(self, names) -> None:
        """Users by username or e-mail (one query) and their memberships (one query)."""
        self.users: dict[str, object] = {}
        self.memberships: dict[int, set[tuple[str, int]]] = {}  # user: (kind, pk) they are in
        if not names:
            return
        found = (
            get_user_model()
            .objects.annotate(email_lower=Lower("email"), username_lower=Lower("username"))
            .filter(Q(username_lower__in=names) | Q(email_lower__in=names))
            .only("pk", "username", "email")
        )
        for user in found:
            self.users[user.username_lower] = user
            if user.email_lower:
                # Two users with one e-mail address: the address names neither.
                known = self.users.get(user.email_lower)
                same = known is None or known.pk == user.pk
                self.users[user.email_lower] = user if same else None
        ids = {u.pk for u in self.users.values() if u is not None}
        if not ids:
            return
        memberships = (
            OrganisationMembership.objects.filter(user__in=ids)
            .order_by()
            .values_list("user_id", Value("organisation"), "organisation_id")
            .union(
                PartnershipMembership.objects.filter(user__in=ids)
                .order_by()
                .values_list("user_id", Value("partnership"), "partnership_id"),
                ProjectMembership.objects.filter(user__in=ids)
                .order_by()
                .values_list("user_id", Value("project"), "project_id"),
                all=True,
            )
        )
        for user_id, kind, pk in memberships:
            self.memberships.setdefault(user_id, set()).add((kind, pk))

    def _load_existing(self, wanted: set[tuple]) -> None:
        """The contacts already there with a key the batch names, with their people."""
        self.existing: dict[tuple, Contact] = {}
        if not wanted:
            return
        through = Contact.organisations.through
        keys = through.objects.filter(
            contact__company_id__in={key[0] for key in wanted},
            contact__date__in={key[1] for key in wanted},
        ).values_list(
            "contact__company_id",
            "contact__date",
            "contact__kind",
            "organisation_id",
            "contact__project_id",
            "contact_id",
        )
        by_key: dict[tuple, int] = {}
        for *key, contact_id in keys:
            key = tuple(key)
            if key in wanted:
                by_key[key] = min(contact_id, by_key.get(key, contact_id))
        if not by_key:
            return
        ids = set(by_key.values())
        contacts = Contact.objects.in_bulk(ids)
        organisations: dict[int, list[int]] = {}
        consultants: dict[int, list[tuple[int, str]]] = {}
        for contact_id, organisation_id in through.objects.filter(contact_id__in=ids).values_list(
            "contact_id", "organisation_id"
        ):
            organisations.setdefault(contact_id, []).append(organisation_id)
        for contact_id, user_id, username in Contact.consultants.through.objects.filter(
            contact_id__in=ids
        ).values_list("contact_id", "user_id", "user__username"):
            consultants.setdefault(contact_id, []).append((user_id, username))
        changeable = ids
        if self.restricted:
            changeable = set(
                Contact.objects.restrict(self.actor, scoping.CHANGE)
                .filter(pk__in=ids)
                .values_list("pk", flat=True)
            )
        for key, contact_id in by_key.items():
            contact = contacts[contact_id]
            contact._import_organisations = sorted(organisations.get(contact_id, []))
            people = sorted(consultants.get(contact_id, []))
            contact._import_consultants = [pk for pk, _name in people]
            contact._import_names = {
                "organisations": sorted(
                    self.organisation_names.get(pk, str(pk)) for pk in contact._import_organisations
                ),
                "consultants": sorted(name for _pk, name in people),
            }
            contact._import_may_change = contact_id in changeable
            self.existing[key] = contact

    # One row --------------------------------------------------------------------------------

    def _organisation(self, text: str, column: str, errors) -> Organisation | None:
        organisation = self.organisations.get(text.strip().lower())
        if organisation is None:
            errors.setdefault(column, []).append(
                _("Unknown organisation “%(name)s”.") % {"name": text.strip()}
            )
        elif self.restricted and organisation.pk not in self.changeable["organisation"]:
            errors.setdefault(column, []).append(
                _("You may not register contacts for %(name)s.") % {"name": organisation}
            )
            return None
        return organisation

    def _joint_organisations(self, text: str, errors) -> list[Organisation]:
        text = text.strip()
        if not text:
            return []
        if SPLIT_ORGANISATIONS.search(text) or text.lower() in self.organisations:
            names = SPLIT_ORGANISATIONS.split(text)
        else:
            names = text.split(",")  # a comma only when the whole cell names no organisation
        found = []
        for name in names:
            if name.strip():
                found.append(self._organisation(name, "joint_organisations", errors))
        return [o for o in found if o is not None]

    def _named(self, registry, text: str, column: str, errors):
        """A project or partnership by code or exact name, if the importing user may use it."""
        text = text.strip()
        if not text:
            return None
        record = registry.get(text)
        project = column == "project"
        if record is False:
            message = (
                _("Unknown project “%(name)s”: write its code or its exact name.")
                if project
                else _("Unknown partnership “%(name)s”: write its code or its exact name.")
            )
        elif record is None:
            message = (
                _("More than one project is called “%(name)s”: write its code.")
                if project
                else _("More than one partnership is called “%(name)s”: write its code.")
            )
        elif self.restricted and record.pk not in self.changeable[column]:
            message = (
                _("You may not register contacts in the project %(name)s.")
                if project
                else _("You may not register contacts in the partnership %(name)s.")
            )
            text = str(record)
        else:
            return record
        errors[column] = [message % {"name": text}]
        return None

    def build(self, row):
        errors: dict[str, list[str]] = {}
        company = None
        cvr = self.cvrs.get(row.get("cvr", ""))
        if cvr is None:  # a row prepare() did not see (should not happen)
            try:
                cvr = normalise_cvr(row.get("cvr", ""))
            except ValidationError as exc:
                cvr = exc
        if isinstance(cvr, ValidationError):
            errors["cvr"] = cvr.messages
        else:
            company = self.companies.get(cvr)
            if company is None:
                errors["cvr"] = [_("No company with CVR %(cvr)s is registered.") % {"cvr": cvr}]
        raw = row.get("date", "")
        day = self.dates[raw] if raw in self.dates else self._parse_date(raw)
        if day is None:
            errors["date"] = [
                _("“%(value)s” is not a date: write YYYY-MM-DD or dd.mm.yyyy.")
                % {"value": row.get("date", "")}
            ]
        kind = self.kinds.get(row.get("kind", "").strip().lower())
        if kind is None:
            errors["kind"] = [
                _("Unknown kind “%(value)s”; write one of: %(choices)s.")
                % {"value": row.get("kind", ""), "choices": ", ".join(Contact.Kind.values)}
            ]
        status = self.statuses.get(row.get("status", "").strip().lower())
        if status is None:
            errors["status"] = [
                _("Unknown status “%(value)s”; write done or planned.")
                % {"value": row.get("status", "")}
            ]
        organisation = None
        if not row.get("organisation", "").strip():
            errors["organisation"] = [_("Choose at least one organisation taking part.")]
        else:
            organisation = self._organisation(row["organisation"], "organisation", errors)
        joint = self._joint_organisations(row.get("joint_organisations", ""), errors)
        project = self._named(self.projects, row.get("project", ""), "project", errors)
        partnership = None
        if "partnership" in row:
            partnership = self._named(self.partnerships, row["partnership"], "partnership", errors)

        key = None
        if company and day and kind and organisation and "project" not in errors:
            key = (company.pk, day, kind, organisation.pk, project.pk if project else None)
        contact = self.existing.get(key) if key else None
        before = None
        if contact is None:
            contact = Contact(created_by=self.actor if self.authenticated else None)
            contact._import_organisations = []
            contact._import_consultants = []
        else:
            before = self._state(contact)
            contact._import_audit = audit_snapshot(contact)
        contact.company = company
        contact.date = day
        contact.kind = kind or ""
        contact.status = status or ""
        contact.project = project
        if "partnership" in row:
            contact.partnership = partnership
        for column in TEXT_COLUMNS:
            if column in row:
                setattr(contact, column, row[column])

        organisations = [organisation] if organisation else []
        if "joint_organisations" not in row and before is not None:
            # The column left out: the organisations already on the contact stay.
            joint = [
                self.organisations_by_pk[pk]
                for pk in contact._import_organisations
                if pk in self.organisations_by_pk
            ]
        organisations += [o for o in joint if o not in organisations]
        # The rule of samspil.companies.services.check_contact, for the imported rows.
        if (
            contact.kind == Contact.Kind.JOINT_VISIT
            and organisation
            and len({o.system for o in organisations if o.system}) < 2
        ):
            errors.setdefault("joint_organisations", []).append(
                _("A joint visit has organisations from at least two of the three systems.")
            )
        names_before = getattr(contact, "_import_names", {"organisations": [], "consultants": []})
        consultants = contact._import_consultants
        consultant_names = names_before["consultants"]
        if "consultants" in row:
            people = self._consultants(row["consultants"], organisations, contact, errors)
            consultants = [user.pk for user in people]
            consultant_names = sorted({user.username for user in people})
        # What Contact.clean_fields() would say that is not checked above: the lengths.
        for column in LIMITED_COLUMNS:
            try:
                Contact._meta.get_field(column).run_validators(getattr(contact, column))
            except ValidationError as exc:
                errors.setdefault(column, []).extend(exc.messages)
        try:
            contact.clean()
        except ValidationError as exc:
            for column, messages in validation_errors(exc).items():
                errors.setdefault(column, []).extend(messages)
        if key and not errors:
            digest = hash(key)  # an int a row (about 80 bytes with its entry), not the key
            if digest in self.seen:
                errors["date"] = [
                    _(
                        "Repeats row %(row)s: the same company, date, kind, organisation and "
                        "project."
                    )
                    % {"row": self.seen[digest]}
                ]
            else:
                self.seen[digest] = self.row_number
        contact._import_names_before = names_before
        contact._import_organisations = sorted(o.pk for o in organisations)
        contact._import_consultants = sorted(set(consultants))
        contact._import_names = {
            "organisations": sorted(o.name for o in organisations),
            "consultants": consultant_names,
        }
        if before is not None:
            contact._import_before = before
            contact._import_changed = self._state(contact) != before
            if contact._import_changed and not contact._import_may_change:
                errors.setdefault("organisation", []).append(
                    _(
                        "This contact is already in samspil and you may not change it; "
                        "leave the row out or ask who registered it."
                    )
                )
        return contact, errors

    def _consultants(self, text, organisations, contact, errors) -> list:
        people = []
        names = self._people(text)
        if not names:
            return people
        where = {("organisation", o.pk) for o in organisations}
        if contact.partnership_id:
            where.add(("partnership", contact.partnership_id))
        if contact.project_id:
            where.add(("project", contact.project_id))
        for name in names:
            user = self.users.get(name)
            if user is None:
                message = (
                    _("“%(name)s” names more than one user; write the username.")
                    if name in self.users
                    else _("No user with the username or e-mail “%(name)s”.")
                )
                errors.setdefault("consultants", []).append(message % {"name": name})
                continue
            if where.isdisjoint(self.memberships.get(user.pk, ())):
                errors.setdefault("consultants", []).append(
                    _(
                        "%(user)s is not a member of the contact's organisations, "
                        "partnership or project."
                    )
                    % {"user": user.username}
                )
                continue
            people.append(user)
        return people

    @staticmethod
    def _state(contact) -> tuple:
        return (
            contact.status,
            contact.partnership_id,
            *(getattr(contact, column) for column in TEXT_COLUMNS),
            tuple(contact._import_organisations),
            tuple(contact._import_consultants),
        )

    # Writing a batch ------------------------------------------------------------------------

    def save(self, record) -> None:
        """One record at a time (a base class without batches); batches are the fast path."""
        self.save_batch([record])

    def save_batch(self, records) -> None:
        new = [c for c in records if c.pk is None]
        changed = [c for c in records if c.pk is not None and getattr(c, "_import_changed", True)]
        now = timezone.now()
        for contact in new:
            contact.created_at = contact.updated_at = now
        insert_returning_pks(new)
        if changed:
            update_rows(Contact, changed, ["status", "partnership", *TEXT_COLUMNS])
            ids = [c.pk for c in changed]
            Contact.organisations.through.objects.filter(contact_id__in=ids).delete()
            Contact.consultants.through.objects.filter(contact_id__in=ids).delete()
        written = new + changed
        insert_values(
            Contact.organisations.through,
            ("contact_id", "organisation_id"),
            [(c.pk, pk) for c in written for pk in c._import_organisations],
        )
        insert_values(
            Contact.consultants.through,
            ("contact_id", "user_id"),
            [(c.pk, pk) for c in written for pk in c._import_consultants],
        )
        self._audit(new, changed)

    def _audit(self, new, changed) -> None:
        """One audit entry per new or changed contact, written in bulk (the signals that
        write them one by one do not fire for bulk writes), with the organisations and
        consultants on it."""
        for contacts, action in ((new, LogEntry.Action.CREATE), (changed, LogEntry.Action.UPDATE)):
            changes = []
            for contact in contacts:
                before = getattr(contact, "_import_audit", None)
                diff = audit_changes(before, contact) or {}
                for name in ("organisations", "consultants"):
                    if contact._import_names[name] != contact._import_names_before[name]:
                        # On an update: the organisations or people on the contact after it.
                        diff[name] = {
                            "type": "m2m",
                            "operation": "add" if contact._import_names[name] else "delete",
                            "objects": contact._import_names[name]
                            or contact._import_names_before[name],
                        }
                changes.append(diff)
            log_bulk(
                contacts, action, actor=self.actor if self.authenticated else None, changes=changes
            )


# Writing many rows ---------------------------------------------------------------------------
# Django's bulk_create prepares every value of every object through its field (about half the
# time of a large import goes there); contacts have plain values, so they are written with one
# multi-row INSERT … RETURNING per chunk, as bulk_create does, with the values adapted per column.


def insert_returning_pks(records, *, chunk: int = 500) -> None:
    """INSERT ``records`` (new, of one model, every value set) and give each its pk."""
    if not records:
        return
    model = type(records[0])
    if not connection.features.can_return_rows_from_bulk_insert:  # pragma: no cover
        model.objects.bulk_create(records, batch_size=chunk)
        return
    ops = connection.ops
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    adapt = []
    for f in fields:
        if isinstance(f, models.DateTimeField):
            adapt.append((f.attname, ops.adapt_datetimefield_value))
        elif isinstance(f, models.DateField):
            adapt.append((f.attname, ops.adapt_datefield_value))
        else:
            adapt.append((f.attname, None))
    columns = ", ".join(ops.quote_name(f.column) for f in fields)
    one_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    table = ops.quote_name(model._meta.db_table)
    pk = ops.quote_name(model._meta.pk.column)
    with connection.cursor() as cursor:
        for start in range(0, len(records), chunk):
            part = records[start : start + chunk]
            params = []
            for record in part:
                for attname, adapter in adapt:
                    value = getattr(record, attname)
                    params.append(adapter(value) if adapter and value is not None else value)
            values = ", ".join([one_row] * len(part))
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {values} RETURNING {pk}", params
            )
            for record, (value,) in zip(part, cursor.fetchall(), strict=True):
                record.pk = value
                record._state.adding = False
                record._state.db = connection.alias
