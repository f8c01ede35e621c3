"""Matching both ways: candidates ranked for an opening, openings ranked for a candidate, each
with the reasons shown. Where the candidate's education falls short of the opening's, the
catalogue's matching engine proposes the courses that close the gap.

Only candidates who have given (and not withdrawn) their consent are matched."""

from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Cast, Coalesce
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from samspil.catalogue import matching as catalogue_matching
from samspil.catalogue.models import Level
from samspil.recruitment.models import Candidate, Opening, Proposal

LEVELS = {"": 0, Level.UNSKILLED: 1, Level.SKILLED: 2, Level.ACADEMY: 3}
WEIGHTS = {"area": 3.0, "skill": 2.0, "level": 2.0, "near": 1.5, "available": 1.0, "hours": 0.5}
TRAINING_FOR = 5  # the best this many get course proposals for a gap
SHORTLIST = 2  # the database ranks this many times ``top``; Python gives the reasons
CONSENTED = Q(consent_given_on__isnull=False, consent_withdrawn_on__isnull=True)


@dataclass
class Pairing:
    opening: Opening
    candidate: Candidate
    score: float
    reasons: list = field(default_factory=list)
    gap: bool = False  # the candidate's education is below the opening's
    training: list = field(default_factory=list)  # catalogue matches closing the gap


def _ids(manager_items) -> set:
    return {item.pk for item in manager_items}


def pair(opening: Opening, candidate: Candidate) -> Pairing:
    """How well the candidate fits the opening, and why (uses prefetched areas and skills)."""
    score, reasons = 0.0, []
    wanted_areas = _ids(opening.competence_areas.all())
    areas = [a for a in candidate.competence_areas.all() if a.pk in wanted_areas]
    if areas:
        score += WEIGHTS["area"] * len(areas) / len(wanted_areas)
        reasons.append(
            _("Competence areas in common: %(areas)s") % {"areas": ", ".join(a.name for a in areas)}
        )
    wanted_skills = _ids(opening.esco_skills.all())
    skills = [s for s in candidate.esco_skills.all() if s.pk in wanted_skills]
    if skills:
        score += WEIGHTS["skill"] * len(skills) / len(wanted_skills)
        reasons.append(
            _("ESCO skills in common: %(skills)s") % {"skills": ", ".join(map(str, skills))}
        )
    gap = LEVELS[candidate.education_level] < LEVELS[opening.education_level]
    if opening.education_level and not gap:
        score += WEIGHTS["level"]
        reasons.append(
            _("Has the education level asked for (%(level)s)")
            % {"level": opening.get_education_level_display()}
        )
    elif gap:
        reasons.append(
            _("Needs training from %(from)s to %(to)s")
            % {
                "from": candidate.get_education_level_display() or _("no education"),
                "to": opening.get_education_level_display(),
            }
        )
    place, home = opening.municipality, candidate.municipality
    if place and home:
        if place.pk == home.pk:
            score += WEIGHTS["near"]
            reasons.append(
                _("Lives in the municipality of the post (%(place)s)") % {"place": place}
            )
        elif place.region_id == home.region_id:
            score += WEIGHTS["near"] / 2
            reasons.append(_("Lives in the region of the post (%(place)s)") % {"place": home})
        else:
            reasons.append(_("Lives outside the region (%(place)s)") % {"place": home})
    if candidate.available_from <= opening.start_date:
        score += WEIGHTS["available"]
        reasons.append(_("Available when the post starts"))
    else:
        score -= WEIGHTS["available"]
        reasons.append(
            _("Available only from %(date)s")
            % {"date": date_format(candidate.available_from, "SHORT_DATE_FORMAT")}
        )
    if candidate.hours_per_week >= opening.hours_per_week:
        score += WEIGHTS["hours"]
    else:
        score -= WEIGHTS["hours"]
        reasons.append(
            _("Available %(hours)s hours a week; the post has %(post)s")
            % {
                "hours": number_format(candidate.hours_per_week),
                "post": number_format(opening.hours_per_week),
            }
        )
    return Pairing(opening, candidate, round(score, 2), reasons, gap)


def _training(pairing: Pairing, cache: dict) -> list:
    opening, candidate = pairing.opening, pairing.candidate
    key = (opening.pk, candidate.education_level)
    if key not in cache:
        cache[key] = catalogue_matching.rank(
            f"{opening.role} {opening.description}",
            areas=list(opening.competence_areas.all()),
            esco_skills=list(opening.esco_skills.all()),
            level_from=candidate.education_level or Level.UNSKILLED,
            level_to=opening.education_level,
            company=opening.company,
            top=3,
        )
    return cache[key]


def _with_training(pairings: list[Pairing]) -> list[Pairing]:
    cache: dict = {}
    for pairing in pairings[:TRAINING_FOR]:
        if pairing.gap:
            pairing.training = _training(pairing, cache)
    return pairings


def candidates(user):
    """The candidates ``user`` may see who may be matched: consent given and not withdrawn, and
    not already started in an opening."""
    return (
        Candidate.objects.restrict(user)
        .filter(CONSENTED)
        .exclude(proposals__stage=Proposal.Stage.STARTED)
        .select_related("person", "municipality", "jobcentre")
        .prefetch_related("competence_areas", "esco_skills")
    )


def openings(user):
    return (
        Opening.objects.restrict(user)
        .filter(status=Opening.Status.OPEN)
        .select_related("company__municipality", "municipality", "project")
        .prefetch_related("competence_areas", "esco_skills")
    )


