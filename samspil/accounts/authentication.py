"""API token authentication that names the token's user in the audit trail.

The audit middleware runs before the API authenticates a token (DRF does it inside the view),
so without this a write by token would be recorded without its actor."""

from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox.auth import TokenAuthentication as KnoxTokenAuthentication

from samspil.core.audit import attribute_request_to


class TokenAuthentication(KnoxTokenAuthentication):
    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            attribute_request_to(result[0])
        return result


class TokenScheme(KnoxTokenScheme):
    """The schema describes this authentication as knox's own (a bearer token)."""

    target_class = "samspil.accounts.authentication.TokenAuthentication"
