"""``samspil generate``: a region's (or a country's) worth of realistic data on top of the demo,
written fast so that every page can be measured at size.

Skewed as real life is: a few companies with thousands of contacts and most with a handful;
contacts by the demo's consultants for their organisations, partnerships and projects; one
project (SMUK) with most of the participants. Deterministic for a seed, on the day it runs
(dates are relative to today so that "the last 90 days" has contacts in it). Identifiers are
valid made-up CPR numbers, encrypted and hashed by ``samspil.participants.crypto`` as the pages
do it. No audit entries are written for generated rows (see docs/benchmarks.md).
"""

import base64
import datetime
import hashlib
import hmac
import random
import time
from dataclasses import dataclass, fields

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samspil.catalogue.models import CompetenceArea, Offering, Provider
from samspil.companies.models import Cluster, Company, Contact, ContactPerson, SizeBand
from samspil.core.models import Municipality
from samspil.core.scale import words
from samspil.core.scale.writer import Table, analyse, db_value, reset_sequences
from samspil.core.validators import industry_title
from samspil.discovery.models import Answer, Invitation, Statement, Survey, Workshop
from samspil.organisations.models import Organisation, OrganisationKind
from samspil.participants import crypto
from samspil.participants.identifiers import parse_cpr
from samspil.participants.models import Enrolment, Participant
from samspil.partnerships.models import LearningNote, Partnership, PartnershipMembership
from samspil.plans.models import CompetencePlan, PlanNeed
from samspil.programmes import totals
from samspil.programmes.models import BudgetLine, Project, ProjectMembership, Spend
from samspil.recruitment.models import Candidate, Opening, Proposal

BIG_PROJECT = "smuk"  # the project with most of the participants
RECRUITING_PROJECT = "kfmidt-vaekst"
SURVEY_TITLE = "Skala: kompetencebehov i netværket"  # how the benchmark finds the big survey
SURVEY_CLUSTER = "Skala: Industri 4.0 Midt"
BIG_PLAN_NEEDS = 40


