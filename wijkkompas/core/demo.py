"""The example (voorbeeld) content of every app, loaded and removed by one command.

An app that ships example content for a local demo has a `demo` module with
`EXAMPLES = ExampleContent(...)`. `manage.py demo_content` loads them in the order of
INSTALLED_APPS (later apps may build on the demo accounts of earlier ones) and `--remove` takes
them out in the reverse order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps


@dataclass(frozen=True)
class ExampleContent:
    #: What the content is, in Dutch and in the plural, for the command's report ("voorbeeldbijdragen").
    name: str
    #: Loads the content unless it is there already; returns how many items it made (0: nothing done).
    load: Callable[[], int]
    #: Removes all of it; returns how many items went.
    remove: Callable[[], int]


def example_contents() -> list[ExampleContent]:
    return list(_examples())


def _examples() -> Iterator[ExampleContent]:
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if config.name.startswith("wijkkompas.") and find_spec(name) is not None:
            examples = getattr(import_module(name), "EXAMPLES", None)
            if examples is not None:
                yield examples
