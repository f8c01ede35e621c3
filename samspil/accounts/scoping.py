"""Who sees API tokens: their owner, on *My page* (registered by ``AccountsConfig.ready``)."""

from django.db.models import Q

from samspil.accounts.models import ApiToken
from samspil.core import scoping
from samspil.core.scoping import VIEW


def own_account(user, parent=None) -> bool:
    return True  # every signed-in user may make tokens for themselves


@scoping.rule(ApiToken, can_create=own_account)
def api_tokens(user, action: str) -> Q:
    # The owner sees (name, first characters, expiry) and revokes their own; never changes one.
    if action in (VIEW, scoping.DETAILS, scoping.DELETE):
        return Q(user=user)
    return scoping.NOTHING


def own_identities(user, action: str) -> Q:
    # A user's sign-in identities at the organisation's provider: seen by the user; written
    # only by the sign-in itself.
    return Q(user=user) if action == VIEW else scoping.NOTHING


def _register_identities() -> None:
    from samspil.accounts import models

    if hasattr(models, "SingleSignOnIdentity"):
        scoping.rule(models.SingleSignOnIdentity)(own_identities)


_register_identities()
