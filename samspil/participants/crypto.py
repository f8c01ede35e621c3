"""Personal identifiers are stored encrypted and found by a keyed hash.

One secret (``SAMSPIL_IDENTITY_KEY``, or ``_FILE``; generated into ``var/`` for a local run and
required in production) is stretched by HKDF into two keys: one for Fernet encryption
(AES-128-CBC with HMAC), one for the HMAC-SHA256 lookup hash. The hash lets an import find the
same person again without decrypting anything.
"""

import base64
import functools
import hashlib
import hmac

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


def _derive(purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"samspil:" + purpose).derive(
        settings.SAMSPIL_IDENTITY_KEY.encode()
    )


@functools.cache
def _fernet(secret: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_derive(b"encrypt")))


@functools.cache
def _hash_key(secret: str) -> bytes:
    return _derive(b"lookup")


def encrypt(value: str) -> str:
    return _fernet(settings.SAMSPIL_IDENTITY_KEY).encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet(settings.SAMSPIL_IDENTITY_KEY).decrypt(token.encode()).decode()


def lookup_hash(kind: str, value: str) -> str:
    key = _hash_key(settings.SAMSPIL_IDENTITY_KEY)
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def pseudonym(scope: str, participant_pk: int) -> str:
    """A stable pseudonym for research exports: the same person has the same pseudonym within
    ``scope`` (a project) and cannot be linked across scopes or back without the key."""
    key = _derive(b"research")
    return hmac.new(key, f"{scope}:{participant_pk}".encode(), hashlib.sha256).hexdigest()[:16]
