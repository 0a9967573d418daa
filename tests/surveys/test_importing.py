"""The CSV import of existing survey results: atomic, refusing with file, row and column."""

import pytest
from django.core.management import CommandError, call_command

from tests.surveys.factories import make_survey_area
from wijkkompas.surveys.models import ImportedResult
from wijkkompas.surveys.selectors import imported_cell

pytestmark = pytest.mark.django_db
HEADER = "gebied;periode;vraag;antwoord;aantal;respondenten\n"


def write(tmp_path, text, name="monitor.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_cells_are_imported_with_their_respondents_and_small_ones_show_no_figure(tmp_path):
    make_survey_area()
    path = write(tmp_path, HEADER + "WK987101;2023;woning;tevreden;30;50\nWK987101;2023;woning;ontevreden;4;8\n")
    call_command("import_survey_results", str(path), "--source", "Wijkmonitor Peilgemeente", stdout=None)
    big, small = ImportedResult.objects.order_by("-respondents")
    assert imported_cell(big) == (30, 0.6, None)
    assert imported_cell(small) == (None, None, "te weinig antwoorden")
    call_command("import_survey_results", str(path), "--source", "Wijkmonitor Peilgemeente")  # again: replaced
    assert ImportedResult.objects.count() == 2


@pytest.mark.parametrize("body, where", [
    ("WK987101;2023;woning;tevreden;30;50\nWK999999;2023;woning;tevreden;1;20\n", "regel 3, kolom 'gebied'"),
    ("WK987101;2023;fietsen;ja;30;50\n", "regel 2, kolom 'vraag'"),
    ("WK987101;2023;woning;heel blij;30;50\n", "regel 2, kolom 'antwoord'"),
    ("WK987101;2023;woning;tevreden;60;50\n", "regel 2, kolom 'aantal'"),
    ("WK987101;2023;woning;tevreden;3,5;50\n", "regel 2, kolom 'aantal'"),
    ("WK987101;2023;woning;tevreden;3;50\nWK987101;2023;woning;tevreden;4;50\n", "regel 3, kolom 'antwoord'"),
])
def test_a_faulty_file_is_refused_as_a_whole_naming_file_row_and_column(tmp_path, body, where):
    make_survey_area()
    path = write(tmp_path, HEADER + body)
    with pytest.raises(CommandError) as refused:
        call_command("import_survey_results", str(path), "--source", "Monitor")
    assert str(refused.value).startswith("bestand monitor.csv, ") and where in str(refused.value)
    assert not ImportedResult.objects.exists()


def test_an_unknown_column_is_refused(tmp_path):
    path = write(tmp_path, "gebied;periode;vraag;antwoord;aantal;respondenten;opmerking\nWK987101;2023;woning;tevreden;3;50;x\n")
    with pytest.raises(CommandError, match="kolom 'opmerking'"):
        call_command("import_survey_results", str(path), "--source", "Monitor")