@dataclass
class Sizes:
    companies: int = 1000
    contacts: int = 10_000
    participants: int = 2_000
    offerings: int | None = None
    survey_companies: int = 200
    statements: int = 50
    candidates: int | None = None
    openings: int | None = None
    notes: int | None = None
    plans: int | None = None

    def resolved(self) -> "Sizes":
        """Sizes not given follow from the companies and participants."""
        return Sizes(
            companies=self.companies,
            contacts=self.contacts,
            participants=self.participants,
            offerings=self.offerings if self.offerings is not None else self.companies // 20,
            survey_companies=min(self.survey_companies, self.companies),
            statements=self.statements,
            candidates=(
                self.candidates if self.candidates is not None else self.participants // 50
            ),
            openings=self.openings if self.openings is not None else self.companies // 200,
            notes=self.notes if self.notes is not None else max(10, self.companies // 100),
            plans=self.plans if self.plans is not None else max(2, self.companies // 200),
        )

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


class DemoMissing(Exception):
    pass


class Identities:
    """Encrypts and hashes identifiers exactly as ``samspil.participants.crypto`` does (a Fernet
    token: AES-128-CBC and HMAC-SHA256 under the same derived keys; the keyed lookup hash), but
    with one AES context and one HMAC key schedule for all rows instead of new ones per row,
    which is most of the cost. CBC over a 10-digit CPR number is one block: AES(block XOR IV).
    Checked against the real functions before use."""

    def __init__(self, seed: int):
        fernet = crypto._fernet(settings.SAMSPIL_IDENTITY_KEY)
        self.aes = Cipher(algorithms.AES(fernet._encryption_key), modes.ECB()).encryptor()
        self.sign = hmac.new(fernet._signing_key, digestmod=hashlib.sha256)
        self.lookup = hmac.new(
            crypto._hash_key(settings.SAMSPIL_IDENTITY_KEY), digestmod=hashlib.sha256
        )
        self.stamp = b"\x80" + int(time.time()).to_bytes(8, "big")
        self.random = random.Random(seed)
        sample = "0101901234"
        if crypto.decrypt(self.encrypt(sample)) != sample or self.hash(
            "cpr", sample
        ) != crypto.lookup_hash("cpr", sample):
            raise RuntimeError("Fast identifier encryption does not match samspil's crypto.")

    def encrypt(self, value: str) -> str:
        data = value.encode()
        pad = 16 - len(data) % 16
        data += bytes([pad]) * pad
        iv = self.random.randbytes(16)
        previous, blocks = iv, []
        for start in range(0, len(data), 16):
            mixed = int.from_bytes(data[start : start + 16], "big") ^ int.from_bytes(
                previous, "big"
            )
            previous = self.aes.update(mixed.to_bytes(16, "big"))
            blocks.append(previous)
        parts = self.stamp + iv + b"".join(blocks)
        mac = self.sign.copy()
        mac.update(parts)
        return base64.urlsafe_b64encode(parts + mac.digest()).decode()

    def hash(self, kind: str, value: str) -> str:
        digest = self.lookup.copy()
        digest.update(f"{kind}:{value}".encode())
        return digest.hexdigest()


def generate(sizes: Sizes, *, seed: int = 1, out=None) -> dict:
    """Write the data in one transaction; returns the counts written and seconds per step."""
    sizes = sizes.resolved()
    generator = Generator(sizes, seed, out or (lambda line: None))
    with transaction.atomic():
        generator.run()
    started = time.perf_counter()
    analyse()
    generator.timings["analyse"] = time.perf_counter() - started
    return {"counts": generator.counts, "seconds": generator.timings}


class Generator:
    def __init__(self, sizes: Sizes, seed: int, out):
        self.sizes = sizes
        self.random = random.Random(seed)
        self.out = out
        self.counts: dict[str, int] = {}
        self.timings: dict[str, float] = {}
        self.written = set()
        self.today = timezone.localdate()
        self.now = db_value(timezone.now())
        self.identities = Identities(seed)

    # -- the demo it builds on -----------------------------------------------------------------

    def load_demo(self) -> None:
        User = get_user_model()
        self.projects = {p.code: p for p in Project.objects.all()}
        if BIG_PROJECT not in self.projects or not User.objects.filter(username="operator"):
            raise DemoMissing(_("The demo is missing: run `samspil demo` first."))
        consultants = []
        for membership in ProjectMembership.objects.filter(
            user__username__startswith="konsulent"
        ).select_related("user"):
            consultants.append({"user": membership.user_id, "project": membership.project_id})
        partnership_of = dict(
            PartnershipMembership.objects.filter(
                user__username__startswith="konsulent"
            ).values_list("user_id", "partnership_id")
        )
        organisation_of = dict(
            User.objects.filter(username__startswith="konsulent").values_list(
                "pk", "organisation_memberships__organisation_id"
            )
        )
        for consultant in consultants:
            consultant["partnership"] = partnership_of.get(consultant["user"])
            consultant["organisation"] = organisation_of.get(consultant["user"])
        self.consultants = sorted(consultants, key=lambda c: c["user"])
        if not self.consultants:
            raise DemoMissing(_("The demo is missing: run `samspil demo` first."))
        self.coordinators = list(
            User.objects.filter(username__startswith="koordinator")
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        self.organisations = list(
            Organisation.objects.exclude(kind=OrganisationKind.OPERATOR)
            .order_by("pk")
            .values_list("pk", "kind")
        )
        self.jobcentres = [pk for pk, kind in self.organisations if kind == "employment"]
        self.partnerships = list(Partnership.objects.order_by("pk").values_list("pk", flat=True))
        midt = list(
            Municipality.objects.filter(region__name__icontains="Midtjylland")
            .order_by("code")
            .values_list("pk", "name")
        )
        self.municipalities = midt or list(
            Municipality.objects.order_by("code").values_list("pk", "name")
        )
        self.areas = list(CompetenceArea.objects.order_by("pk").values_list("pk", flat=True))
        self.providers = list(Provider.objects.order_by("pk").values_list("pk", flat=True))
        self.operator = User.objects.get(username="operator").pk
        self.used_cvrs = set(Company.objects.exclude(cvr=None).values_list("cvr", flat=True))
        self.used_hashes = set(Participant.objects.values_list("identifier_hash", flat=True))

    # -- steps ---------------------------------------------------------------------------------

    def run(self) -> None:
        self.load_demo()
        if connection.vendor == "postgresql":
            self.skip_foreign_key_triggers()
        for step in (
            self.companies,
            self.contact_persons,
            self.contacts,
            self.clusters,
            self.offerings,
            self.survey,
            self.participants,
            self.recruitment,
            self.plans,
            self.learning_notes,
            self.spend,
        ):
            started = time.perf_counter()
            step()
            seconds = time.perf_counter() - started
            self.timings[step.__name__] = seconds
            self.out(f"{step.__name__}: {seconds:.1f} s")
        if connection.vendor == "postgresql":
            reset_sequences(self.written)
        # The running totals of every project, counted from the rows written (programmes.totals).
        started = time.perf_counter()
        totals.recount_all()
        self.timings["figures"] = time.perf_counter() - started
        self.out(f"figures: {self.timings['figures']:.1f} s")

    def skip_foreign_key_triggers(self) -> None:
        """The rows point only at ids written before them, so PostgreSQL's foreign-key checks
        (deferred to the commit, a third of the time) are skipped for this transaction where the
        role may do so; otherwise they run as usual."""
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")
        except DatabaseError:
            self.out("Foreign keys are checked at the commit (needs a superuser to skip).")

    def table(self, model, **options) -> Table:
        self.written.add(model)
        return Table(model, **options)

    def done(self, name: str, *tables) -> None:
        for table in tables:
            count = table.close()
            key = table.model._meta.db_table if len(tables) > 1 else name
            self.counts[key] = self.counts.get(key, 0) + count

    def companies(self) -> None:
        r = self.random
        titles = {code: industry_title(code) for code in words.INDUSTRY_CODES}
        table = self.table(Company)
        self.company_ids = []
        self.company_employees = []
        base = 4_000_000
        for _i in range(self.sizes.companies):
            while True:
                cvr = _cvr(base)
                base += 1
                if cvr and cvr not in self.used_cvrs:
                    break
            municipality, city = r.choice(self.municipalities)
            employees = min(5000, int(r.lognormvariate(2.2, 1.2)) + 1)
            code = r.choice(words.INDUSTRY_CODES)
            name = (
                f"{r.choice(words.NAME_WORDS)} {r.choice(words.TRADES)} {r.choice(words.SUFFIXES)}"
            )
            pk = table.add(
                cvr=cvr,
                name=name,
                address=f"{r.choice(words.LAST_NAMES)}vej {r.randint(1, 120)}",
                postcode=str(r.randint(6800, 8990)),
                city=city,
                municipality_id=municipality,
                industry_code=code,
                industry_title=titles[code],
                employees=employees,
                size_band=SizeBand.for_employees(employees).value,
                growth_company=r.random() < 0.1,
            )
            self.company_ids.append(pk)
            self.company_employees.append(employees)
        self.done("companies", table)

    def contact_persons(self) -> None:
        r = self.random
        table = self.table(ContactPerson)
        self.person_of = {}
        bases = ("legitimate_interest", "legitimate_interest", "consent", "contract")
        for company, employees in zip(self.company_ids, self.company_employees, strict=True):
            for n in range(1 + (employees >= 50) + (r.random() < 0.3)):
                first, last = r.choice(words.FIRST_NAMES), r.choice(words.LAST_NAMES)
                pk = table.add(
                    company_id=company,
                    name=f"{first} {last}",
                    role=r.choice(words.ROLES),
                    email=f"{first.lower()}.{company}.{n}@example.dk",
                    phone=f"+45 {r.randint(20000000, 99999999)}",
                    consent_basis=r.choice(bases),
                    consent_date=(self.today - datetime.timedelta(days=r.randint(0, 900))),
                )
                self.person_of.setdefault(company, (pk, f"{first.lower()}.{company}.{n}"))
        self.done("contact_persons", table)

    def contact_counts(self) -> list[int]:
        """Contacts per company: a few companies with thousands, most with a handful."""
        r = self.random
        total, companies = self.sizes.contacts, len(self.company_ids)
        counts = [0] * companies
        if not companies or not total:
            return counts
        big = [max(1000, min(5000, total // 40))] + [
            max(1000, min(3000, total // 80)) for _big in range(4)
        ]
        if total < 4000:  # small data: one big company, a quarter of the contacts
            big = [total // 4]
        big = big[: max(1, companies // 10)]
        for index, count in enumerate(big):
            counts[index] = count
        rest = total - sum(big)
        weights = [0.0] * len(big) + [
            min(200.0, r.paretovariate(1.3)) for _small in range(companies - len(big))
        ]
        if sum(weights) == 0:
            weights = [1.0] * companies
        cumulative, running = [], 0.0
        for weight in weights:
            running += weight
            cumulative.append(running)
        for index in r.choices(range(companies), cum_weights=cumulative, k=rest):
            counts[index] += 1
        return counts

    def contacts(self) -> None:
        r = self.random
        contacts = self.table(Contact)
        organisations = self.table(Contact.organisations.through, with_id=False)
        consultants = self.table(Contact.consultants.through, with_id=False)
        kinds = ["visit"] * 30 + ["phone"] * 30 + ["email"] * 20 + ["meeting"] * 10
        kinds += ["joint_visit"] * 7 + ["workshop"] * 3
        practitioners = [pk for pk, _kind in self.organisations]
        counts = self.contact_counts()
        self.big_company = self.company_ids[0] if self.company_ids else None
        for company, count in zip(self.company_ids, counts, strict=True):
            for _n in range(count):
                consultant = r.choice(self.consultants)
                kind = r.choice(kinds)
                planned = r.random() < 0.08
                if planned:
                    date = self.today + datetime.timedelta(days=r.randint(1, 60))
                else:
                    date = self.today - datetime.timedelta(days=int(r.expovariate(1 / 300)) % 1500)
                pk = contacts.add(
                    company_id=company,
                    kind=kind,
                    status="planned" if planned else "done",
                    date=date.isoformat(),
                    project_id=consultant["project"] if r.random() < 0.6 else None,
                    partnership_id=consultant["partnership"] if r.random() < 0.5 else None,
                    purpose=r.choice(words.PURPOSES),
                    notes=r.choice(words.NOTES),
                    next_step=r.choice(words.NEXT_STEPS),
                    outcome="" if planned else r.choice(words.OUTCOMES),
                    created_by_id=consultant["user"],
                )
                seen = {consultant["organisation"]}
                organisations.add(contact_id=pk, organisation_id=consultant["organisation"])
                consultants.add(contact_id=pk, user_id=consultant["user"])
                if kind == "joint_visit":
                    for other in r.sample(practitioners, 2):
                        if other not in seen:
                            seen.add(other)
                            organisations.add(contact_id=pk, organisation_id=other)
                    partner = r.choice(self.consultants)
                    if partner["user"] != consultant["user"]:
                        consultants.add(contact_id=pk, user_id=partner["user"])
        self.done("contacts", contacts, organisations, consultants)

    def clusters(self) -> None:
        """The survey's network of ``survey_companies`` companies, and clusters of 15-40."""
        r = self.random
        clusters = self.table(Cluster)
        members = self.table(Cluster.companies.through, with_id=False)
        projects = self.table(Cluster.projects.through, with_id=False)
        big_project = self.projects[BIG_PROJECT].pk
        pool = self.company_ids[1:] or self.company_ids
        self.survey_companies = r.sample(pool, min(self.sizes.survey_companies, len(pool)))
        self.survey_cluster = clusters.add(
            name=SURVEY_CLUSTER,
            kind="network",
            theme="Automation og digitalisering",
            mother_company_id=self.survey_companies[0] if self.survey_companies else None,
        )
        for company in self.survey_companies:
            members.add(cluster_id=self.survey_cluster, company_id=company)
        projects.add(cluster_id=self.survey_cluster, project_id=big_project)
        for number in range(len(self.company_ids) // 200):
            size = r.randint(15, 40)
            chosen = r.sample(pool, min(size, len(pool)))
            pk = clusters.add(
                name=f"Skala: klynge {number + 1:04d} {r.choice(words.TRADES)}",
                theme=r.choice(words.STATEMENT_THEMES),
                mother_company_id=chosen[0],
            )
            for company in chosen:
                members.add(cluster_id=pk, company_id=company)
            projects.add(cluster_id=pk, project_id=big_project)
        self.done("clusters", clusters, members, projects)

    def offerings(self) -> None:
        r = self.random
        table = self.table(Offering)
        areas = self.table(Offering.competence_areas.through, with_id=False)
        kinds = [k for k, _label in Offering.Kind.choices]
        for number in range(self.sizes.offerings):
            start = self.today + datetime.timedelta(days=r.randint(-30, 365))
            pk = table.add(
                code=f"SKALA-{number + 1:07d}",
                title=f"{r.choice(words.COURSE_WORDS)} {r.choice(words.COURSE_LEVELS)}",
                kind=r.choice(kinds),
                provider_id=r.choice(self.providers),
                description=(
                    f"{r.choice(words.COURSE_WORDS)} og {r.choice(words.COURSE_WORDS).lower()} "
                    "for medarbejdere i produktionen."
                ),
                level_from=r.choice(["", "unskilled", "skilled"]),
                level_to=r.choice(["", "skilled", "academy"]),
                duration_days=r.choice([1, 2, 3, 5, 10, 20]),
                municipality_id=r.choice(self.municipalities)[0],
                next_start=start.isoformat(),
                qualification_granting=r.random() < 0.2,
            )
            if self.areas:
                for area in r.sample(self.areas, min(2, len(self.areas))):
                    areas.add(offering_id=pk, competencearea_id=area)
        self.done("offerings", table, areas)

    def survey(self) -> None:
        """One workshop 1 with ``statements`` statements and a survey that ``survey_companies``
        companies were invited to; nine in ten have answered every statement."""
        r = self.random
        project = self.projects[BIG_PROJECT].pk
        workshops = self.table(Workshop)
        statements = self.table(Statement)
        surveys = self.table(Survey)
        survey_statements = self.table(Survey.statements.through, with_id=False)
        invitations = self.table(Invitation)
        answers = self.table(Answer)
        sent = timezone.now() - datetime.timedelta(days=20)
        workshop = workshops.add(
            project_id=project,
            cluster_id=self.survey_cluster,
            kind="ws1",
            date=(self.today - datetime.timedelta(days=30)).isoformat(),
            theme="Skala: automation og digitalisering",
        )
        statement_ids = []
        for position in range(self.sizes.statements):
            theme = words.STATEMENT_THEMES[position % len(words.STATEMENT_THEMES)]
            statement_ids.append(
                statements.add(
                    workshop_id=workshop,
                    text=f"Udsagn {position + 1}: vi har brug for mere viden om {theme.lower()}.",
                    theme=theme,
                    position=position,
                )
            )
        survey = surveys.add(
            workshop_id=workshop,
            title=SURVEY_TITLE,
            deadline=db_value(timezone.now() + datetime.timedelta(days=10)),
            status="sent",
            sent_at=db_value(sent),
        )
        for statement in statement_ids:
            survey_statements.add(survey_id=survey, statement_id=statement)
        answered_at = db_value(sent + datetime.timedelta(days=3))
        for company in self.survey_companies:
            person, email = self.person_of.get(company, (None, f"info.{company}"))
            answering = r.random() < 0.9
            invitation = invitations.add(
                survey_id=survey,
                company_id=company,
                contact_person_id=person,
                email=f"{email}@example.dk",
                token=f"skala{r.getrandbits(160):040x}",
                invited_at=db_value(sent),
                opened_at=answered_at if answering else None,
                answered_at=answered_at if answering else None,
            )
            if not answering:
                continue
            for statement in statement_ids:
                relevance = r.choice([1, 2, 3, 3, 4, 4, 5, 5, None])
                need = r.choice(["none", "some", "some", "high"])
                answers.add(
                    invitation_id=invitation,
                    statement_id=statement,
                    relevance=relevance,
                    dont_know=relevance is None,
                    need=need,
                    employees=r.choice([1, 2, 3, 5, 8]) if need != "none" else None,
                    when=r.choice(["now", "half_year", "year"]) if need != "none" else "",
                    comment="Vigtigt for os" if r.random() < 0.05 else "",
                )
        self.done("survey", workshops, statements, surveys, survey_statements, invitations, answers)

    def person_row(self, table, r) -> int:
        """A participant with a valid, unique, made-up CPR number, stored as the pages store it."""
        while True:
            born = datetime.date(1960, 1, 1) + datetime.timedelta(days=r.randint(0, 17_500))
            seventh = r.randint(0, 3) if born.year < 2000 else 4
            serial = f"{seventh}{r.randint(0, 999):03d}"
            cpr = f"{born:%d%m%y}{serial}"
            digest = self.identities.hash("cpr", cpr)
            if digest not in self.used_hashes:
                self.used_hashes.add(digest)
                break
        identifier = parse_cpr(cpr)
        return table.add(
            identifier_type="cpr",
            identifier_encrypted=self.identities.encrypt(identifier.value),
            identifier_hash=digest,
            identifier_masked=identifier.masked,
            name=f"{r.choice(words.FIRST_NAMES)} {r.choice(words.LAST_NAMES)}",
            gender=identifier.gender if r.random() < 0.97 else "non_binary",
            birth_date=identifier.birth_date.isoformat(),
            employer_id=r.choice(self.company_ids) if self.company_ids else None,
            jobcentre_id=r.choice(self.jobcentres) if r.random() < 0.3 else None,
        )

    def participants(self) -> None:
        """Enrolled participants: about eight in ten in SMUK, the rest in the other projects."""
        r = self.random
        people = self.table(Participant, batch=5000)
        enrolments = self.table(Enrolment, batch=5000)
        big = self.projects[BIG_PROJECT]
        others = [p for code, p in sorted(self.projects.items()) if code != BIG_PROJECT]
        statuses = [s for s, _label in Enrolment._meta.get_field("employment_status").choices]
        answers3 = ["no"] * 12 + ["yes"] * 2 + ["declined"]
        for _n in range(self.sizes.participants):
            person = self.person_row(people, r)
            project = big if r.random() < 0.8 or not others else r.choice(others)
            start = project.start_date or datetime.date(2020, 1, 1)
            end = min(project.end_date or self.today, self.today)
            span = max(1, (end - start).days)
            entry = start + datetime.timedelta(days=r.randint(0, span - 1))
            incomplete = r.random() < 0.03
            values = {
                "participant_id": person,
                "project_id": project.pk,
                "entry_date": entry.isoformat(),
                "employment_status": "" if incomplete else r.choice(statuses),
                "isced": None if incomplete else r.choice([1, 2, 2, 3, 3, 3, 4, 5, 6]),
            }
            if not incomplete:
                for name in (
                    "disability",
                    "third_country_national",
                    "foreign_background",
                    "minority",
                    "homeless",
                    "other_disadvantaged",
                ):
                    values[name] = r.choice(answers3)
                values["rural"] = r.choice(["yes", "no", "no"])
            if r.random() < 0.6:
                leaving = entry + datetime.timedelta(days=r.randint(30, 500))
                if leaving <= self.today:
                    values["leaving_date"] = leaving.isoformat()
                    values["completed"] = r.random() < 0.8
                    outcome = r.random()
                    if outcome < 0.5:
                        values["result_employed"] = "yes"
                    elif outcome < 0.7:
                        values["result_job_searching"] = "yes"
                    elif outcome < 0.85:
                        values["result_in_education"] = "yes"
                    if r.random() < 0.4:
                        values["result_qualification"] = "yes"
                    if leaving + datetime.timedelta(days=183) <= self.today:
                        values["employed_6m"] = r.choice(["yes", "yes", "no"])
            enrolments.add(**values)
        self.done("participants", people, enrolments)

    def recruitment(self) -> None:
        r = self.random
        project = (
            self.projects[RECRUITING_PROJECT].pk if RECRUITING_PROJECT in self.projects else None
        )
        if project is None or not self.jobcentres:
            return
        people = self.table(Participant)
        candidates = self.table(Candidate)
        candidate_areas = self.table(Candidate.competence_areas.through, with_id=False)
        openings = self.table(Opening)
        opening_areas = self.table(Opening.competence_areas.through, with_id=False)
        proposals = self.table(Proposal)
        levels = ["", "unskilled", "skilled", "academy"]
        candidate_ids = []
        for _n in range(self.sizes.candidates):
            person = self.person_row(people, r)
            consent = self.today - datetime.timedelta(days=r.randint(1, 300))
            pk = candidates.add(
                person_id=person,
                jobcentre_id=r.choice(self.jobcentres),
                project_id=project,
                consent_given_on=consent.isoformat() if r.random() < 0.9 else None,
                education_level=r.choice(levels),
                education=f"Erfaring med {r.choice(words.COURSE_WORDS).lower()}",
                wishes="Fuldtid, gerne produktion",
                municipality_id=r.choice(self.municipalities)[0],
                unemployed_since=(
                    consent - datetime.timedelta(days=r.randint(30, 900))
                ).isoformat(),
                available_from=(self.today + datetime.timedelta(days=r.randint(0, 60))).isoformat(),
                hours_per_week=37,
            )
            candidate_ids.append(pk)
            if self.areas:
                candidate_areas.add(candidate_id=pk, competencearea_id=r.choice(self.areas))
        kinds = ["vacancy", "vacancy", "shortage", "rotation"]
        for _n in range(self.sizes.openings):
            kind = r.choice(kinds)
            start = self.today + datetime.timedelta(days=r.randint(-60, 120))
            pk = openings.add(
                company_id=r.choice(self.company_ids),
                project_id=project,
                kind=kind,
                status=r.choice(["open", "open", "open", "filled", "closed"]),
                role=f"{r.choice(words.COURSE_WORDS)}-medarbejder",
                description="Stilling i produktionen.",
                education_level=r.choice(levels),
                hours_per_week=r.choice([37, 30, 20]),
                start_date=start.isoformat(),
                end_date=(start + datetime.timedelta(days=180)).isoformat()
                if kind == "rotation"
                else None,
                municipality_id=r.choice(self.municipalities)[0],
                created_by_id=self.operator,
            )
            if self.areas:
                opening_areas.add(opening_id=pk, competencearea_id=r.choice(self.areas))
            for candidate in r.sample(candidate_ids, min(3, len(candidate_ids))):
                proposals.add(
                    opening_id=pk,
                    candidate_id=candidate,
                    stage=r.choice(["referred", "proposed", "interviewed"]),
                    stage_on=(self.today - datetime.timedelta(days=r.randint(0, 30))).isoformat(),
                )
        self.done(
            "recruitment",
            people,
            candidates,
            candidate_areas,
            openings,
            opening_areas,
            proposals,
        )

    def plans(self) -> None:
        """Competence supply plans in SMUK; the first has ``BIG_PLAN_NEEDS`` needs."""
        r = self.random
        if not self.areas:
            return
        project = self.projects[BIG_PROJECT].pk
        plans = self.table(CompetencePlan)
        needs = self.table(PlanNeed)
        chosen = r.sample(self.company_ids, min(self.sizes.plans, len(self.company_ids)))
        for number, company in enumerate(chosen):
            plan = plans.add(
                company_id=company,
                project_id=project,
                version=1,
                status="draft",
                created_by_id=self.consultants[0]["user"],
            )
            for _n in range(BIG_PLAN_NEEDS if number == 0 else r.randint(3, 8)):
                current = r.randint(0, 3)
                needs.add(
                    plan_id=plan,
                    area_id=r.choice(self.areas),
                    description=f"{r.choice(words.COURSE_WORDS)} for {r.randint(1, 12)} "
                    "medarbejdere",
                    current_level=current,
                    target_level=min(5, current + r.randint(1, 2)),
                    priority=r.choice(["high", "medium", "low"]),
                    horizon=(self.today + datetime.timedelta(days=r.randint(60, 720))).isoformat(),
                    employees=r.randint(1, 12),
                    source=r.choice(["talk", "survey", "workshop"]),
                )
        self.done("plans", plans, needs)

    def learning_notes(self) -> None:
        r = self.random
        table = self.table(LearningNote)
        for _n in range(self.sizes.notes):
            table.add(
                partnership_id=r.choice(self.partnerships),
                project_id=self.projects[BIG_PROJECT].pk if r.random() < 0.5 else None,
                title=r.choice(words.NOTE_TITLES),
                noted_on=(self.today - datetime.timedelta(days=r.randint(0, 1000))).isoformat(),
                tried="Fælles besøg med jobcenter og erhvervsskole.",
                for_whom="Små produktionsvirksomheder",
                result="Virksomheden tilmeldte tre medarbejdere.",
                tags=r.choice(["fælles besøg", "jobrotation", "klynge", "AMU, ledelse"]),
                success_story=r.random() < 0.2,
                publish=r.random() < 0.3,
                author_id=r.choice(self.coordinators) if self.coordinators else None,
            )
        self.done("learning_notes", table)

    def spend(self) -> None:
        """Monthly spend on every budget line over the project's years, for the dashboards."""
        r = self.random
        table = self.table(Spend)
        for line in BudgetLine.objects.select_related("project").order_by("pk"):
            first = line.project.start_date or datetime.date(2020, 1, 1)
            month = datetime.date(first.year, first.month, 1)
            while month < min(self.today, line.project.end_date or self.today):
                following = (month + datetime.timedelta(days=32)).replace(day=1)
                table.add(
                    line_id=line.pk,
                    period_start=month.isoformat(),
                    period_end=(following - datetime.timedelta(days=1)).isoformat(),
                    amount=r.randint(10, 400) * 1000,
                    note="Skala",
                )
                month = following
        self.done("spend", table)


def _cvr(base: int) -> str | None:
    digits = [int(d) for d in f"{base:07d}"]
    remainder = sum(w * d for w, d in zip((2, 7, 6, 5, 4, 3, 2), digits, strict=True)) % 11
    if remainder == 1:
        return None
    return f"{base:07d}{(11 - remainder) % 11}"
