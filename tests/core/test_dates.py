"""The French date parser (coopwizard.dates): never a wrong date, always a precise reason."""

from __future__ import annotations

import calendar
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from coopwizard import dates
from coopwizard.models.types import DateFr

DATE = TypeAdapter(DateFr)

jours_valides = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))
separateurs = st.sampled_from("/.-")


@st.composite
def ecritures_fr(draw):
    """A valid date written day first, in any way a French user writes one."""
    jour = draw(jours_valides)
    sep1, sep2 = draw(separateurs), draw(separateurs)
    jj = f"{jour.day:02d}" if draw(st.booleans()) else str(jour.day)
    mm = f"{jour.month:02d}" if draw(st.booleans()) else str(jour.month)
    return jour, f"{jj}{sep1}{mm}{sep2}{jour.year}"


@given(ecritures_fr())
def test_a_french_date_is_read_as_written(cas):
    jour, texte = cas
    assert dates.parse(texte) == (jour, None)
    assert DATE.validate_python(texte) == jour


@given(ecritures_fr())
def test_no_prefix_of_a_date_being_typed_is_ever_another_date(cas):
    jour, texte = cas
    for n in range(1, len(texte)):
        valeur, raison = dates.parse(texte[:n])
        assert valeur is None, f"{texte[:n]!r} read as {valeur} while typing {texte!r}"
        # What can still become a date is never called impossible.
        assert raison == dates.INCOMPLETE or raison.startswith("écrivez l'année en entier")
        with pytest.raises(ValidationError):
            DATE.validate_python(texte[:n])


# Two digits alone are read as a day (the field says jj/mm/aaaa): "32" is « le jour 32
# n'existe pas » even though an ISO year 3200 starts with it. Years from 1000 to 3199 only.
@given(st.dates(min_value=date(1000, 1, 1), max_value=date(3199, 12, 31)))
def test_no_prefix_of_an_iso_date_before_its_day_is_a_date(jour):
    texte = jour.isoformat()
    assert dates.parse(texte) == (jour, None)
    for n in range(1, len("2026-09-")):
        assert dates.parse(texte[:n]) == (None, dates.INCOMPLETE)


@pytest.mark.parametrize("texte", ["0", "2026", "20261", "1700000000", "05/0", "05/09/202"])
def test_a_partial_date_never_becomes_1970_or_any_date(texte):
    assert dates.parse(texte)[0] is None
    with pytest.raises(ValidationError):
        DATE.validate_python(texte)


@pytest.mark.parametrize("nombre", [0, 20261, 1_700_000_000, 0.0, True])
def test_a_number_is_never_taken_for_seconds_since_1970(nombre):
    with pytest.raises(ValidationError) as err:
        DATE.validate_python(nombre)
    assert "jj/mm/aaaa" in err.value.errors()[0]["ctx"]["raison"]


@pytest.mark.parametrize(("texte", "attendu"), [
    ("2026-9-1", date(2026, 9, 1)),
    ("1/9/2026", date(2026, 9, 1)),
    ("01.09.2026", date(2026, 9, 1)),
    (" 1 / 9 / 2026 ", date(2026, 9, 1)),
    ("2026-09-01", date(2026, 9, 1)),
    ("29/02/2028", date(2028, 2, 29)),
])
def test_unambiguous_writings_are_accepted(texte, attendu):
    assert dates.parse(texte) == (attendu, None)
    assert DATE.validate_python(texte) == attendu


def test_empty_is_no_date_and_dates_pass_through():
    assert dates.parse("   ") == (None, None)
    assert DATE.validate_python("") is None
    assert DATE.validate_python(None) is None
    assert DATE.validate_python(date(2026, 5, 31)) == date(2026, 5, 31)
    assert DATE.validate_python(datetime(2026, 5, 31, 10, 0)) == date(2026, 5, 31)


def test_a_two_digit_year_is_refused_with_the_full_year_suggested():
    assert dates.parse("05/09/26") == (None, "écrivez l'année en entier : 05/09/2026 ?")
    with pytest.raises(ValidationError) as err:
        DATE.validate_python("05/09/26")
    assert err.value.errors()[0]["ctx"]["raison"] == "écrivez l'année en entier : 05/09/2026 ?"


@pytest.mark.parametrize(("texte", "raison"), [
    ("31/02/2027", "le 31 février n'existe pas"),
    ("31/02", "le 31 février n'existe pas"),  # no year makes it exist: said at once
    ("29/02/2027", "le 29 février 2027 n'existe pas : 2027 n'est pas bissextile"),
    ("31/04/2026", "le 31 avril n'existe pas : avril n'a que 30 jours"),
    ("12/13/2026", "le mois 13 n'existe pas"),
    ("05/00", "le mois 0 n'existe pas"),
    ("32", "le jour 32 n'existe pas"),
    ("00/05/2026", "le jour 0 n'existe pas"),
    ("2026-02-30", "le 30 février n'existe pas"),
    ("2026-13-01", "le mois 13 n'existe pas"),
    ("0000-01-01", "l'année 0 n'existe pas"),
    ("05/09/20261", "l'année 20261 a trop de chiffres"),
    ("20261", "« 20261 » n'est pas une date"),
    ("le 5 mai", "« le 5 mai » n'est pas une date"),
    ("05//09/2026", "n'est pas une date"),
])
def test_an_impossible_date_is_named(texte, raison):
    valeur, message = dates.parse(texte)
    assert valeur is None
    assert raison in message
    with pytest.raises(ValidationError) as err:
        DATE.validate_python(texte)
    assert raison in err.value.errors()[0]["ctx"]["raison"]


@given(st.integers(1000, 9999), st.integers(1, 12), st.integers(28, 31), separateurs)
def test_any_impossible_day_of_a_month_names_day_and_month(annee, mois, jour, sep):
    if jour <= calendar.monthrange(annee, mois)[1]:
        return
    valeur, raison = dates.parse(f"{jour}{sep}{mois:02d}{sep}{annee}")
    assert valeur is None
    if mois == 2 and jour == 29:
        assert raison == f"le 29 février {annee} n'existe pas : {annee} n'est pas bissextile"
    else:
        assert raison.startswith(f"le {jour} {dates.MOIS[mois - 1]} n'existe pas")


@given(st.integers(32, 99), st.integers(1, 12), st.integers(1000, 9999))
def test_any_day_past_31_is_named(jour, mois, annee):
    assert dates.parse(f"{jour}/{mois}/{annee}")[1].startswith(f"le jour {jour} n'existe pas")


@given(st.integers(1, 31), st.integers(13, 99), st.integers(1000, 9999))
def test_any_month_past_12_is_named(jour, mois, annee):
    raison = dates.parse(f"{jour}/{mois}/{annee}")[1]
    assert raison.startswith(f"le mois {mois} n'existe pas")


@given(st.text(max_size=40))
def test_any_text_gets_a_date_or_a_reason_never_an_exception(texte):
    valeur, raison = dates.parse(texte)
    if valeur is not None:
        assert raison is None
    elif texte.strip():
        assert raison
    else:
        assert raison is None


def test_file_times_are_written_the_french_way():
    assert dates.horodatage(datetime(2026, 12, 1, 10, 10)) == "mardi 1er décembre 2026 à 10 h 10"
    assert dates.horodatage(datetime(2027, 3, 14, 9, 5)) == "dimanche 14 mars 2027 à 9 h 05"
    assert dates.horodatage(datetime(2027, 3, 14, 18, 0)) == "dimanche 14 mars 2027 à 18 h"
