"""Every importer module registers itself here by being imported."""

from wijkkompas.imports.importers import cbs_tmap  # noqa: F401