def _rank(field: str):
    """An education level as a number (LEVELS) in the database."""
    return Case(
        *[When(**{field: level}, then=Value(rank)) for level, rank in LEVELS.items() if level],
        default=Value(0),
        output_field=IntegerField(),
    )


def _in_common(through, own: str, other: str, outer: str, wanted):
    """How many of ``wanted`` (a list of ids; None: all) the outer row has."""
    rows = through.objects.filter(**{own: OuterRef(outer)})
    if wanted is not None:
        rows = rows.filter(**{f"{other}__in": wanted})
    counted = rows.order_by().values(own).annotate(n=Count("pk")).values("n")
    return Cast(Coalesce(Subquery(counted, output_field=IntegerField()), Value(0)), FloatField())


def _when(condition: Q, then: float, otherwise: float = 0.0):
    return Case(
        When(condition, then=Value(then)), default=Value(otherwise), output_field=FloatField()
    )


def _scored_candidates(opening: Opening, queryset):
    """The score of ``pair`` computed in the database for every candidate of ``queryset``."""
    areas = [a.pk for a in opening.competence_areas.all()]
    skills = [s.pk for s in opening.esco_skills.all()]
    score = Value(0.0, output_field=FloatField())
    if areas:
        through = Candidate.competence_areas.through
        common = _in_common(through, "candidate", "competencearea", "pk", areas)
        score = score + common * Value(WEIGHTS["area"] / len(areas))
    if skills:
        through = Candidate.esco_skills.through
        common = _in_common(through, "candidate", "escoskill", "pk", skills)
        score = score + common * Value(WEIGHTS["skill"] / len(skills))
    if opening.education_level:
        needed = LEVELS[opening.education_level]
        score = score + _when(Q(level_rank__gte=needed), WEIGHTS["level"])
    if opening.municipality:
        score = score + _nearness(opening.municipality)
    score = score + _when(
        Q(available_from__lte=opening.start_date), WEIGHTS["available"], -WEIGHTS["available"]
    )
    score = score + _when(
        Q(hours_per_week__gte=opening.hours_per_week), WEIGHTS["hours"], -WEIGHTS["hours"]
    )
    return queryset.annotate(level_rank=_rank("education_level")).annotate(db_score=score)


def _nearness(place):
    """``pair``'s nearness in the database: full weight in the same municipality, half in
    another municipality of the same region."""
    return _when(Q(municipality=place.pk), WEIGHTS["near"]) + _when(
        Q(municipality__region=place.region_id) & ~Q(municipality=place.pk),
        WEIGHTS["near"] / 2,
    )


def _scored_openings(candidate: Candidate, queryset):
    """The score of ``pair`` computed in the database for every opening of ``queryset``."""
    areas = [a.pk for a in candidate.competence_areas.all()]
    skills = [s.pk for s in candidate.esco_skills.all()]
    score = Value(0.0, output_field=FloatField())
    for through, other, weight, have in (
        (Opening.competence_areas.through, "competencearea", WEIGHTS["area"], areas),
        (Opening.esco_skills.through, "escoskill", WEIGHTS["skill"], skills),
    ):
        if not have:
            continue
        wanted = f"{other}_wanted"
        queryset = queryset.annotate(**{wanted: _in_common(through, "opening", other, "pk", None)})
        common = _in_common(through, "opening", other, "pk", have)
        score = score + Case(
            When(Q(**{f"{wanted}__gt": 0}), then=common * Value(weight) / F(wanted)),
            default=Value(0.0),
            output_field=FloatField(),
        )
    rank = LEVELS[candidate.education_level]
    score = score + _when(~Q(education_level="") & Q(level_rank__lte=rank), WEIGHTS["level"])
    if candidate.municipality:
        score = score + _nearness(candidate.municipality)
    score = score + _when(
        Q(start_date__gte=candidate.available_from), WEIGHTS["available"], -WEIGHTS["available"]
    )
    score = score + _when(
        Q(hours_per_week__lte=candidate.hours_per_week), WEIGHTS["hours"], -WEIGHTS["hours"]
    )
    return queryset.annotate(level_rank=_rank("education_level")).annotate(db_score=score)


def candidates_for(opening: Opening, user, top: int = 20) -> list[Pairing]:
    """The consenting candidates ``user`` may see that the opening's project recruits, best
    first, for one opening. The database ranks them all and returns a short list; only that
    list is paired here, with the reasons."""
    prefetch_related_objects([opening], "competence_areas", "esco_skills")
    recruited = _scored_candidates(opening, candidates(user).filter(project=opening.project_id))
    shortlist = recruited.order_by("-db_score", "person__name", "pk")[: top * SHORTLIST]
    found = [pair(opening, candidate) for candidate in shortlist]
    found.sort(key=lambda p: (-p.score, p.candidate.person.name, p.candidate.pk))
    return _with_training(found[:top])


def openings_for(candidate: Candidate, user, top: int = 20) -> list[Pairing]:
    """The open openings of the candidate's project that ``user`` may see, best first, for one
    candidate (who must consent); ranked in the database, the short list paired here."""
    if not candidate.has_consent:
        return []
    prefetch_related_objects([candidate], "competence_areas", "esco_skills")
    scored = _scored_openings(candidate, openings(user).filter(project=candidate.project_id))
    shortlist = scored.order_by("-db_score", "start_date", "pk")[: top * SHORTLIST]
    found = [pair(opening, candidate) for opening in shortlist]
    found.sort(key=lambda p: (-p.score, p.opening.start_date, p.opening.pk))
    return _with_training(found[:top])
