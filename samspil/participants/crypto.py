"""Personal identifiers are stored encrypted and found by a keyed hash, under keys that rotate.

Each identity key (``SAMSPIL_IDENTITY_KEYS``, newest first, or the single
``SAMSPIL_IDENTITY_KEY``; generated into ``var/`` for a local run and required in production) is
stretched by HKDF into three keys: one for Fernet encryption (AES-128-CBC with HMAC), one for
the HMAC-SHA256 lookup hash and one for research pseudonyms, and named by a short key id derived
from it (the id tells nothing about the key).

The newest key encrypts and hashes; every configured key decrypts (``MultiFernet``) and every
configured key's hash is looked up, so a person is found again while ``samspil
rotate_identity_key`` moves the stored identifiers from an old key to the new one. Each row
records the id of the key that made its hash (``Participant.identifier_key``).
"""

import base64
import binascii
import functools
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

__all__ = ["InvalidToken"]


def _derive(secret: str, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"samspil:" + purpose).derive(
        secret.encode()
    )


@functools.cache
def _fernet(secret: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_derive(secret, b"encrypt")))


@functools.cache
def _hash_key(secret: str) -> bytes:
    return _derive(secret, b"lookup")


@functools.cache
def _research_key(secret: str) -> bytes:
    return _derive(secret, b"research")


@functools.cache
def key_id(secret: str) -> str:
    """A short public name for a key (8 hex digits), derived from it one way."""
    return _derive(secret, b"key-id").hex()[:8]


def keys() -> list[str]:
    """The configured identity keys, newest first."""
    configured = list(getattr(settings, "SAMSPIL_IDENTITY_KEYS", None) or [])
    return configured or [settings.SAMSPIL_IDENTITY_KEY]


def current_key() -> str:
    return keys()[0]


def current_key_id() -> str:
    """The id of the key that encrypts and hashes new identifiers (the model field's default)."""
    return key_id(current_key())


def key_ids() -> list[str]:
    return [key_id(k) for k in keys()]


@functools.cache
def _multi(secrets: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([_fernet(s) for s in secrets])


def encrypt(value: str) -> str:
    return _fernet(current_key()).encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    """The identifier in clear, opened by whichever configured key made it; raises
    ``InvalidToken`` when none does."""
    return _multi(tuple(keys())).decrypt(token.encode()).decode()


def _hash(secret: str, kind: str, value: str) -> str:
    return hmac.new(_hash_key(secret), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def lookup_hash(kind: str, value: str) -> str:
    """The lookup hash under the newest key (what a new or rotated row stores)."""
    return _hash(current_key(), kind, value)


def lookup_hashes(kind: str, value: str) -> list[str]:
    """The lookup hash under every configured key, newest first: search with all of them, so a
    person hashed under an older key is found during a rotation, never created twice."""
    return [_hash(secret, kind, value) for secret in keys()]


def pseudonym(scope: str, participant_pk: int) -> str:
    """A stable pseudonym for research exports: the same person has the same pseudonym within
    ``scope`` (a project) and cannot be linked across scopes or back without the key. It begins
    with the key id, so a new series after a key rotation shows as one, never silently."""
    secret = current_key()
    digest = hmac.new(_research_key(secret), f"{scope}:{participant_pk}".encode(), hashlib.sha256)
    return f"{key_id(secret)}-{digest.hexdigest()[:16]}"


def weakness(secret: str) -> str | None:
    """Why ``secret`` is not a strong identity key, or None. A key is a Fernet key: 32 random
    bytes, URL-safe base64 (``samspil rotate_identity_key --generate-key`` makes one)."""
    text = secret.strip()
    try:
        raw = base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError):
        return "it is not URL-safe base64"
    if len(raw) != 32:
        return f"it holds {len(raw)} bytes, not 32"
    if len(set(raw)) < 16:
        return "its bytes are not random"
    return None


def generate_key() -> str:
    return Fernet.generate_key().decode()
