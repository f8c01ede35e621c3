"""Documents that leave the building as files: PDFs made on the server with WeasyPrint from a
template (``pdf/*.html``), in the user's language, with charts drawn as SVG on the server (no
JavaScript). Nothing is fetched over the network: only samspil's own static files are read.

WeasyPrint needs Pango (Debian: libpango-1.0-0, libpangoft2-1.0-0, libharfbuzz-subset0), which
``scripts/ensure-weasyprint`` installs (``make services``)."""

import math
from pathlib import Path
from xml.sax.saxutils import escape

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

PDF = "application/pdf"
STATIC_PREFIX = "/static/"


def _local_only(url: str):
    """WeasyPrint's fetcher: samspil's static files from disk, anything else refused."""
    from weasyprint.urls import URLFetchingError, default_url_fetcher

    path = url.split("://", 1)[-1]
    path = path[path.find("/") :] if "/" in path else path
    if path.startswith(STATIC_PREFIX):
        found = finders.find(path[len(STATIC_PREFIX) :].split("?")[0])
        if found:
            return default_url_fetcher(Path(found).resolve().as_uri())
    if url.startswith("data:"):
        return default_url_fetcher(url)
    raise URLFetchingError(f"not fetched (no network): {url}")


def render_pdf(template: str, context: dict, request=None) -> bytes:
    """The template rendered to a PDF's bytes."""
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    base = request.build_absolute_uri("/") if request is not None else "http://localhost/"
    return HTML(string=html, base_url=base, url_fetcher=_local_only).write_pdf()


def pdf_response(template: str, context: dict, request, filename: str) -> HttpResponse:
    """A PDF to keep: shown in the browser and saved under ``filename``."""
    response = HttpResponse(render_pdf(template, context, request), content_type=PDF)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def spider_svg(labels, series, *, maximum=5, size=420) -> str:
    """A radar ("spider") chart as SVG: one axis per label from 0 to ``maximum``, one closed
    line per series ``(name, values, colour)``, and a legend. Drawn on the server for PDFs."""
    labels = [str(label) for label in labels]
    count = len(labels)
    centre = size / 2
    radius = size / 2 - 110
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size + 20}" '
        f'viewBox="0 0 {size} {size + 20}" role="img" font-family="sans-serif" font-size="10">'
    ]
    if count < 3:  # a spider needs three axes; fewer areas are in the table only
        parts.append("</svg>")
        return mark_safe("".join(parts))

    def point(index, value):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        distance = radius * max(0, min(value or 0, maximum)) / maximum
        return centre + distance * math.cos(angle), centre + distance * math.sin(angle)

    for level in range(1, maximum + 1):
        ring = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, level) for i in range(count)))
        parts.append(f'<polygon points="{ring}" fill="none" stroke="#ccc" stroke-width="0.7"/>')
    for i, label in enumerate(labels):
        x, y = point(i, maximum)
        parts.append(
            f'<line x1="{centre}" y1="{centre}" x2="{x:.1f}" y2="{y:.1f}" stroke="#bbb" '
            'stroke-width="0.7"/>'
        )
        lx, ly = point(i, maximum * 1.12)
        anchor = "middle" if abs(lx - centre) < 5 else ("start" if lx > centre else "end")
        parts.append(
            f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}">{escape(label[:40])}</text>'
        )
    for legend, (name, values, colour) in enumerate(series):
        line = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, v) for i, v in enumerate(values)))
        parts.append(
            f'<polygon points="{line}" fill="{colour}" fill-opacity="0.15" stroke="{colour}" '
            'stroke-width="2"/>'
        )
        y = size - 10 + 14 * legend
        parts.append(f'<rect x="10" y="{y - 8}" width="12" height="8" fill="{colour}"/>')
        parts.append(f'<text x="28" y="{y}">{escape(str(name))}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
