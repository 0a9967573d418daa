"""One command loads and removes the example content of every app."""

import pytest
from django.core.management import call_command

from wijkkompas.core import demo
from wijkkompas.core.demo import ExampleContent


@pytest.fixture
def recorded(monkeypatch):
    calls: list[str] = []
    contents = [
        ExampleContent(name="Eerste", load=lambda: calls.append("load first") or 3, remove=lambda: calls.append("remove first") or 3),
        ExampleContent(name="Tweede", load=lambda: calls.append("load second") or 0, remove=lambda: calls.append("remove second") or 0),
    ]
    monkeypatch.setattr(demo, "example_contents", lambda: contents)
    monkeypatch.setattr("wijkkompas.core.management.commands.demo_content.example_contents", lambda: contents)
    return calls


def test_every_app_with_a_demo_module_is_found():
    names = [examples.name for examples in demo.example_contents()]

    assert "Voorbeeldinbreng (bijdragen)" in names


def test_loads_in_app_order_and_removes_in_reverse(recorded, settings, capsys):
    settings.DEMO_CONTENT = True

    call_command("demo_content")
    call_command("demo_content", "--remove")

    assert recorded == ["load first", "load second", "remove second", "remove first"]
    output = capsys.readouterr().out
    assert "Eerste: 3 geladen." in output
    assert "Tweede: er al (of de gebieden ontbreken), niets gedaan." in output


def test_nothing_is_loaded_when_the_setting_is_off(recorded, settings, capsys):
    settings.DEMO_CONTENT = False

    call_command("demo_content")

    assert recorded == []
    assert "DEMO_CONTENT staat uit" in capsys.readouterr().out
