"""`samspil benchmark_matching`: the matching's quality on the tuning and the held-out evaluation
sets, how well its percentages are calibrated, and its speed on 10,000 offerings, written to
docs/benchmarks.md. Everything it creates is rolled back.

`--fit` fits the fusion's weights and the "no course fits" threshold on the tuning set only
and prints them, to be copied into ``matching.FUSION`` and ``matching.NO_FIT``."""

import datetime
import math
import os
import platform
import statistics
import time
from pathlib import Path

import numpy as np
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from samspil.catalogue import matching, services
from samspil.catalogue.data import evaluation, heldout
from samspil.catalogue.models import CompetenceArea, Offering, OfferingEmbedding, Provider
from samspil.core.models import Municipality

START = "<!-- matching:start -->"
END = "<!-- matching:end -->"
SETS = [
    ("tuning", evaluation, 5),  # (name, module, providers offering each course)
    ("held-out", heldout, 3),
]
DEFAULT = "default: text + meaning, fused (SAMSPIL_SEMANTIC_RANKER on)"
MODES = [
    (DEFAULT, {}),
    ("text only (SAMSPIL_SEMANTIC_RANKER=false)", {"use_semantic": False}),
    ("meaning only (no text ranking)", {"use_text": False}),
]


class Rollback(Exception):
    pass


def fitting(data):
    return [(need, relevant) for need, relevant in data.NEEDS if relevant]


