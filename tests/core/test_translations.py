"""The Dutch catalogue: complete, in step with the source strings, and used by the pages.

The .po file is read with a small parser of our own (the project has no polib): comments and
flags, msgctxt, msgid, msgid_plural and msgstr[n], each possibly spread over several quoted lines.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

import wijkkompas

PACKAGE = Path(wijkkompas.__file__).resolve().parent
CATALOGUE = PACKAGE / "locale" / "nl" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif%]|\{\w*\}")
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
_LINE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$')


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def key(self) -> tuple[str | None, str, str | None]:
        return self.msgctxt, self.msgid, self.msgid_plural


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda match: _ESCAPES.get(match[1], match[0]), text[1:-1])


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file, header included, obsolete (#~) entries left out."""
    entries: list[Entry] = []
    entry, target, flags = None, None, set()
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if line.startswith("#,"):
            flags |= {flag.strip() for flag in line[2:].split(",")}
        elif not line or line.startswith("#"):
            continue
        elif line.startswith('"'):
            assert entry is not None and target is not None, f"{path.name}:{number}: text outside an entry"
            value = _unquote(line)
            if isinstance(target, int):
                entry.msgstr[target] += value
            else:
                setattr(entry, target, getattr(entry, target) + value)
        else:
            match = _LINE.match(line)
            assert match, f"{path.name}:{number}: cannot read {line!r}"
            keyword, value = match[1], _unquote(match[2])
            if keyword in ("msgctxt", "msgid") and (entry is None or entry.msgstr):
                entry = Entry(flags=flags, line=number)
                entries.append(entry)
                flags = set()
            if keyword.startswith("msgstr"):
                target = int(keyword[7:-1]) if "[" in keyword else 0
                entry.msgstr[target] = value
            else:
                target = keyword
                setattr(entry, keyword, value)
    return entries


def _messages(entries: list[Entry]) -> list[Entry]:
    return [entry for entry in entries if entry.msgid]


def _where(entry: Entry) -> str:
    return f"django.po:{entry.line} {entry.msgid[:60]!r}"


def test_every_message_is_translated_and_none_is_fuzzy():
    entries = read_po(CATALOGUE)
    fuzzy = [_where(entry) for entry in entries if "fuzzy" in entry.flags]
    assert not fuzzy, f"fuzzy entries: {fuzzy}"
    header = next(entry for entry in entries if not entry.msgid)
    assert "Language: nl\n" in header.msgstr[0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header.msgstr[0]
    untranslated = [
        _where(entry) for entry in _messages(entries)
        if sorted(entry.msgstr) != ([0, 1] if entry.msgid_plural is not None else [0])
        or not all(text.strip() for text in entry.msgstr.values())
    ]
    assert not untranslated, f"untranslated entries: {untranslated}"
    assert len(_messages(entries)) > 300  # the parser read the whole file, not just its start


def test_translations_keep_the_placeholders():
    """msgfmt --check-format covers python-format entries; this also covers the rest (and runs without gettext)."""
    wrong = []
    for entry in _messages(read_po(CATALOGUE)):
        expected = set(PLACEHOLDER.findall(entry.msgid)) | set(PLACEHOLDER.findall(entry.msgid_plural or ""))
        if "python-format" not in entry.flags:
            expected.discard("%%")
        wrong += [_where(entry) for text in entry.msgstr.values() if set(PLACEHOLDER.findall(text)) != expected]
    assert not wrong, f"placeholders differ: {wrong}"


def test_catalogue_holds_exactly_the_current_source_strings(tmp_path, monkeypatch, settings):
    """makemessages, run on a copy of the package, finds the same messages as the committed catalogue."""
    if not (shutil.which("xgettext") and shutil.which("msgmerge") and shutil.which("msguniq")):
        pytest.skip("GNU gettext (xgettext, msgmerge, msguniq) is not installed, so makemessages cannot run.")
    copy = tmp_path / "wijkkompas"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.po", "*.mo"))
    settings.LOCALE_PATHS = [str(copy / "locale")]  # write into the copy, never into the package
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["nl"], no_obsolete=True, verbosity=0)
    fresh = {entry.key for entry in _messages(read_po(copy / "locale" / "nl" / "LC_MESSAGES" / "django.po"))}
    committed = {entry.key for entry in _messages(read_po(CATALOGUE))}
    assert not fresh - committed, f"not in the catalogue yet (run makemessages -l nl): {sorted(fresh - committed)}"
    stale = sorted(committed - fresh)
    assert not stale, f"no longer in the source (run makemessages --no-obsolete): {stale}"


@pytest.fixture
def compiled_catalogue(tmp_path, monkeypatch, settings):
    """The current .po compiled into a temporary locale directory that replaces LOCALE_PATHS for one test.

    The package's own .mo (git-ignored, built by `make`) is left alone, so this test neither needs it nor
    switches the rest of the suite to Dutch; reassigning the setting makes Django reload its translations.
    """
    if not shutil.which("msgfmt"):
        pytest.skip("msgfmt (GNU gettext) is not installed, so the catalogue cannot be compiled.")
    messages = tmp_path / "locale" / "nl" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    shutil.copy(CATALOGUE, messages / "django.po")
    settings.LOCALE_PATHS = [str(tmp_path / "locale")]
    monkeypatch.chdir(tmp_path)  # compilemessages also compiles every locale directory under the working directory
    call_command("compilemessages", locale=["nl"], verbosity=0)
    return messages / "django.mo"


@pytest.mark.django_db
def test_pages_render_in_dutch(client, compiled_catalogue):
    assert compiled_catalogue.exists()
    page = client.get(reverse("home")).content.decode()
    assert "Naar de inhoud" in page
    assert "Skip to content" not in page
