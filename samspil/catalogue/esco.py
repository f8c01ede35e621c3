"""``samspil import esco DIR``: skills and occupations from the official ESCO CSV download.

Reads ``skills_<lang>.csv``, ``occupations_<lang>.csv`` and
``occupationSkillRelations_<lang>.csv`` for the languages present (da, sv, en), keyed by the
concept URI, so importing again updates labels instead of duplicating.
"""

import csv
from pathlib import Path

from django.db import transaction

from samspil.catalogue.models import EscoOccupation, EscoOccupationSkill, EscoSkill

LANGUAGES = ("da", "sv", "en")


class EscoFormatError(Exception):
    pass


def _rows(path: Path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = set(reader.fieldnames or ())
        if not columns & {"conceptUri", "occupationUri"}:
            raise EscoFormatError(f"{path.name}: not an ESCO CSV file (no conceptUri column)")
        yield from reader


def import_esco(directory: Path, progress=None) -> dict:
    directory = Path(directory)
    found = [lang for lang in LANGUAGES if (directory / f"skills_{lang}.csv").exists()]
    if not found:
        raise EscoFormatError(f"{directory}: no skills_<lang>.csv for da, sv or en")
    counts = {"skills": 0, "occupations": 0, "relations": 0}
    with transaction.atomic():
        skills = {s.uri: s for s in EscoSkill.objects.all()}
        occupations = {o.uri: o for o in EscoOccupation.objects.all()}
        for lang in found:
            for row in _rows(directory / f"skills_{lang}.csv"):
                uri = row["conceptUri"].strip()
                skill = skills.get(uri) or EscoSkill(uri=uri)
                setattr(skill, f"label_{lang}", row.get("preferredLabel", "").strip()[:300])
                if lang == "en" or not skill.description:
                    skill.description = row.get("description", "") or skill.description
                labels = [a for a in skill.alt_labels.split(" | ") if a]
                for label in row.get("altLabels", "").splitlines():
                    if label.strip() and label.strip() not in labels:
                        labels.append(label.strip())
                skill.alt_labels = " | ".join(labels)[:5000]
                skill.save()
                counts["skills"] += uri not in skills
                skills[uri] = skill
                if progress:
                    progress.update(1)
            path = directory / f"occupations_{lang}.csv"
            if path.exists():
                for row in _rows(path):
                    uri = row["conceptUri"].strip()
                    occupation = occupations.get(uri) or EscoOccupation(uri=uri)
                    setattr(
                        occupation, f"label_{lang}", row.get("preferredLabel", "").strip()[:300]
                    )
                    occupation.save()
                    counts["occupations"] += uri not in occupations
                    occupations[uri] = occupation
        for lang in found:
            path = directory / f"occupationSkillRelations_{lang}.csv"
            if not path.exists():
                continue
            for row in _rows(path):
                occupation = occupations.get(row["occupationUri"].strip())
                skill = skills.get(row["skillUri"].strip())
                if occupation is None or skill is None:
                    continue
                _, created = EscoOccupationSkill.objects.update_or_create(
                    occupation=occupation,
                    skill=skill,
                    defaults={
                        "essential": row.get("relationType", "essential").strip() == "essential"
                    },
                )
                counts["relations"] += created
            break  # the relations are the same in every language
    return counts
