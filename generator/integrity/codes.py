"""Personal access codes: 8 random symbols of Crockford's base 32 and a check symbol.

Printed `XXXX-XXXX-C`, for example `7KQ2-M9XD-F`. The 8 symbols are 40 bits from `secrets`; the
check symbol is Crockford's mod-37 check (the 40-bit value modulo 37, written with the 32
symbols and `*~$=U`), which catches every single wrong symbol and every swap of two neighbours,
so the page can tell a learner about a typo before they start, without knowing anything about
the code itself.

Typed codes are normalised before use: spaces and hyphens dropped, letters upper-cased, O read
as 0 and I or L as 1 (Crockford's alphabet has no I, L, O or U among its 32 symbols, so nothing
is lost). The normalised code, 9 ASCII characters without the hyphens, is the signing key.
"""

from __future__ import annotations

import secrets

SYMBOLS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CHECK_SYMBOLS = SYMBOLS + "*~$=U"
DATA_LENGTH = 8
_VALUES = {symbol: value for value, symbol in enumerate(SYMBOLS)}
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def check_symbol(data: str) -> str:
    """Crockford's check symbol of the data symbols."""
    value = 0
    for symbol in data:
        value = value * 32 + _VALUES[symbol]
    return CHECK_SYMBOLS[value % 37]


def new_code() -> str:
    """A fresh access code, printed form."""
    data = "".join(secrets.choice(SYMBOLS) for _ in range(DATA_LENGTH))
    return printed(data + check_symbol(data))


def normalise(text: str) -> str:
    """A code as typed (any case, spaces, hyphens, O for 0) as the 9 symbols of its key."""
    return "".join(text.split()).replace("-", "").upper().translate(_LOOKALIKES)


def printed(code: str) -> str:
    """`XXXX-XXXX-C` from a code in any typed form."""
    raw = normalise(code)
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def problem(text: str) -> str | None:
    """What is wrong with a typed code, or None when it is well formed (the check holds)."""
    raw = normalise(text)
    if len(raw) != DATA_LENGTH + 1:
        return (f"an access code has {DATA_LENGTH + 1} letters and digits (XXXX-XXXX-X), this "
                f"has {len(raw)}")
    bad = next((c for c in raw[:DATA_LENGTH] if c not in _VALUES), None)
    if bad is not None:
        return f"'{bad}' is not used in access codes"
    if raw[-1] != check_symbol(raw[:DATA_LENGTH]):
        return "the last symbol does not match: a letter or digit is mistyped"
    return None
