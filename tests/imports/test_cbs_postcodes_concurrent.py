"""Two imports of postcode areas at the same time: they take turns, and the postcodes of the year
are there once, on SQLite and PostgreSQL alike."""

import shutil

import pytest

from tests.imports.separate_database import run_manage, run_script, separate_database, start_manage
from wijkkompas.imports.bundled import bundled_path

pytestmark = pytest.mark.django_db


def test_two_imports_of_the_same_postcodes_at_once_leave_one_copy(tmp_path):
    population = bundled_path("cbs_kwb2024_85984NED_alle_regios_bevolking.csv")
    postcodes = bundled_path("cbs_pc4_wijk_2024.csv")
    copies = [shutil.copy(postcodes, tmp_path / f"pc4_{number}.csv.gz") for number in (1, 2)]
    with separate_database(tmp_path) as environment:
        done = run_manage(environment, "import_data", "cbs-kwb-bevolking", str(population), "--no-scores")
        assert done.returncode == 0, done.stderr
        imports = [start_manage(environment, "import_data", "cbs-pc4-wijk", str(path), "--no-scores") for path in copies]
        results = [(process.wait(timeout=600), process.stderr.read()) for process in imports]
        assert [code for code, _ in results] == [0, 0], results
        stored = run_script(environment, (
            "from wijkkompas.imports.models import ImportRun\n"
            "from wijkkompas.regions.models import PostcodeArea\n"
            "rows = PostcodeArea.objects.filter(year=2024)\n"
            "print(json.dumps({'rows': rows.count(), 'distinct': rows.values('postcode', 'region').distinct().count(),\n"
            "    'runs': sorted(ImportRun.objects.filter(source='cbs-pc4-wijk').values_list('status', flat=True))}))\n"
        ))
    assert stored["rows"] == stored["distinct"] == 6863
    assert stored["runs"] in (["succeeded", "succeeded"], ["succeeded", "unchanged"])
