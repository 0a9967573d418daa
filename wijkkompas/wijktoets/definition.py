"""What a Wijktoets tests: a measure described as groups of people, households or dwellings.

A group is an indicator that counts (``inwoners_65_plus``), or a percentage times the count it is
a share of (``pct_personen_laag_inkomen`` x ``inwoners``), with a weight and whether the measure
burdens or benefits it. A definition is plain data, the same in the form, the API and the store.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

#: The version of the method (computation.py); stored with every run, shown on the method page.
METHOD_VERSION = "1"
LEVELS = ("gemeente", "wijk", "buurt")
MAX_GROUPS = 6
MAX_WEIGHT = 1000.0


class Effect(models.TextChoices):
    BURDEN = "burden", _("burdens")
    BENEFIT = "benefit", _("benefits")


@dataclass(frozen=True)
class Group:
    indicator: str
    base: str | None = None
    weight: float = 1.0
    effect: str = Effect.BURDEN.value


@dataclass(frozen=True)
class Definition:
    level: str
    year: int
    groups: tuple[Group, ...]
    municipality: str | None = None
    score_year: int | None = None
    title: str = ""
    description: str = ""

    def as_dict(self) -> dict:
        data = asdict(self)
        data["groups"] = [asdict(group) for group in self.groups]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Definition:
        groups = tuple(
            Group(indicator=item["indicator"], base=item.get("base") or None, weight=float(item.get("weight", 1.0)),
                  effect=item.get("effect", Effect.BURDEN.value))
            for item in data["groups"]
        )
        return cls(
            level=data["level"], year=int(data["year"]), groups=groups,
            municipality=(data.get("municipality") or None), score_year=data.get("score_year"),
            title=data.get("title", ""), description=data.get("description", ""),
        )

    def effects(self) -> list[str]:
        """The sides this measure has, burden first."""
        present = {group.effect for group in self.groups}
        return [effect for effect in Effect.values if effect in present]
