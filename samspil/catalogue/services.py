"""The one write path for the catalogue's offerings: pages, API and the import save through it.

Saving an offering also stores its vector for the semantic ranker (``OfferingEmbedding``), so
neither a server start nor ``samspil match`` encodes the catalogue. An import encodes its new
and changed offerings in bulk, in the same transaction when they are few and in the background
(the task worker) when there are more than ``INLINE_LIMIT``.
"""

import hashlib
import logging

import numpy as np
from django.db import transaction
from django_tasks import task

from samspil.catalogue import matching
from samspil.catalogue.models import Offering, OfferingEmbedding
from samspil.core.services import delete_record, save_record

logger = logging.getLogger(__name__)

INLINE_LIMIT = 200  # offerings encoded while saving; more go to the task worker
BATCH = 64


def passage(offering: Offering) -> str:
    """The text the model encodes for an offering: what the provider publishes."""
    return f"{offering.title}. {offering.description}".strip()


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def save_offering(offering: Offering, *, actor, m2m=None, **fields) -> Offering:
    """Validate and save an offering (with its areas and skills), and store its vector."""
    with transaction.atomic():
        offering = save_record(offering, actor=actor, m2m=m2m, **fields)
        embed_offerings([offering])
    return offering


def delete_offering(offering: Offering, *, actor) -> None:
    delete_record(offering, actor=actor)  # the vector goes with it (CASCADE)


def embed_offerings(offerings) -> int:
    """Encode and store the vectors of ``offerings`` whose text changed since their vector was
    made (or that have none), in batches. Returns how many were encoded; 0 when the semantic
    ranker is off or its model cannot load."""
    model = matching.embedder()
    if model is None:
        return 0
    offerings = [o for o in offerings if o.pk is not None]
    stored = dict(
        OfferingEmbedding.objects.filter(
            offering__in=[o.pk for o in offerings], model=matching.MODEL_ID
        ).values_list("offering_id", "digest")
    )
    stale = [o for o in offerings if stored.get(o.pk) != digest(passage(o))]
    for start in range(0, len(stale), BATCH):
        store_vectors(model, stale[start : start + BATCH])
    return len(stale)


def store_vectors(model, offerings: list[Offering]) -> None:
    texts = [passage(o) for o in offerings]
    unique = list(dict.fromkeys(texts))  # a course many providers publish alike is encoded once
    with matching.encoding:
        encoded = model.passage(unique)
    encoded = np.asarray(encoded, dtype=np.float32).reshape(len(unique), -1)
    vector_of = dict(zip(unique, encoded, strict=True))
    vectors = [vector_of[text] for text in texts]
    rows = [
        OfferingEmbedding(
            offering_id=o.pk,
            model=matching.MODEL_ID,
            digest=digest(text),
            vector=matching.pack(vector),
        )
        for o, text, vector in zip(offerings, texts, vectors, strict=True)
    ]
    OfferingEmbedding.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["offering"],
        update_fields=["model", "digest", "vector", "updated_at"],
    )


def embed_after_import(pks: list[int]) -> None:
    """After a large import's transaction: its offerings are encoded by the task worker."""
    if pks and matching.semantic_enabled():
        embed_offerings_task.enqueue(pks)


@task()
def embed_offerings_task(pks: list[int]) -> int:
    """Background encoding of a large import's offerings, in batches."""
    done = 0
    for start in range(0, len(pks), 1000):
        done += embed_offerings(Offering.objects.filter(pk__in=pks[start : start + 1000]))
    logger.info("Encoded %s offerings for the semantic ranker.", done)
    return done


def embed_missing() -> int:
    """Encode every offering without a current vector (``samspil embed_offerings``)."""
    return embed_offerings_task.call(list(Offering.objects.values_list("pk", flat=True)))
