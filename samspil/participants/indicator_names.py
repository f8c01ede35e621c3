"""The ESF indicators' names, shown beside their codes (pages, the fund's XLSX) in the user's
language. The codes and what counts are in ``indicators``; these are only the labels, worded
after the common indicators of Regulation 1304/2013 (ESF 2014-2020) and 2021/1057 (ESF+)."""

from django.utils.translation import gettext_lazy as _

NAMES = {
    # ESF 2014-2020: common output indicators for participants.
    "CO01": _("unemployed, including long-term unemployed"),
    "CO02": _("long-term unemployed"),
    "CO03": _("inactive"),
    "CO04": _("inactive, not in education or training"),
    "CO05": _("employed, including self-employed"),
    "CO06": _("below 25 years of age"),
    "CO07": _("above 54 years of age"),
    "CO08": _(
        "above 54 years of age who are unemployed, including long-term unemployed, or inactive "
        "not in education or training"
    ),
    "CO09": _("with primary (ISCED 1) or lower secondary education (ISCED 2)"),
    "CO10": _("with upper secondary (ISCED 3) or post-secondary education (ISCED 4)"),
    "CO11": _("with tertiary education (ISCED 5 to 8)"),
    "CO15": _("migrants, participants with a foreign background, minorities"),
    "CO16": _("participants with disabilities"),
    "CO17": _("other disadvantaged"),
    "CO18": _("homeless or affected by housing exclusion"),
    "CO19": _("from rural areas"),
    "CO23": _("supported micro, small and medium-sized enterprises"),
    # ESF 2014-2020: common result indicators.
    "CR01": _("inactive participants engaged in job searching upon leaving"),
    "CR02": _("participants in education or training upon leaving"),
    "CR03": _("participants gaining a qualification upon leaving"),
    "CR04": _("participants in employment, including self-employment, upon leaving"),
    "CR05": _(
        "disadvantaged participants engaged in job searching, education or training, gaining "
        "a qualification or in employment upon leaving"
    ),
    "CR06": _("participants in employment, including self-employment, six months after leaving"),
    "CR07": _("participants with an improved labour market situation six months after leaving"),
    "CR08": _(
        "participants above 54 years of age in employment, including self-employment, six "
        "months after leaving"
    ),
    "CR09": _(
        "disadvantaged participants in employment, including self-employment, six months after "
        "leaving"
    ),
    # ESF+ 2021-2027: common output indicators.
    "EECO01": _("total number of participants"),
    "EECO02": _("unemployed, including long-term unemployed"),
    "EECO03": _("long-term unemployed"),
    "EECO04": _("inactive"),
    "EECO05": _("employed, including self-employed"),
    "EECO06": _("children below 18 years of age"),
    "EECO07": _("young people between 18 and 29 years of age"),
    "EECO08": _("participants 55 years of age and above"),
    "EECO09": _("with lower secondary education or less (ISCED 0-2)"),
    "EECO10": _("with upper secondary (ISCED 3) or post-secondary education (ISCED 4)"),
    "EECO11": _("with tertiary education (ISCED 5-8)"),
    "EECO12": _("participants with disabilities"),
    "EECO13": _("third-country nationals"),
    "EECO14": _("participants with a foreign background"),
    "EECO15": _("minorities (including marginalised communities such as the Roma)"),
    "EECO16": _("homeless or affected by housing exclusion"),
    "EECO17": _("participants from rural areas"),
    "EECO18": _("public administrations or public services supported"),
    "EECO19": _("micro, small and medium-sized enterprises supported"),
    # ESF+ 2021-2027: common result indicators.
    "EECR01": _("participants engaged in job searching upon leaving"),
    "EECR02": _("participants in education or training upon leaving"),
    "EECR03": _("participants gaining a qualification upon leaving"),
    "EECR04": _("participants in employment, including self-employment, upon leaving"),
    "EECR05": _("participants in employment, including self-employment, six months after leaving"),
    "EECR06": _("participants with an improved labour market situation six months after leaving"),
}


def name(code: str) -> str:
    """The indicator's name in the active language, or '' for a code without one."""
    return str(NAMES.get(code, ""))


def labelled(code: str) -> str:
    """'CO01 – unemployed, including long-term unemployed' (the code alone if unnamed)."""
    label = name(code)
    return f"{code} – {label}" if label else code
