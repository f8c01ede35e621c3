"""Imports and the ESF report command, measured beside their floors: ``samspil import
participants`` against a plain bulk insert of the same rows, ``samspil report esf`` against one
hand-written GROUP BY on the same database."""

import csv
import datetime
import io
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from samspil.core.scale.writer import Table
from samspil.participants.models import CHARACTERISTICS, RESULTS

INTRO = """
`samspil benchmark_pages --imports N --esf` (run by `make benchmark`). The import runs as its own
process, `samspil import participants FILE -v0`, on a CSV of N new participants with start and
stop forms (process start included); its peak memory is the child's maximum resident set. The
floor writes the same rows straight to the tables (COPY on PostgreSQL, executemany on SQLite),
encrypting and hashing each identifier as the import must, in a transaction rolled back
afterwards. `samspil report esf` is timed in-process (JSON to memory) beside one hand-written
GROUP BY with conditional sums over the project's enrolments.
"""

# The columns of the participant import (docs/import-participants.md), from the same names the
# start and stop forms use.
COLUMNS = [
    "project",
    "personal_id",
    "personal_id_type",
    "gender",
    "birth_date",
    "start_date",
    "employment_status",
    "isced",
    *CHARACTERISTICS,
    "employer_cvr",
    "end_date",
    *RESULTS,
    "employed_6m",
    "improved_situation_6m",
]


def first_free_day(count: int) -> datetime.date:
    """The first birth day of a block of ``count`` CPR numbers (7th digit 9, a thousand a day)
    that no participant has yet, so the import can be measured again on the same database."""
    from samspil.participants import crypto
    from samspil.participants.models import Participant

    days = count // 1000 + 1
    day = datetime.date(2001, 1, 1)
    while day.year < 2036:
        last = day + datetime.timedelta(days=days - 1)
        taken = Participant.objects.filter(
            identifier_hash__in=[
                crypto.lookup_hash("cpr", f"{day:%d%m%y}9000"),
                crypto.lookup_hash("cpr", f"{last:%d%m%y}9999"),
            ]
        ).exists()
        if not taken:
            return day
        day = last + datetime.timedelta(days=1)
    raise RuntimeError("No free CPR numbers left for the import benchmark.")


def participant_rows(count: int, project, *, first_day=None, seed: int = 7):
    """``count`` import rows for new people (CPR numbers with a 7th digit 9, which ``generate`` does
    not use), one a time: the file is written without holding it in memory."""
    from samspil.companies.models import Company

    r = random.Random(seed)
    cvrs = list(
        Company.objects.exclude(cvr=None).order_by("pk").values_list("cvr", flat=True)[:500]
    )
    start = project.start_date or datetime.date(2020, 1, 1)
    today = timezone.localdate()
    if project.end_date:  # the forms' dates stay inside the project's period
        today = min(today, project.end_date)
    span = max(0, min(700, (today - start).days))
    made = 0
    day = first_day or datetime.date(2001, 1, 1)
    while made < count:
        for serial in range(9000, 10000):  # 7th digit 9: born 2000-2036
            if made >= count:
                return
            cpr = f"{day:%d%m%y}{serial}"
            entry = start + datetime.timedelta(days=r.randint(0, span))
            leaving = min(entry + datetime.timedelta(days=r.randint(30, 400)), today)
            left = r.random() < 0.5 and leaving <= today
            employed = r.random() < 0.5
            yield {
                "project": project.code,
                "personal_id": cpr,
                "personal_id_type": "cpr",
                "gender": "",
                "birth_date": "",
                "start_date": entry.isoformat(),
                "employment_status": r.choice(["employed", "unemployed", "long_term_unemployed"]),
                "isced": str(r.choice([1, 2, 3, 4])),
                "disability": r.choice(["no", "no", "yes", "declined"]),
                "third_country_national": "no",
                "foreign_background": r.choice(["no", "yes"]),
                "minority": "no",
                "homeless": "no",
                "rural": r.choice(["no", "yes"]),
                "other_disadvantaged": "no",
                "employer_cvr": r.choice(cvrs) if cvrs else "",
                "end_date": leaving.isoformat() if left else "",
                "result_job_searching": "",
                "result_in_education": "",
                "result_qualification": "yes" if left and r.random() < 0.3 else "",
                "result_employed": "yes" if left and employed else "",
                "employed_6m": "",
                "improved_situation_6m": "",
            }
            made += 1
        day += datetime.timedelta(days=1)


def write_file(path: Path, count: int, project, first_day) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in participant_rows(count, project, first_day=first_day):
            writer.writerow(row)


def bulk_floor(path: Path, project) -> float:
    """Seconds to read the file and write its participants and enrolments straight to the
    tables (identifiers encrypted and hashed), rolled back afterwards."""
    from samspil.participants import crypto
    from samspil.participants.identifiers import parse_cpr
    from samspil.participants.models import Enrolment, Participant

    started = time.perf_counter()
    with transaction.atomic(), path.open(newline="", encoding="utf-8") as handle:
        people, enrolments = Table(Participant), Table(Enrolment)
        for row in csv.DictReader(handle):
            identifier = parse_cpr(row["personal_id"])
            person = people.add(
                identifier_type="cpr",
                identifier_encrypted=crypto.encrypt(identifier.value),
                identifier_hash=crypto.lookup_hash("cpr", identifier.value),
                identifier_masked=identifier.masked,
                gender=identifier.gender,
                birth_date=identifier.birth_date.isoformat(),
            )
            enrolments.add(
                participant_id=person,
                project_id=project.pk,
                entry_date=row["start_date"],
                employment_status=row["employment_status"],
                isced=int(row["isced"]),
                disability=row["disability"],
                foreign_background=row["foreign_background"],
                rural=row["rural"],
                leaving_date=row["end_date"] or None,
                result_qualification=row["result_qualification"],
                result_employed=row["result_employed"],
            )
        people.close()
        enrolments.close()
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return seconds


