"""CSV cells that are safe to open in a spreadsheet.

A cell starting with =, +, -, @, a tab or a carriage return is run as a formula by Excel and
LibreOffice (CSV injection); such a text cell gets a leading apostrophe, which the spreadsheet
shows as plain text. Numbers are written by the callers themselves and never pass through here.
"""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_START) else value
