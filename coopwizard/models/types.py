"""Reusable field types: normalised text, exact euros, French-friendly dates."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, ConfigDict, PlainSerializer
from pydantic_core import PydanticCustomError

from coopwizard import dates
from coopwizard.text import normalise_text

Texte = Annotated[str, AfterValidator(normalise_text)]
"""Any text the user types: normalised on every assignment."""


def _parse_montant(value: Any) -> Any:
    # Volunteers type "1 250,50 €": accept the French way of writing money.
    if isinstance(value, str):
        cleaned = re.sub(r"[\s\u00a0\u202f€]", "", value).replace(",", ".")
        try:
            return Decimal(cleaned)
        except InvalidOperation:
            return value  # let pydantic raise its (translated) error
    if isinstance(value, float):
        return Decimal(repr(value))  # never keep binary float noise
    return value


MAX_DIGITS = 15


def _check_size(value: Decimal) -> Decimal:
    # "1e999999999" would otherwise load and make the next save write a billion
    # digits. (pydantic's own max_digits normalises first and overflows on it.)
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        raise PydanticCustomError("finite_number", "not a finite number")
    written = max(len(digits), -exponent) if exponent < 0 else len(digits) + exponent
    if written > MAX_DIGITS:
        raise PydanticCustomError("decimal_max_digits", "too many digits")
    return value


Montant = Annotated[
    Decimal,
    BeforeValidator(_parse_montant),
    AfterValidator(_check_size),
    PlainSerializer(lambda d: format(d, "f"), return_type=str, when_used="json"),
]
"""Euros as an exact decimal, written to the file as a string ("1250.50")."""

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _parse_date(value: Any) -> Any:
    # One parser for every date typed or written by hand (coopwizard.dates): a text
    # becomes a date only when it is a whole, existing one. Never a number: pydantic
    # would take "0" or 20261 for seconds since 1970.
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date) or value is None:
        return value
    if isinstance(value, str):
        if len(value) == 10 and _ISO.fullmatch(value):  # as the app writes it: the fast path
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass  # 2026-02-30: dates.parse says why
        valeur, raison = dates.parse(value)
        if raison is None:
            return valeur  # None for an empty text: no date
        raise PydanticCustomError("date_parsing", "{raison}", {"raison": raison})
    raison = f"ce n'est pas une date : écrivez-la {dates.EXEMPLE}"
    raise PydanticCustomError("date_type", "{raison}", {"raison": raison})


DateFr = Annotated[date | None, BeforeValidator(_parse_date)]
"""A date, accepted as French (31/12/2026, 1/9/2026) or ISO (2026-12-31, 2026-9-1).

An empty text is no date (None). Anything else that is not a whole, existing
date is refused with the reason in the error's context (`ctx["raison"]`).
"""

def _parse_moment(value: Any) -> Any:
    # As for dates: never a number (pydantic would take 0 for 1970), only a whole
    # date and time (a TOML one, or its ISO text); a bare date means its midnight.
    if isinstance(value, datetime) or value is None:
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        if not value.strip():
            return None
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PydanticCustomError("datetime_parsing", "not a date and time")


Moment = Annotated[datetime | None, BeforeValidator(_parse_moment)]
"""A date and time (when a version was saved): TOML's own, or ISO text "2026-12-01T10:10:00"."""

MODEL_CONFIG = ConfigDict(
    validate_assignment=True,  # the UI assigns answers: normalise them too
    extra="allow",  # a key we do not know is kept as it is, never dropped
)