def no_fit(data):
    return [need for need, relevant in data.NEEDS if not relevant]


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--output", default="docs/benchmarks.md")
        parser.add_argument("--size", type=int, default=10_000, help="offerings for the speed test")
        parser.add_argument(
            "--fit", action="store_true", help="fit the fusion on the tuning set and print it"
        )

    def handle(self, *args, output, size, fit, **options):
        if fit:
            self.fit()
            return
        quality = {}
        try:
            with transaction.atomic(), override_settings(SAMSPIL_SEMANTIC_RANKER=True):
                for name, data, copies in SETS:
                    quality[name] = self.quality(data, copies)
                speed = self.speed(size)
                raise Rollback
        except Rollback:
            pass
        report = self.report(quality, speed)
        self.write(Path(output), report)
        self.stdout.write(report)

    # The evaluation sets ------------------------------------------------------------------

    def load(self, data, copies: int, distinct: bool = False) -> dict[int, str]:
        """The set's courses, each offered by ``copies`` providers, with their vectors stored
        as the import stores them. ``distinct`` makes every offering's text its own (so the
        speed test encodes every one)."""
        OfferingEmbedding.objects.all().delete()
        Offering.objects.all().delete()
        municipalities = {m.code: m for m in Municipality.objects.all()}
        providers = [
            Provider.objects.get_or_create(
                name=name, defaults={"municipality": municipalities.get(code)}
            )[0]
            for name, code in data.PROVIDERS
        ]
        areas = {a.name: a for a in CompetenceArea.objects.all()}
        links, batch = [], []
        for i, (course, area, kind, title, text) in enumerate(data.COURSES):
            for copy in range(copies):
                provider = providers[(i + copy) % len(providers)]
                batch.append(
                    Offering(
                        code=f"{course}-{copy}",
                        title=f"{title} ({provider.name}, hold {copy})" if distinct else title,
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
        started, cpu = time.perf_counter(), time.process_time()
        services.embed_offerings(created)
        self.encoding = (time.perf_counter() - started, time.process_time() - cpu)
        return {o.pk: o.code.rsplit("-", 1)[0] for o in created}

    def quality(self, data, copies):
        base_of = self.load(data, copies)
        matching._index = None
        results = {"offerings": len(base_of), "modes": {}}
        for label, options in MODES:
            recall5, recall10, reciprocal, pairs = [], [], [], []
            for need, relevant in fitting(data):
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
                pairs += [(m.score, base_of[m.offering.pk] in relevant) for m in ranked[:10]]
            said_no = [matching.rank(need, top=10, **options).no_fit for need in no_fit(data)]
            wrongly = [matching.rank(need, top=10, **options).no_fit for need, _r in fitting(data)]
            for need in no_fit(data):
                pairs += [(m.score, False) for m in matching.rank(need, top=10, **options)]
            results["modes"][label] = {
                "recall5": statistics.fmean(recall5),
                "recall10": statistics.fmean(recall10),
                "mrr": statistics.fmean(reciprocal),
                "no_fit": statistics.fmean(said_no) if said_no else None,
                "wrongly_no_fit": statistics.fmean(wrongly),
                "reliability": matching.reliability(pairs),
            }
        return results

    # Fitting (tuning set only) ------------------------------------------------------------

    def fit(self):
        try:
            with transaction.atomic(), override_settings(SAMSPIL_SEMANTIC_RANKER=True):
                base_of = self.load(evaluation, 5)
                matching._index = None
                index = matching.current_index()
                for semantic, names in (
                    (True, ["text", "cover", "cosine", "gap"]),
                    (False, ["text", "cover"]),
                ):
                    rows, labels, groups = [], [], []
                    for need, relevant in evaluation.NEEDS:
                        found = matching.candidates(need, index, use_semantic=semantic)
                        for k, i in enumerate(found.positions):
                            rows.append([found.features[n][k] for n in names])
                            labels.append(base_of[index.ids[i]] in relevant)
                            groups.append((need, bool(relevant)))
                    x, y = np.array(rows, dtype=np.float64), np.array(labels, dtype=np.float64)
                    w = matching.fit_logistic(x, y)
                    weights = {"bias": round(float(w[0]), 3)} | {
                        n: round(float(v), 3) for n, v in zip(names, w[1:], strict=True)
                    }
                    self.stdout.write(f"{'semantic' if semantic else 'text'}: {weights}")
                    p = matching.probability(np.hstack([np.ones((len(x), 1)), x]) @ w)
                    best = {}
                    for (need, fits), value in zip(groups, p, strict=True):
                        best[need] = (max(best.get(need, (0, fits))[0], value), fits)
                    choices = []
                    for t in np.arange(0.05, 0.8, 0.025):
                        right = [(b < t) != fits for b, fits in best.values()]
                        choices.append((statistics.fmean(right), -abs(t - 0.35), round(t, 3)))
                    self.stdout.write(f"  no-fit threshold (accuracy, t): {max(choices)}")
                raise Rollback
        except Rollback:
            pass

    # Speed --------------------------------------------------------------------------------

    def speed(self, size: int) -> dict:
        courses = len(heldout.COURSES)
        copies = max(1, size // courses + 1)
        self.load(heldout, copies, distinct=True)
        encoding = self.encoding
        matching._index = None
        started, cpu = time.perf_counter(), time.process_time()
        index = matching.build_index()
        build = (time.perf_counter() - started, time.process_time() - cpu)
        matching.save_cached(index)
        matching._index = None
        started, cpu = time.perf_counter(), time.process_time()
        matching.current_index()  # a new process: the index from disk
        loaded = (time.perf_counter() - started, time.process_time() - cpu)
        needs = [n for n, _ in evaluation.NEEDS + heldout.NEEDS]
        for need in needs[:5]:  # warm up
            matching.rank(need, top=10)
        matching.query_vector.cache_clear()  # every need encoded as it is measured
        wall, cpu_times = [], []
        for need in needs:
            started, cpu = time.perf_counter(), time.process_time()
            matching.rank(need, top=10)
            wall.append(time.perf_counter() - started)
            cpu_times.append(time.process_time() - cpu)
        return {
            "offerings": Offering.objects.count(),
            "encoding": encoding,
            "build": build,
            "loaded": loaded,
            "needs": len(wall),
            "median": (statistics.median(wall), statistics.median(cpu_times)),
            "p95": (percentile(wall, 0.95), percentile(cpu_times, 0.95)),
            "load": os.getloadavg()[0],
        }

    # Report ---------------------------------------------------------------------------------

    def report(self, quality, speed) -> str:
        lines = [
            START,
            "## Matching needs to courses",
            "",
            f"Measured {datetime.date.today():%Y-%m-%d} on {platform.machine()}, "
            f"Python {platform.python_version()}, with `make benchmark` "
            "(`samspil benchmark_matching`).",
            "",
            "**Two evaluation sets.** The *tuning* set (`samspil/catalogue/data/evaluation.py`) is "
            "the one the fusion's weights and the “no course fits” threshold were fitted on "
            "(`samspil benchmark_matching --fit`). The *held-out* set "
            "(`samspil/catalogue/data/heldout.py`) was written before any fitting, by other "
            "rules (titles and descriptions as AMU, EUV, academy, VUC, Swedish YH and Komvux "
            "providers publish them; needs in companies' own words, some in one language whose "
            "course is described in another), and nothing was chosen on it. A course offered by "
            "several providers counts once, at its best place. Recall@k is the share of a need's "
            "relevant courses among the first k; MRR the mean of 1 / the place of the first "
            "relevant course; both over the needs that have a fitting course. “Says no course "
            "fits” is the share of needs without one for which the ranking says so; “wrongly” "
            "the share of needs with one for which it says so all the same.",
            "",
        ]
        for name, data, _copies in SETS:
            result = quality[name]
            lines += [
                f"**{name.capitalize()} set**: {len(fitting(data))} needs with a fitting course "
                f"and {len(no_fit(data))} without; {len(data.COURSES)} courses, "
                f"{result['offerings']} offerings.",
                "",
                "| ranking | recall@5 | recall@10 | MRR | says no course fits | wrongly |",
                "|---|---|---|---|---|---|",
            ]
            for label, values in result["modes"].items():
                said = "–" if values["no_fit"] is None else f"{values['no_fit']:.2f}"
                lines.append(
                    f"| {label} | {values['recall5']:.3f} | {values['recall10']:.3f} | "
                    f"{values['mrr']:.3f} | {said} | {values['wrongly_no_fit']:.2f} |"
                )
            lines.append("")
        lines += [
            "**Calibration** of the percentage shown (default ranking, the first ten offerings "
            "shown for every need): how often an offering shown with a percentage in the band "
            "is one of the need's relevant courses.",
            "",
            "| set | shown at | offerings | mean percentage | share right |",
            "|---|---|---|---|---|",
        ]
        for name, _data, _copies in SETS:
            for low, high, count, mean, right in quality[name]["modes"][DEFAULT]["reliability"]:
                lines.append(
                    f"| {name} | {100 * low:.0f}–{100 * high:.0f} % | {count} | "
                    f"{100 * mean:.0f} % | {100 * right:.0f} % |"
                )
        encoding, build, loaded = speed["encoding"], speed["build"], speed["loaded"]
        median, p95 = speed["median"], speed["p95"]
        lines += [
            "",
            f"**Speed** on {speed['offerings']:,} offerings, semantic ranker on, in one process "
            "as a running server holds it. Wall-clock time depends on what else the machine "
            f"runs (load average {speed['load']:.1f} at the end of this run, on "
            f"{os.cpu_count()} cores); the process's own CPU time does not.",
            "",
            "| step | wall clock | CPU |",
            "|---|---|---|",
            "| encoding every offering's vector (at import, in the background; "
            f"{speed['offerings']:,} distinct texts) | {encoding[0]:.0f} s | {encoding[1]:.0f} s |",
            "| building the index from the stored vectors (once per catalogue change) | "
            f"{build[0] * 1000:.0f} ms | {build[1] * 1000:.0f} ms |",
            "| loading the built index from disk (a new process) | "
            f"{loaded[0] * 1000:.0f} ms | {loaded[1] * 1000:.0f} ms |",
            f"| ranking one need with reasons, query encoding and database included, median "
            f"({speed['needs']} needs) | {median[0] * 1000:.1f} ms | {median[1] * 1000:.1f} ms |",
            f"| the same, 95th percentile | {p95[0] * 1000:.1f} ms | {p95[1] * 1000:.1f} ms |",
            "",
            END,
        ]
        return "\n".join(lines)

    def write(self, path: Path, report: str) -> None:
        write_section(path, START, END, report)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


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
