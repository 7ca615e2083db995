"""The shortcuts of coopwizard/prefiltres.py accept only what email-validator and
phonenumbers accept: generated near the patterns' edges, and checked against the
libraries themselves (a new library version that refuses more shows here)."""

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from hypothesis import example, given, settings
from hypothesis import strategies as st

from coopwizard import diagnostics
from coopwizard.prefiltres import courriel_ordinaire, telephone_ordinaire


def _bibliotheque_accepte_courriel(valeur: str) -> bool:
    try:
        validate_email(valeur.strip(), check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def _bibliotheque_accepte_telephone(valeur: str) -> bool:
    try:
        numero = phonenumbers.parse(valeur, "FR")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(numero)


_MORCEAU = st.text(st.sampled_from("aZ09.-_+@é x"), min_size=1, max_size=12)
_TLD = st.sampled_from(["fr", "com", "org", "net", "eu", "info", "be", "ch", "lu", "ca", "re",
                        "de", "es", "it", "io", "example", "test", "local", "localhost", "invalid",
                        "onion", "arpa", "FR", "f", "123"])
_COURRIELS = st.builds(lambda a, b, t: f"{a}@{b}.{t}", _MORCEAU, _MORCEAU, _TLD) | st.text(
    st.sampled_from("ab.@-_+ "), max_size=20)


@settings(max_examples=2000, deadline=None)
@given(_COURRIELS)
@example("contact@asso-quartier.fr")
@example("a" * 65 + "@asso.fr")
@example("x@" + "a" * 64 + ".fr")
@example("x@xn--bcher-kva.fr")
@example("x@ab--cd.fr")
def test_an_ordinary_address_is_one_email_validator_accepts(valeur):
    if courriel_ordinaire(valeur):
        assert _bibliotheque_accepte_courriel(valeur), valeur


_PAIRES = st.lists(st.integers(0, 99).map(lambda n: f"{n:02d}"), min_size=4, max_size=4)
_TELEPHONES = st.builds(lambda d, sep, paires: "0" + d + sep + sep.join(paires),
                        st.sampled_from("0123456789"), st.sampled_from(["", " ", ".", "-"]),
                        _PAIRES)


@settings(max_examples=3000, deadline=None)
@given(_TELEPHONES | st.text(st.sampled_from("0123456789 .-+"), max_size=16))
@example("01 23 45 67 89")
@example("07 00 00 00 00")
@example("08 00 00 00 00")
@example("02 60 00 00 00")
def test_an_ordinary_number_is_one_phonenumbers_accepts(valeur):
    if telephone_ordinaire(valeur):
        assert _bibliotheque_accepte_telephone(valeur), valeur


def test_the_ordinary_cases_are_the_common_ones():
    """The shortcut is taken for what people type (else it saves nothing)."""
    for courriel in ("contact@asso-quartier.fr", "Marie.Dupont@gmail.com", "a_b+c@x.org"):
        assert courriel_ordinaire(courriel)
    for numero in ("01 23 45 67 89", "0612345678", "06.12.34.56.78", "09-51-23-45-67"):
        assert telephone_ordinaire(numero)


def test_check_still_asks_the_libraries_for_the_unusual():
    assert diagnostics.email_problem("prénom@exemple.fr") is None  # not ordinary, still valid
    assert diagnostics.email_problem("x@y") is not None
    assert diagnostics.phone_problem("+33 1 23 45 67 89") is None
    assert diagnostics.phone_problem("01 23") is not None
