from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from samspil.core.scale import pages as bench
from samspil.core.scale import report

INTRO = """
Every page and API list that lists or sums records, measured by `samspil benchmark_pages`
(`make benchmark` runs it at demo size and at a large size on SQLite and on PostgreSQL, on data
written by `samspil generate`). Server time is a request through Django's test client, signed
in as the persona who sees the data (`operator` for project pages, `konsulent2` for company
pages); median and 95th percentile over the runs after one warm-up, which also counts the SQL
queries. The floor is one hand-written SQL query fetching the rows the page shows (its first
page of 50, or the GROUP BY behind a sum), timed the same way on the same connection. Every
request also pays a fixed cost that no index makes smaller (session, user, middleware, the
page's frame and menu): the rows *my page* (pages) and *API root* (API) read no records and
measure it. "x floor" is the page's median over its floor plus that fixed cost, so 1 means the
page costs no more than fetching its rows by hand in an empty request. The last column flags
what misses the targets: p95 over 150 ms, a query count different from demo size, more than 5x
the floor. At demo and large size a page may show a different record (the busiest company, the
biggest cluster), so a changed query count can come from the record.
"""


class Command(BaseCommand):
    help = (
        "Measure every page and API list that lists or sums records (queries, median and p95 "
        "server time, raw SQL floor) and write the table to docs/benchmarks.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default="docs/benchmarks.md")
        parser.add_argument("--runs", type=int, default=10, help="timed requests per page")
        parser.add_argument(
            "--budget",
            type=float,
            default=20.0,
            help="seconds per page; a slow page stops after this (at least three runs)",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=120.0,
            help="seconds a request's SQL may run before the page counts as failed",
        )
        parser.add_argument(
            "--label", choices=["demo", "large"], help="default: demo up to 100 companies"
        )
        parser.add_argument("--only", help="measure only the pages whose name contains this")
        parser.add_argument("--no-write", action="store_true", help="print, do not write")
        parser.add_argument(
            "--imports",
            type=int,
            default=0,
            help="also time `samspil import participants` on this many rows (0: skip)",
        )
        parser.add_argument(
            "--esf", action="store_true", help="also time `samspil report esf` for the big project"
        )

    def handle(self, *args, **options):
        sizes = bench.data_sizes()
        label = options["label"] or ("demo" if sizes["companies"] <= 100 else "large")
        vendor = connection.vendor
        output = Path(options["output"])
        found = bench.pages()
        if options["only"]:
            found = [p for p in found if options["only"].lower() in p.name.lower()]
        self.stdout.write(f"{len(found)} pages, {vendor}, {label}: {sizes}")
        bench.measure(
            found,
            runs=options["runs"],
            budget=options["budget"],
            timeout=options["timeout"],
            out=self.stdout.write,
        )
        demo = {}
        if label != "demo":
            demo = report.embedded(report.read_part(output, "pages", f"{vendor}:demo"))
            demo = demo.get("queries", {})
        body = self.table(found, sizes, vendor, label, demo, options)
        if options["no_write"] or options["only"]:
            self.stdout.write(body)
        else:
            report.write_part(
                output,
                "pages",
                f"{vendor}:{label}",
                "Pages and API lists at size",
                INTRO,
                body,
            )
            self.stdout.write(self.style.SUCCESS(f"Wrote {vendor} {label} to {output}."))
        if options["imports"] or options["esf"]:
            from samspil.core.scale import commands

            body = f"### {_title(vendor, label)}\n\n" + commands.measure(
                import_rows=options["imports"], esf=options["esf"], out=self.stdout.write
            )
            if options["no_write"]:
                self.stdout.write(body)
            if not options["no_write"]:
                report.write_part(
                    output,
                    "imports",
                    f"{vendor}:{label}",
                    "Imports and the ESF report command",
                    commands.INTRO,
                    body,
                )
        failed = [p for p in found if p.status != 200]
        if failed:
            raise CommandError(
                _("Pages that did not answer 200: %(pages)s")
                % {"pages": ", ".join(f"{p.name} {p.url} ({p.status})" for p in failed)}
            )

    def table(self, found, sizes, vendor, label, demo, options) -> str:
        database = bench.database_description()
        lines = [
            f"### {_title(vendor, label)}",
            "",
            f"Measured {timezone.now():%Y-%m-%d %H:%M} UTC on {bench.machine_description()}, "
            f"{bench.python_description()}, {database}, {bench.debug_note()}, with "
            f"`samspil benchmark_pages --runs {options['runs']}`. Data: "
            + ", ".join(f"{count:,} {name}" for name, count in sizes.items())
            + ".",
            "",
            "| page | as | queries | at demo size | runs | median ms | p95 ms | floor ms "
            "| x floor | over target |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        over = 0
        for page in found:
            flags = []
            if page.status != 200:
                flags.append(f"**answered {page.status}**")
            at_demo = demo.get(page.key) if label != "demo" else page.queries
            if page.p95 is not None and page.p95 > bench.TARGET_P95_MS:
                flags.append("p95")
            if at_demo is not None and page.queries != at_demo:
                flags.append("queries")
            if page.ratio is not None and page.ratio > bench.TARGET_FLOOR_RATIO:
                flags.append("floor")
            over += bool(flags)
            lines.append(
                f"| {page.name} (`{page.url}`) | {page.user} | {page.queries} | "
                f"{'–' if at_demo is None else at_demo} | {len(page.times)} | "
                f"{_ms(page.median)} | {_ms(page.p95)} | "
                f"{_ms(page.floor_median, 2)} | "
                f"{'–' if page.ratio is None else f'{page.ratio:.0f}'} | "
                f"{', '.join(flags) or 'ok'} |"
            )
        lines += [
            "",
            f"{len(found)} pages and API lists; {over} over a target.",
            report.embed({"queries": {p.key: p.queries for p in found}}),
        ]
        return "\n".join(lines)


def _ms(value, digits=0) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def _title(vendor, label) -> str:
    name = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(vendor, vendor)
    return f"{name}, {'demo size' if label == 'demo' else 'large size'}"
