"""Cheap checks that `check` runs before email-validator and phonenumbers.

Importing those libraries costs ~150 ms (email-validator compiles its RFC regexes,
phonenumbers loads its metadata), for answers that are almost always ordinary:
« contact@asso-quartier.fr », « 01 23 45 67 89 ». These patterns accept only such
answers, and only where the library accepts them too (proved against the libraries
by tests/core/test_prefiltres.py); anything else still goes to the library, which
alone may refuse. Never used to refuse.
"""

from __future__ import annotations

import re

# A dot-atom of plain letters and digits, at a domain of plain labels under a common
# top-level domain (no special-use name like .test or .local, no IDNA; .example, which
# the guide's example uses, is accepted by email-validator as RFC 6761 asks).
_COURRIEL = re.compile(
    r"[A-Za-z0-9]+(?:[._+-][A-Za-z0-9]+)*"
    r"@(?:[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\.)+"
    r"(?:fr|com|org|net|eu|info|be|ch|lu|ca|re|de|es|it|io|example)",
    re.ASCII | re.IGNORECASE,
)

# A French number as people write it, 10 digits in pairs (spaces, dots or dashes),
# in the ranges phonenumbers' metadata for FR calls fixed-line, mobile or VoIP.
_TELEPHONE = re.compile(r"0(\d)(?:([ .-]?)(\d\d))(?:\2(\d\d)){3}", re.ASCII)
_NATIONAL = re.compile(
    r"(?:[13]\d|2[0-57-9]|4[1-9]|5[0-8])\d{7}"  # fixed line, 01 to 05 (26x, 59x left out)
    r"|(?:6(?:[0-24-8]\d|3[0-8]|9[589])|7[3-9]\d)\d{6}"  # mobile
    r"|9\d{8}",  # VoIP (09)
    re.ASCII,
)


def courriel_ordinaire(valeur: str) -> bool:
    """True only for an address email-validator accepts as it is (syntax only)."""
    texte = valeur.strip()
    local, _, domaine = texte.partition("@")
    return (len(texte) <= 100 and len(local) <= 64 and _COURRIEL.fullmatch(texte) is not None
            and all(len(label) <= 63 for label in domaine.split(".")))


def telephone_ordinaire(valeur: str) -> bool:
    """True only for a French number phonenumbers parses as valid (region FR)."""
    texte = valeur.strip()
    if _TELEPHONE.fullmatch(texte) is None:
        return False
    return _NATIONAL.fullmatch(re.sub(r"\D", "", texte)[1:]) is not None