def time_import(path: Path) -> tuple[float, int, str]:
    """Seconds, the child's peak memory in MB, and what it said, for one import process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "samspil", "import", "participants", str(path), "-v0"],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        check=False,
    )
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    message = (done.stdout + done.stderr).strip().splitlines()
    if done.returncode != 0:
        raise RuntimeError(f"samspil import participants failed: {' '.join(message[-3:])}")
    return seconds, max(peak, before) // 1024, message[-1] if message else ""


ESF_FLOOR = """
SELECT COUNT(*),
  SUM(CASE WHEN e.employment_status = 'employed' THEN 1 ELSE 0 END),
  SUM(CASE WHEN e.employment_status = 'self_employed' THEN 1 ELSE 0 END),
  SUM(CASE WHEN e.employment_status = 'unemployed' THEN 1 ELSE 0 END),
  SUM(CASE WHEN e.employment_status = 'long_term_unemployed' THEN 1 ELSE 0 END),
  SUM(CASE WHEN e.employment_status LIKE 'inactive%%' THEN 1 ELSE 0 END),
  SUM(CASE WHEN e.isced <= 2 THEN 1 ELSE 0 END),
  SUM(CASE WHEN e.isced BETWEEN 3 AND 4 THEN 1 ELSE 0 END),
  SUM(CASE WHEN e.isced >= 5 THEN 1 ELSE 0 END),
  SUM(CASE WHEN e.disability = 'yes' THEN 1 ELSE 0 END),
  SUM(CASE WHEN e.foreign_background = 'yes' THEN 1 ELSE 0 END),
  SUM(CASE WHEN e.result_employed = 'yes' THEN 1 ELSE 0 END),
  SUM(CASE WHEN e.result_qualification = 'yes' THEN 1 ELSE 0 END),
  SUM(CASE WHEN e.leaving_date IS NOT NULL THEN 1 ELSE 0 END)
FROM {enrolment} e JOIN {participant} p ON p.id = e.participant_id
WHERE e.project_id = %s AND e.entry_date <= %s
GROUP BY p.gender
"""


def time_esf(project, runs: int = 3) -> tuple[float, float]:
    """Median seconds of ``samspil report esf`` and of the hand-written GROUP BY."""
    from samspil.participants.models import Enrolment, Participant

    until = timezone.localdate().isoformat()
    report_times, floor_times = [], []
    for _run in range(runs):
        started = time.perf_counter()
        call_command(
            "report", "esf", project=project.code, until=until, format="json", stdout=io.StringIO()
        )
        report_times.append(time.perf_counter() - started)
    sql = ESF_FLOOR.format(
        enrolment=connection.ops.quote_name(Enrolment._meta.db_table),
        participant=connection.ops.quote_name(Participant._meta.db_table),
    )
    with connection.cursor() as cursor:
        for _run in range(runs):
            started = time.perf_counter()
            cursor.execute(sql, (project.pk, until))
            cursor.fetchall()
            floor_times.append(time.perf_counter() - started)
    return statistics.median(report_times), statistics.median(floor_times)


def measure(*, import_rows: int = 0, esf: bool = False, out=None) -> str:
    from samspil.participants.models import Enrolment
    from samspil.programmes.models import Project

    out = out or (lambda line: None)
    project = Project.objects.filter(code="smuk").first() or Project.objects.order_by("pk").first()
    lines = [
        f"Measured {timezone.now():%Y-%m-%d %H:%M} UTC on {connection.vendor}; the import adds "
        f"to project {project.code}, and the report covers the project after it.",
        "",
        "| what | rows | time | rows/s | floor | x floor | peak memory |",
        "|---|---|---|---|---|---|---|",
    ]
    if import_rows:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "participants.csv"
            first_day = first_free_day(import_rows)
            write_file(path, import_rows, project, first_day)
            floor = bulk_floor(path, project)
            out(f"bulk insert floor: {import_rows / floor:,.0f} rows/s")
            try:
                seconds, peak, said = time_import(path)
            except RuntimeError as exc:
                out(str(exc))
                lines.append(
                    f"| `samspil import participants` | {import_rows:,} | failed: {exc} "
                    f"| | {floor:.1f} s | | |"
                )
            else:
                out(f"import: {import_rows / seconds:,.0f} rows/s, peak {peak} MB ({said})")
                lines.append(
                    f"| `samspil import participants` | {import_rows:,} | {seconds:.1f} s | "
                    f"{import_rows / seconds:,.0f} | {floor:.1f} s ({import_rows / floor:,.0f} "
                    f"rows/s) | {seconds / floor:.1f} | {peak} MB |"
                )
    if esf:
        report, floor = time_esf(project)
        out(f"report esf: {report * 1000:.0f} ms, GROUP BY {floor * 1000:.0f} ms")
        lines.append(
            f"| `samspil report esf --project {project.code}` | "
            f"{Enrolment.objects.filter(project=project).count():,} | {report * 1000:,.0f} ms | "
            f"| {floor * 1000:,.1f} ms (one GROUP BY) | {report / floor:.1f} | |"
        )
    return "\n".join(lines) + "\n"
