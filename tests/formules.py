"""What a formula written by coopwizard may look like (the XLSX safety tests).

The app writes sums over cells (=SUM(B13:B17), =SUM(B42,B43), =C5-B5) and the
balance sentences (=IF(...) over two cells, with the wording of libelles.toml).
Anything else in a formula (a user's text, HYPERLINK, a DDE call) is a bug.
"""

from __future__ import annotations

import re

from coopwizard.documents.libelles import libelles

REF = r"\$?[A-Z]{1,3}\$?\d+"
CHAINE = re.compile(r'"((?:[^"]|"")*)"')
JETON = re.compile(rf"\s*(?:{REF}(?::{REF})?|SUM|IF|AND|ROUND|FIXED|ABS|\d+|[-+&,()=<>])")


def _morceaux_permis() -> set[str]:
    """The literal pieces of the budget's sentences, placeholders cut out."""
    pieces = {"\u00a0€", ""}
    for nom in ("budget", "compte_rendu_financier"):
        for valeur in libelles()[nom].values():
            if isinstance(valeur, str):
                pieces.update(re.split(r"\{montant\}|\{ecart\}", valeur))
    return pieces


def formule_de_l_app(formule: str) -> bool:
    formule = formule.removeprefix("=")
    permis = _morceaux_permis()
    for chaine in CHAINE.findall(formule):
        if chaine.replace('""', '"') not in permis:
            return False
    reste = CHAINE.sub("0", formule)
    position = 0
    while position < len(reste):
        jeton = JETON.match(reste, position)
        if jeton is None or jeton.end() == position:
            return False
        position = jeton.end()
    return True
