"""Personal identifiers: the Danish CPR number, the Swedish personnummer and samordningsnummer,
or an external reference. Validated as ESF.md says, normalised, and shown masked."""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import luhn

CPR, PERSONNUMMER, OTHER = "cpr", "personnummer", "other"


@dataclass(frozen=True)
class Identifier:
    kind: str
    value: str  # normalised: DDMMYYSSSS, YYYYMMDDNNNC, or the reference as given
    birth_date: datetime.date | None = None
    gender: str = ""  # female / male, where the number says

    @property
    def masked(self) -> str:
        if self.kind == CPR:
            return f"{self.value[:6]}-xxxx"
        if self.kind == PERSONNUMMER:
            return f"{self.value[:8]}-xxxx"
        return f"{self.value[:2]}{'x' * max(0, len(self.value) - 2)}"


def cpr_century(year: int, seventh: int) -> int:
    """The century of a CPR number's birth year, from its 7th digit (ESF.md, Identifiers)."""
    if seventh <= 3:
        return 1900
    if seventh in (4, 9):
        return 2000 if year <= 36 else 1900
    return 2000 if year <= 57 else 1800  # 5-8


def parse_cpr(text: str) -> Identifier:
    digits = re.sub(r"[\s-]", "", str(text))
    if not digits.isdigit() or len(digits) != 10:
        raise ValidationError(_("A CPR number has 10 digits: DDMMYY-SSSS."), code="cpr_format")
    day, month, year, seventh = int(digits[0:2]), int(digits[2:4]), int(digits[4:6]), int(digits[6])
    try:
        born = datetime.date(cpr_century(year, seventh) + year, month, day)
    except ValueError:
        raise ValidationError(
            _("%(value)s is not a valid CPR number: there is no such date.") % {"value": text},
            code="cpr_date",
        ) from None
    # Since 2007 CPR numbers are issued that fail the old modulus-11 check: it is not applied.
    gender = "female" if int(digits[-1]) % 2 == 0 else "male"
    return Identifier(CPR, digits, born, gender)


def parse_personnummer(text: str, *, today: datetime.date | None = None) -> Identifier:
    """YYMMDD-NNNC or YYYYMMDDNNNC, "+" instead of "-" from age 100, C a Luhn digit over
    YYMMDDNNN; a samordningsnummer adds 60 to the day (ESF.md)."""
    raw = str(text).strip()
    invalid = ValidationError(
        _("%(value)s is not a valid personnummer or samordningsnummer.") % {"value": raw},
        code="personnummer",
    )
    hundred = "+" in raw
    digits = re.sub(r"[\s+-]", "", raw)
    if not digits.isdigit() or len(digits) not in (10, 12):
        raise invalid
    short = digits[-10:]
    if not luhn.is_valid(short):
        raise invalid
    year, month, day = int(short[0:2]), int(short[2:4]), int(short[4:6])
    if day > 60:
        day -= 60
    today = today or datetime.date.today()
    if len(digits) == 12:
        century = int(digits[:2]) * 100
    else:
        century = (today.year // 100) * 100
        if century + year > today.year:
            century -= 100
        if hundred:
            century -= 100
    try:
        born = datetime.date(century + year, month, day)
    except ValueError:
        raise invalid from None
    gender = "female" if int(short[8]) % 2 == 0 else "male"
    return Identifier(PERSONNUMMER, f"{born.year:04d}{short[2:]}", born, gender)


def parse(kind: str, text: str) -> Identifier:
    if kind == CPR:
        return parse_cpr(text)
    if kind == PERSONNUMMER:
        return parse_personnummer(text)
    if kind == OTHER:
        value = str(text).strip()
        if not value:
            raise ValidationError(_("Give the external reference."), code="reference")
        return Identifier(OTHER, value)
    raise ValidationError(_("The identifier type is cpr, personnummer or other."), code="kind")
