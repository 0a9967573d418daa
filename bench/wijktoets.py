"""Time the Wijktoets over all wijken and all buurten of the Netherlands, and print the figures.

On a fresh database with all bundled data loaded and scored (as `make run` does), a test runs as
`POST /api/wijktoets` runs it (`services.run_test`: reading the figures, the computation, the
result): over every wijk of 2022 (persons with a low income, a share times the inhabitants), every
wijk of 2024 and every buurt of 2024 (residents aged 65 and over; 2024 is the year the bundled data
has inhabitants for every buurt). Each runs `--repeat` times; the first run is counted too.
Targets: all wijken under 1 second, all buurten under 3 seconds.

    .venv/bin/python bench/wijktoets.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wk_wijktoets .venv/bin/python bench/wijktoets.py
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.e2e.server import fresh_database, manage, production_environment  # noqa: E402

TARGETS = {"wijk": 1.0, "buurt": 3.0}


def cases():
    from wijkkompas.wijktoets.definition import Definition, Group

    low_income = Group(indicator="pct_personen_laag_inkomen", base="inwoners")
    elderly = Group(indicator="inwoners_65_plus", effect="benefit")
    return [
        ("all wijken 2022, low income (burden)", Definition(level="wijk", year=2022, groups=(low_income,))),
        ("all wijken 2024, residents 65+ (benefit)", Definition(level="wijk", year=2024, groups=(elderly,))),
        ("all buurten 2024, residents 65+ (benefit)", Definition(level="buurt", year=2024, groups=(elderly,))),
    ]


def report(name: str, definition, seconds: list[float], result: dict, score_year) -> bool:
    target = TARGETS[definition.level]
    coverage = result["coverage"]
    worst = max(seconds)
    print(f"\n{name}: median {statistics.median(seconds):.3f} s, slowest {worst:.3f} s "
          f"(target < {target:.0f} s: {'met' if worst < target else 'MISSED'})")
    print(f"  areas {coverage['areas']}, with figures {coverage['areas_with_exposure']}, compared "
          f"{coverage['areas_in_concentration']} (overall scores of {score_year}); missing figures "
          f"{coverage['areas_missing_figures']}, no score {coverage['areas_without_score']}")
    print(f"  inhabitants {coverage['population']:,.0f}, with figures {coverage['population_with_exposure']:,.0f}, "
          f"compared {coverage['population_in_concentration']:,.0f}")
    for effect, side in result["sides"].items():
        print(f"  {effect}: {side['total']:,.0f} touched (weighted) in the compared areas")
        for part, ratio in side["ratios"].items():
            if ratio["ratio"] is None:  # no area with an overall score to order by
                print(f"    most vulnerable {part}: no ratio (no compared areas)")
                continue
            print(f"    most vulnerable {part}: {ratio['areas']} areas, {100 * ratio['population_share']:.1f}% of "
                  f"inhabitants, {100 * ratio['exposure_share']:.1f}% of the {effect}, ratio {ratio['ratio']:.3f}")
        focus = ", ".join(f"{row['municipality_code']} {100 * row['exposure_share']:.1f}%" for row in side["focus"][:3])
        print(f"    NPLV municipalities carrying most: {focus}")
    if not coverage["areas_in_concentration"]:
        print("  NOT MEASURED in full: no area of this level has an overall score, so nothing was ordered by vulnerability")
        return False
    return worst < target


def run(repeat: int) -> bool:
    import django

    django.setup()
    from wijkkompas.wijktoets import services

    met = True
    for name, definition in cases():
        seconds, outcome = [], None
        for _ in range(repeat):
            started = time.perf_counter()
            outcome = services.run_test(definition=definition)
            seconds.append(time.perf_counter() - started)
        met &= report(name, definition, seconds, outcome.result, outcome.score_year)
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    engine = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    with tempfile.TemporaryDirectory(prefix="wijkkompas-bench-") as temporary:
        folder = Path(temporary)
        with fresh_database(name="wk_wijktoets_bench", folder=folder) as database_url:
            env = production_environment(database_url=database_url, static_root=folder / "static")
            started = time.perf_counter()
            manage("migrate", "--noinput", env=env)
            manage("load_bundled_data", env=env)
            print(f"Wijktoets benchmark, {engine}: bundled data loaded in {time.perf_counter() - started:.0f} s "
                  "(not counted)")
            os.environ.update({key: env[key] for key in ("DJANGO_SETTINGS_MODULE", "DEBUG", "SECRET_KEY",
                                                         "DATABASE_URL")})
            met = run(arguments.repeat)
            from django.db import connections

            connections.close_all()
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
