"""Documentation that cannot drift: every environment variable, importer and management command
of the project is named in README.md."""

import ast
import re
from pathlib import Path

import pytest
from django.core.management import get_commands

from wijkkompas.imports.registry import importer_names

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text()
CONFIGURED_BY_ENVIRONMENT = [REPO / "wijkkompas" / "settings.py", REPO / "gunicorn.conf.py"]
ENV_HELPERS = {"env_flag", "env_list"}


def _is_os_environ(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "environ" and isinstance(node.value, ast.Name) and node.value.id == "os"


def _string(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def environment_variables(path: Path) -> set[str]:
    """Names read with os.environ.get/[]/in, os.getenv, env_flag or env_list."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and node.args:
            function = node.func
            reads_environment = (
                (isinstance(function, ast.Attribute) and function.attr in {"get", "setdefault"} and _is_os_environ(function.value))
                or (isinstance(function, ast.Attribute) and function.attr == "getenv")
                or (isinstance(function, ast.Name) and function.id in ENV_HELPERS)
            )
            if reads_environment:
                names.add(_string(node.args[0]))
        elif isinstance(node, ast.Subscript) and _is_os_environ(node.value):
            names.add(_string(node.slice))
        elif isinstance(node, ast.Compare) and any(_is_os_environ(right) for right in node.comparators):
            names.add(_string(node.left))
    return names - {None}


def mentioned(word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", README) is not None


def test_the_environment_variable_scan_finds_the_known_ones():
    assert {"SECRET_KEY", "DEBUG", "DATABASE_URL", "ALLOWED_HOSTS"} <= environment_variables(CONFIGURED_BY_ENVIRONMENT[0])


@pytest.mark.parametrize("path", CONFIGURED_BY_ENVIRONMENT, ids=lambda path: path.name)
def test_every_environment_variable_is_documented(path):
    missing = sorted(name for name in environment_variables(path) if not mentioned(name))
    assert not missing, f"README.md does not document these environment variables of {path.name}: {missing}"


def test_every_importer_is_documented():
    missing = [name for name in importer_names() if not mentioned(name)]
    assert not missing, f"README.md does not mention these importers: {missing}"


def test_every_management_command_is_documented():
    commands = sorted(name for name, app in get_commands().items() if app.startswith("wijkkompas"))
    assert commands, "no management commands of the project were found"
    missing = [name for name in commands if not mentioned(name)]
    assert not missing, f"README.md does not mention these management commands: {missing}"
