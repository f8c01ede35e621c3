import datetime

from samspil.core.dates import add_months


def test_months_later_clamp_to_the_months_last_day():
    assert add_months(datetime.date(2025, 8, 31), 6) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2027, 8, 31), 6) == datetime.date(2028, 2, 29)
    assert add_months(datetime.date(2026, 3, 31), -1) == datetime.date(2026, 2, 28)


def test_past_the_calendars_ends_it_stops_there_instead_of_failing():
    # A leaving date typed as 9999 made the ESF figures of the enrolment's save answer 500.
    assert add_months(datetime.date(9999, 7, 1), 6) == datetime.date.max
    assert add_months(datetime.date(1, 3, 1), -6) == datetime.date.min
