"""The role × action table of accounts.permissions, as Markdown (docs/permissions.md)."""

from django.conf import settings
from django.utils import translation

from wijkkompas.accounts.permissions import AUTHOR_ONLY, MEMBERS_ONLY, MFA_ROLES, RULES, Action, Role

DOCS_PATH = settings.BASE_DIR / "docs" / "permissions.md"

INTRO = """# Who may do what

Generated from `wijkkompas/accounts/permissions.py` by `manage.py permissions_table`; do not edit
by hand (a test fails when this file and the module differ).

A role given on a region holds on that region and every region below it (a role on a gemeente
holds for its wijken and buurten). Every signed-in account is a resident everywhere; site
administrators are the superusers. Roles marked * count only when the account has a second
factor (TOTP); without one they give nothing.
"""


def _note(action: Action) -> str:
    if action in AUTHOR_ONLY:
        return "only on one's own contribution"
    if action in MEMBERS_ONLY:
        return "only for members of the organisation it was forwarded to"
    return ""


def permissions_markdown() -> str:
    """In English, the docs' language, whatever language is active."""
    with translation.override(None):
        return _table()


def _table() -> str:
    roles = list(Role)
    header = ["Action", *[f"{role.value}{'*' if role in MFA_ROLES else ''}" for role in roles], "Also"]
    lines = [INTRO, "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for action in Action:
        cells = ["yes" if role in RULES[action] else "–" for role in roles]
        lines.append(f"| `{action.value}` {action.label} | " + " | ".join(cells) + f" | {_note(action)} |")
    return "\n".join(lines) + "\n"
