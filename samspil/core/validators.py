"""Validators for the identifiers samspil stores: CVR, Swedish organisation numbers, DB07.

Each validator returns the number in its stored form, or raises ``ValidationError`` with a
message that says what is wrong (in the user's language).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.dk import cvr as stdnum_cvr
from stdnum.eu import nace
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import orgnr as stdnum_orgnr

# DB07, Danmarks Statistik's industry codes, refine NACE Rev. 2.0 by two digits.
NACE_REVISION = "2.0"


def _digits(value) -> str:
    return re.sub(r"[\s.\-]", "", str(value or ""))


def normalise_cvr(value) -> str:
    """An 8-digit CVR number whose modulus-11 check holds (weights 2,7,6,5,4,3,2,1)."""
    number = _digits(value).upper().removeprefix("DK")
    if number and not number.isdigit():
        raise ValidationError(_("A CVR number has digits only."), code="cvr_format")
    if len(number) != 8:
        raise ValidationError(
            _("A CVR number has 8 digits; “%(value)s” has %(count)s.")
            % {"value": value, "count": len(number)},
            code="cvr_length",
        )
    try:
        return stdnum_cvr.validate(number)
    except InvalidChecksum:
        raise ValidationError(
            _("%(value)s is not a valid CVR number: the check digit does not match.")
            % {"value": number},
            code="cvr_checksum",
        ) from None
    except StdnumError:
        raise ValidationError(
            _("%(value)s is not a valid CVR number.") % {"value": number}, code="cvr"
        ) from None


def normalise_orgnr(value) -> str:
    """A Swedish organisationsnummer (10 digits, Luhn), stored as NNNNNN-NNNN."""
    number = _digits(value)
    if not number.isdigit():
        raise ValidationError(_("An organisation number has digits only."), code="orgnr_format")
    try:
        return stdnum_orgnr.format(stdnum_orgnr.validate(number))
    except InvalidLength:
        raise ValidationError(
            _("An organisation number has 10 digits."), code="orgnr_length"
        ) from None
    except (InvalidChecksum, InvalidFormat, StdnumError):
        raise ValidationError(
            _("%(value)s is not a valid organisation number: the check digit does not match.")
            % {"value": value},
            code="orgnr_checksum",
        ) from None


def normalise_p_number(value) -> str:
    """A P-number (production unit) is 10 digits; it has no check digit to test."""
    number = _digits(value)
    if not number:
        return ""
    if not number.isdigit() or len(number) != 10:
        raise ValidationError(_("A P-number has 10 digits."), code="p_number")
    return number


def industry_title(code: str) -> str:
    """The NACE title of a DB07 code ("" for an unknown code); the Danish title comes with the
    data where it is known."""
    try:
        return nace.get_label(code[:4], revision=NACE_REVISION)
    except StdnumError:
        return ""


def normalise_industry_code(value) -> str:
    """A DB07 code (6 digits, e.g. 251100) or a NACE class (4 digits); its first four digits
    must be a NACE Rev. 2 class."""
    code = _digits(value)
    if not code.isdigit() or len(code) not in (4, 6):
        raise ValidationError(
            _("An industry code has 6 digits (DB07, e.g. 251100) or 4 (NACE, e.g. 2511)."),
            code="industry_format",
        )
    try:
        nace.validate(code[:4], revision=NACE_REVISION)
    except StdnumError:
        raise ValidationError(
            _("%(value)s is not a known industry code (DB07 / NACE Rev. 2).") % {"value": value},
            code="industry_unknown",
        ) from None
    return code
