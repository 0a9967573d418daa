"""One rounding rule for every figure the site shows, in pages, charts, API texts and CSV.

A figure is rounded half away from zero on the number as it is written (its shortest decimal
representation), as CBS rounds and as a reader rounding "1,005" by hand expects: 1,01. Rounding
the binary float instead (1.005 is stored as 1.00499999…) would give 1,00 on one page and 1,01 on
another. A value that rounds to zero is shown as zero, never as "-0,00".
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format


def rounded_decimal(value: float, decimals: int) -> Decimal:
    result = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return abs(result) if result == 0 else result


def rounded(value: float, decimals: int) -> float:
    """The value as shown, as a number (for charts and comparisons)."""
    return float(rounded_decimal(value, decimals))


def plain_number(value: float, decimals: int) -> str:
    """The shown value without locale formatting, for CSV and JSON texts: '1234.5', '-1.06'."""
    return str(rounded_decimal(value, decimals))


def local_number(value: float, decimals: int) -> str:
    """The shown value in the active locale, with thousands grouping: '1.234,5' in Dutch."""
    return number_format(rounded_decimal(value, decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True)
