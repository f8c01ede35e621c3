"""Writing figures into docs/benchmarks.md between markers, one part at a time: a run replaces
only its own database and size, so SQLite and PostgreSQL runs fill one file between them."""

import json
import re
from pathlib import Path

ORDER = ("sqlite:demo", "sqlite:large", "postgresql:demo", "postgresql:large")


def _markers(name: str) -> tuple[str, str]:
    return f"<!-- {name}:start -->", f"<!-- {name}:end -->"


def _block(text: str, name: str) -> tuple[int, int] | None:
    start, end = _markers(name)
    first = text.find(start)
    last = text.find(end, first)
    if first < 0 or last < 0:
        return None
    return first + len(start), last


def read_part(path: Path, section: str, key: str) -> str:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    span = _block(text, f"{section}:{key}")
    return text[span[0] : span[1]] if span else ""


def write_part(path: Path, section: str, key: str, heading: str, intro: str, body: str) -> None:
    """Put ``body`` between ``<!-- section:key:start/end -->`` inside the section's markers,
    creating the section (with its heading and intro) at the end of the file if missing."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    span = _block(text, section)
    if span is None:
        start, end = _markers(section)
        text = text.rstrip("\n") + f"\n\n{start}\n{end}\n"
        span = _block(text, section)
    inside = text[span[0] : span[1]]
    parts = dict(
        re.findall(
            rf"<!-- {section}:([\w.-]+:[\w.-]+|[\w.-]+):start -->\n(.*?)<!-- "
            rf"{section}:\1:end -->",
            inside,
            flags=re.S,
        )
    )
    parts[key] = body.rstrip("\n") + "\n"
    ordered = sorted(parts, key=lambda k: (ORDER.index(k) if k in ORDER else len(ORDER), k))
    content = [f"\n## {heading}\n\n{intro.strip()}\n"]
    for name in ordered:
        content.append(
            f"\n<!-- {section}:{name}:start -->\n{parts[name]}<!-- {section}:{name}:end -->\n"
        )
    text = text[: span[0]] + "".join(content) + text[span[1] :]
    path.write_text(text, encoding="utf-8")


def embed(data: dict) -> str:
    return f"<!-- data {json.dumps(data, sort_keys=True)} -->\n"


def embedded(part: str) -> dict:
    match = re.search(r"<!-- data (\{.*?\}) -->", part)
    return json.loads(match.group(1)) if match else {}
