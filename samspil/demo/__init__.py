"""The demo region built from the source documents: ``samspil demo``.

Each step is a function that builds its part idempotently (natural keys and get_or_create),
so running the command again changes nothing. Later parts of samspil add steps here.
"""

from django.db import transaction

from samspil.core.audit import acting_as
from samspil.demo import (
    catalogue,
    companies,
    discovery,
    foundation,
    participants,
    partnerships,
    plans,
    programmes,
    recruitment,
)

STEPS = [
    foundation.build,
    companies.build,
    partnerships.build,
    discovery.build,
    catalogue.build,
    plans.build,
    participants.build,
    programmes.build,
    programmes.build_targets,
    recruitment.build,
]


def build(stdout=None) -> dict:
    """Build every step in one transaction; returns what each step created."""
    created = {}
    with transaction.atomic(), acting_as(None):
        for step in STEPS:
            created.update(step())
    return created
