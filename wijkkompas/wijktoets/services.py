"""Running, saving and re-running a Wijktoets; comparing two runs.

`run_test` checks a definition and computes its result from the stored figures (nothing is
written); `save_test` keeps it for an account with its first run; `rerun_test` adds a run on the
current figures. All checks raise ValidationError with Dutch messages.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from wijkkompas.indicators.models import Unit
from wijkkompas.wijktoets import computation, selectors
from wijkkompas.wijktoets.definition import LEVELS, MAX_GROUPS, MAX_WEIGHT, METHOD_VERSION, Definition, Effect
from wijkkompas.wijktoets.models import Wijktoets, WijktoetsRun

MIN_YEAR, MAX_YEAR = 1900, 2100


@dataclass(frozen=True)
class Outcome:
    definition: Definition
    figures_year: int
    score_year: int | None
    method_version: str
    result: dict


def definition_check(definition: Definition) -> None:
    """Refuse a definition the data cannot answer, saying what to change."""
    errors: dict[str, list[str]] = {}
    if definition.level not in LEVELS:
        errors.setdefault("level", []).append(_("Choose gemeente, wijk or buurt."))
    for name, year in (("year", definition.year), ("score_year", definition.score_year)):
        if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
            errors.setdefault(name, []).append(_("Choose a year from 1900 to 2100."))
    if definition.municipality and selectors.municipality_name(code=definition.municipality) is None:
        errors.setdefault("municipality", []).append(_("We do not know this municipality."))
    if not 1 <= len(definition.groups) <= MAX_GROUPS:
        errors.setdefault("groups", []).append(_("Choose at least one group and at most six."))
    keys = [key for group in definition.groups for key in (group.indicator, group.base) if key]
    units = selectors.indicator_units(keys=keys)
    for group in definition.groups:
        problem = _group_problem(group, units)
        if problem:
            errors.setdefault("groups", []).append(problem)
    if errors:
        raise ValidationError(errors)


def _group_problem(group, units: dict[str, str]) -> str | None:
    if group.indicator not in units or (group.base and group.base not in units):
        return _("We do not know the indicator '%(key)s'.") % {"key": group.base if group.indicator in units
                                                                 else group.indicator}
    if group.base and (units[group.indicator] != Unit.PERCENT or units[group.base] != Unit.COUNT):
        return _("'%(key)s' with a base must be a percentage, and its base a number.") % {"key": group.indicator}
    if not group.base and units[group.indicator] != Unit.COUNT:
        return _("'%(key)s' is a percentage: also choose the number it is a share of.") % {"key": group.indicator}
    if not 0 < group.weight <= MAX_WEIGHT:
        return _("A weight is more than 0 and at most 1000.")
    if group.effect not in Effect.values:
        return _("Choose whether the measure burdens or benefits the group.")
    return None


def run_test(*, definition: Definition) -> Outcome:
    """The result of the definition on the stored figures (read only)."""
    definition_check(definition)
    score_year = definition.score_year or selectors.best_score_year(definition=definition)
    areas = selectors.test_areas(definition=definition, score_year=score_year)
    result = computation.run(
        areas, selectors.group_values(definition=definition), definition, focus=selectors.focus_areas(),
    )
    return Outcome(definition=definition, figures_year=definition.year, score_year=score_year,
                   method_version=METHOD_VERSION, result=result)


def save_test(*, owner, definition: Definition, title: str, description: str = "",
              is_example: bool = False) -> Wijktoets:
    """Keep the test for its account (an example needs none) with its first run."""
    if not is_example and (owner is None or not owner.is_authenticated):
        raise PermissionDenied(_("Sign in first."))
    title = title.strip()
    if not title:
        raise ValidationError({"title": [_("Give the test a title.")]})
    outcome = run_test(definition=definition)
    with transaction.atomic():
        test = Wijktoets.objects.create(
            title=title[:200], description=description.strip()[:2000], definition=definition.as_dict(),
            owner=owner if not is_example else None, is_example=is_example,
        )
        _store_run(test, outcome)
    return test


def rerun_test(*, user, test: Wijktoets) -> WijktoetsRun:
    """A new run of a saved test on the current figures, by its owner (examples: any account)."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("Sign in first."))
    if not test.is_example and test.owner_id != user.pk and not user.is_staff:
        raise PermissionDenied(_("Only the person who saved this test can run it again."))
    outcome = run_test(definition=Definition.from_dict(test.definition))
    with transaction.atomic():
        # Two re-runs at once would take the same number: the row lock lets one wait for the other.
        locked = Wijktoets.objects.select_for_update().get(pk=test.pk)
        return _store_run(locked, outcome)


def _store_run(test: Wijktoets, outcome: Outcome) -> WijktoetsRun:
    last = test.runs.aggregate(last=Max("number"))["last"] or 0
    return WijktoetsRun.objects.create(
        test=test, number=last + 1, definition=outcome.definition.as_dict(), figures_year=outcome.figures_year,
        score_year=outcome.score_year, method_version=outcome.method_version, result=outcome.result,
    )


@dataclass(frozen=True)
class Comparison:
    effect: str
    moved_in: list[str]
    moved_out: list[str]
    stayed: list[str]


def compare_runs(*, earlier: WijktoetsRun, later: WijktoetsRun) -> list[Comparison]:
    """Per side, which areas moved into or out of the most touched fifth between two runs."""
    comparisons = []
    for effect, side in later.result["sides"].items():
        before = set(earlier.result["sides"].get(effect, {}).get("most_touched", []))
        after = set(side["most_touched"])
        comparisons.append(Comparison(effect=effect, moved_in=sorted(after - before), moved_out=sorted(before - after),
                                      stayed=sorted(after & before)))
    return comparisons
