"""Who sees and changes the course catalogue: shared by everyone, kept by operators; ESCO is
reference data (registered by ``CatalogueConfig.ready``)."""

from django.db.models import Q

from samspil.catalogue.models import (
    CompetenceArea,
    EscoOccupation,
    EscoOccupationSkill,
    EscoSkill,
    Offering,
    OfferingEmbedding,
    Provider,
)
from samspil.core import scoping
from samspil.core.scoping import EVERYTHING, NOTHING, VIEW, everyone_reads, scoped_through
from samspil.organisations.scoping import is_operator


def operator(user, parent=None) -> bool:
    return is_operator(user)


def catalogue(user, action: str) -> Q:
    if action == VIEW:
        return EVERYTHING
    return EVERYTHING if is_operator(user) else NOTHING


scoping.rule(CompetenceArea, can_create=operator)(catalogue)
scoping.rule(Provider, can_create=operator)(catalogue)
scoping.rule(Offering, can_create=operator)(catalogue)

# ESCO is read from the official download (``samspil import esco``), never edited by hand.
scoping.rule(EscoSkill)(everyone_reads)
scoping.rule(EscoOccupation)(everyone_reads)
scoping.rule(EscoOccupationSkill)(everyone_reads)
# An offering's vector for the semantic ranker: read with the offering, written by the ranker.
scoped_through(OfferingEmbedding, "offering", change=None, delete=None)
