"""No figure counts twice: the catalogue keeps all but one of each family of figures that measure
the same thing, and every total whose parts count, out of the scores (`score_exclusion`)."""

from wijkkompas.indicators.catalogue import load_catalogue
from wijkkompas.indicators.models import Direction

#: Figures that measure the same thing with nested limits, per person or per household, or as
#: another average: at most one of each family may count.
FAMILIES = {
    "low income": {"pct_personen_laag_inkomen", "pct_huishoudens_laag_inkomen", "pct_huishoudens_laagste_40",
                   "pct_huishoudens_rond_sociaal_minimum", "pct_huishoudens_tot_110_sociaal_minimum",
                   "pct_huishoudens_tot_120_sociaal_minimum"},
    "high income": {"pct_personen_hoog_inkomen", "pct_huishoudens_hoogste_20"},
    "average income": {"inkomen_per_inwoner", "inkomen_per_ontvanger", "gestandaardiseerd_inkomen_huishouden"},
}
#: Totals made of parts that count themselves.
TOTALS = {"ses_woa_totaalscore", "lbm_totaalscore", "lbm_afwijking", "vi_veiligheidsindex"}


def scored_keys() -> set[str]:
    indicators = load_catalogue().indicators
    return {key for key, spec in indicators.items() if spec.direction != Direction.NEUTRAL and not spec.score_exclusion}


def test_at_most_one_figure_of_each_family_counts():
    indicators = load_catalogue().indicators
    scored = scored_keys()
    for family, keys in FAMILIES.items():
        assert keys <= set(indicators), f"{family}: {keys - set(indicators)} not in the catalogue"
        assert len(keys & scored) == 1, f"{family}: {sorted(keys & scored)} all count"


def test_no_total_counts_next_to_its_parts():
    assert not TOTALS & scored_keys()

