"""Importers by name, so `wijkkompas import <source> FILE` can find the one for a file format."""

from __future__ import annotations

from typing import TypeVar

from wijkkompas.imports.base import Importer

ImporterClass = TypeVar("ImporterClass", bound=type[Importer])

_importers: dict[str, type[Importer]] = {}


def register(importer_class: ImporterClass) -> ImporterClass:
    """Class decorator: make an importer available under its `name`."""
    name = importer_class.name
    if name in _importers and _importers[name] is not importer_class:
        raise ValueError(f"Two importers are registered as {name!r}.")
    _importers[name] = importer_class
    return importer_class


def get_importer(name: str) -> Importer:
    _load_importers()
    try:
        return _importers[name]()
    except KeyError:
        raise KeyError(name) from None


def importer_names() -> list[str]:
    _load_importers()
    return sorted(_importers)


def importer_descriptions() -> dict[str, str]:
    _load_importers()
    return {name: _importers[name].description for name in sorted(_importers)}


def _load_importers() -> None:
    # Importing the package runs every module's @register.
    import wijkkompas.imports.importers  # noqa: F401


__all__ = ["register", "get_importer", "importer_names", "importer_descriptions"]
