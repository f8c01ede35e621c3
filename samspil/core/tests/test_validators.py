"""The identifiers samspil checks: CVR (modulus 11), Swedish organisation numbers (Luhn), DB07."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from samspil.core.validators import (
    normalise_cvr,
    normalise_industry_code,
    normalise_orgnr,
    normalise_p_number,
)


@pytest.fixture(autouse=True)
def in_english():
    # The messages are checked in English here; the pages' tests check the Danish ones.
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("13585628", "13585628"),
        ("1358 5628", "13585628"),
        ("DK13585628", "13585628"),
        ("10403782", "10403782"),
    ],
)
def test_valid_cvr_numbers_are_stored_as_8_digits(typed, stored):
    assert normalise_cvr(typed) == stored


def test_the_check_digit_follows_the_weights_2_7_6_5_4_3_2_modulus_11():
    base = "1358562"
    remainder = sum(w * int(d) for w, d in zip((2, 7, 6, 5, 4, 3, 2), base, strict=True)) % 11
    assert normalise_cvr(base + str((11 - remainder) % 11)) == "13585628"
    for wrong in "0123456789".replace("8", ""):
        with pytest.raises(ValidationError, match="check digit"):
            normalise_cvr(base + wrong)


@pytest.mark.parametrize(
    "typed, words",
    [
        ("1358562", "8 digits"),
        ("135856281", "8 digits"),
        ("1358562A", "digits only"),
        ("13585627", "check digit"),
        ("", "8 digits"),
    ],
)
def test_invalid_cvr_numbers_say_what_is_wrong(typed, words):
    with pytest.raises(ValidationError, match=words):
        normalise_cvr(typed)


def test_swedish_organisation_numbers_use_luhn():
    assert normalise_orgnr("5560360793") == "556036-0793"
    assert normalise_orgnr("556036-0793") == "556036-0793"
    with pytest.raises(ValidationError, match="check digit"):
        normalise_orgnr("5560360794")
    with pytest.raises(ValidationError, match="10 digits"):
        normalise_orgnr("55603607")


def test_p_numbers_have_10_digits_and_no_check():
    assert normalise_p_number("1003388394") == "1003388394"
    assert normalise_p_number("1003388395") == "1003388395"  # no check digit to fail
    with pytest.raises(ValidationError):
        normalise_p_number("12345")


@pytest.mark.parametrize("code", ["251100", "2511", "25.11.00", "620100"])
def test_known_industry_codes(code):
    assert normalise_industry_code(code).startswith(code.replace(".", "")[:4])


@pytest.mark.parametrize(
    "code, words", [("999999", "not a known"), ("25", "6 digits"), ("25110A", "6 digits")]
)
def test_unknown_industry_codes_are_refused(code, words):
    with pytest.raises(ValidationError, match=words):
        normalise_industry_code(code)
