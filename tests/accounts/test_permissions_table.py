"""docs/permissions.md is the table of accounts.permissions, generated: it cannot drift."""

from io import StringIO

from django.core.management import call_command

from wijkkompas.accounts.permissions import RULES, Action, Role
from wijkkompas.accounts.table import DOCS_PATH, permissions_markdown


def test_the_committed_table_is_the_generated_one():
    assert DOCS_PATH.read_text(encoding="utf-8") == permissions_markdown(), "run `manage.py permissions_table`"


def test_the_table_has_a_row_per_action_and_a_cell_per_role_as_the_rules_say():
    rows = {line.split("`")[1]: line for line in permissions_markdown().splitlines() if line.startswith("| `")}
    assert set(rows) == {action.value for action in Action}
    for action in Action:
        cells = [cell.strip() for cell in rows[action.value].split("|")[2:-2]]
        assert cells == ["yes" if role in RULES[action] else "–" for role in Role]


def test_the_command_prints_the_table():
    out = StringIO()
    call_command("permissions_table", "--stdout", stdout=out)
    assert out.getvalue() == permissions_markdown()
