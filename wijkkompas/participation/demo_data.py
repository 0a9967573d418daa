"""Example participation content for three real neighbourhoods, for a local demo only.

Everything here is made up to show how the resident voice works, and is labelled "voorbeeld"
wherever it appears (Contribution.is_example). It holds no figures: the statistics next to it
are the real open data. Loaded by `manage.py demo_content`, removed by `manage.py demo_content
--remove`, never loaded when the DEMO_CONTENT setting is off.

Each step of a trail names the demo role that takes it; `demo.py` turns the steps into calls to
the normal services, so the example trails obey the same state machine as real ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Step:
    #: One of: status, accept, answer, rate, reopen, support, react, follow.
    action: str
    #: The demo account that takes the step: a key of DEMO_ACCOUNTS.
    actor: str
    status: str = ""
    text: str = ""
    reason_category: str = ""
    organisation: str = ""
    satisfied: bool | None = None


@dataclass(frozen=True)
class ExampleContribution:
    kind: str
    theme: str
    title: str
    text: str
    place_description: str = ""
    #: Assisted input: the channel, the number of residents and how many days ago they said it;
    #: an empty channel is online input by the demo resident.
    channel: str = ""
    residents_count: int = 1
    days_ago: int = 30
    trail: tuple[Step, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class ExampleArea:
    region_code: str
    municipality_code: str
    organisations: tuple[tuple[str, str], ...]
    contributions: tuple[ExampleContribution, ...]


#: Demo accounts by key: (e-mail address, public name, role, organisation key or "").
#: The addresses are under the reserved .example domain (RFC 2606): no mail to them can reach anyone;
#: on a local machine the sign-in code shows in the console mail.
DEMO_ACCOUNTS = {
    "bewoner": ("bewoner@wijkkompas.example", "Fatima (voorbeeld)", "bewoner", ""),
    "buurman": ("buurman@wijkkompas.example", "Kees (voorbeeld)", "bewoner", ""),
    "vertegenwoordiger": ("bewonersraad@wijkkompas.example", "Bewonersraad (voorbeeld)", "bewonersvertegenwoordiger", "bewoners"),
    "professional": ("welzijn@wijkkompas.example", "Sanne, opbouwwerker (voorbeeld)", "professional", "welzijn"),
    "corporatie": ("corporatie@wijkkompas.example", "Wijkconsulent (voorbeeld)", "professional", "corporatie"),
    "beheerder": ("gemeente@wijkkompas.example", "Wijkregisseur (voorbeeld)", "beheerder", "gemeente"),
    "moderator": ("moderator@wijkkompas.example", "Moderator (voorbeeld)", "moderator", ""),
}

#: Organisation keys used by the areas: (kind, name template; {gemeente} is the municipality's name).
ORGANISATIONS = {
    "gemeente": ("gemeente", "Gemeente {gemeente} (voorbeeld)"),
    "corporatie": ("woningcorporatie", "Woningcorporatie in {gemeente} (voorbeeld)"),
    "welzijn": ("welzijn", "Welzijnsorganisatie {gemeente} (voorbeeld)"),
    "politie": ("politie", "Wijkagent {gemeente} (voorbeeld)"),
    "bewoners": ("bewonersorganisatie", "Bewonersraad {gemeente} (voorbeeld)"),
}

AREAS = (
    ExampleArea(
        region_code="WK036393",  # Bijlmer Centrum (D, F, H), Amsterdam
        municipality_code="GM0363",
        organisations=(("gemeente", ""), ("corporatie", ""), ("welzijn", ""), ("bewoners", "")),
        contributions=(
            ExampleContribution(
                kind="signaal", theme="veiligheid",
                title="Donkere onderdoorgang bij het metrostation",
                text="Als het donker is, loop ik om. In de onderdoorgang doen twee lampen het al weken niet. "
                     "Ook andere vrouwen uit mijn flat zeggen dat ze zich daar niet veilig voelen.",
                place_description="De voetgangerstunnel tussen het metrostation en de flats.",
                trail=(
                    Step("support", "buurman"),
                    Step("status", "professional", status="in_behandeling",
                         text="Dank voor uw melding. We kijken samen met de beheerder van de tunnel naar de verlichting."),
                    Step("status", "professional", status="doorgezet", organisation="corporatie",
                         text="De tunnel is van de woningcorporatie. We hebben uw melding aan hen doorgegeven."),
                    Step("accept", "corporatie"),
                    Step("answer", "corporatie",
                         text="De kapotte lampen zijn vervangen en er komt extra verlichting bij de trap. "
                              "We lopen over een maand samen met bewoners een avondronde."),
                    Step("rate", "bewoner", satisfied=True),
                ),
            ),
            ExampleContribution(
                kind="idee", theme="leefbaarheid",
                title="Moestuin op het grasveld achter de flat",
                text="Het grasveld wordt bijna niet gebruikt. Met een paar buren willen we er een moestuin "
                     "maken, ook voor de kinderen. We zoeken hulp met bakken en water.",
                trail=(
                    Step("support", "buurman"),
                    Step("support", "vertegenwoordiger"),
                    Step("react", "buurman", text="Goed idee, ik help graag mee op zaterdag."),
                    Step("status", "professional", status="in_behandeling",
                         text="Mooi plan. We bespreken het op de buurtavond van volgende maand."),
                    Step("status", "professional", status="opgenomen_in_agenda",
                         text="Het plan staat nu in de buurtagenda onder 'Groen en ontmoeten'. "
                              "De welzijnsorganisatie helpt met de bakken; de gemeente regelt een waterpunt."),
                ),
            ),
            ExampleContribution(
                kind="compliment", theme="voorzieningen",
                title="Het buurthuis is weer open op zaterdag",
                text="Sinds het buurthuis op zaterdag open is, komen veel meer ouderen naar de koffieochtend. "
                     "Graag zo houden!",
                trail=(
                    Step("support", "buurman"),
                    Step("status", "professional", status="afgerond",
                         text="Dank u wel! We geven het door aan de vrijwilligers. De zaterdag blijft in elk geval tot de zomer."),
                ),
            ),
            ExampleContribution(
                kind="signaal", theme="inkomen_werk", days_ago=45, channel="buurtavond", residents_count=23,
                title="Zorgen over schulden en de energierekening",
                text="Op de buurtavond vertelden veel bewoners dat ze de energierekening niet meer kunnen betalen. "
                     "Ze weten niet waar ze hulp kunnen vragen en schamen zich om het te vragen.",
                trail=(
                    Step("status", "professional", status="doorgezet", organisation="welzijn",
                         text="We hebben dit doorgezet naar de welzijnsorganisatie, die het spreekuur geldzaken houdt."),
                    Step("accept", "professional"),
                ),
            ),
            ExampleContribution(
                kind="signaal", theme="leefbaarheid",
                title="Afval naast de containers",
                text="Elke week staan er zakken en grofvuil naast de containers bij de ingang. Dat trekt ratten aan.",
                place_description="Bij de ondergrondse containers aan de voorkant van de flat.",
            ),
        ),
    ),
    ExampleArea(
        region_code="WK034403",  # Wijk 03 Overvecht, Utrecht
        municipality_code="GM0344",
        organisations=(("gemeente", ""), ("corporatie", ""), ("welzijn", "")),
        contributions=(
            ExampleContribution(
                kind="idee", theme="onderwijs",
                title="Een rustige huiswerkplek voor kinderen",
                text="Veel kinderen hebben thuis geen rustige plek om huiswerk te maken. "
                     "Kan de bibliotheek na school een paar tafels met begeleiding openstellen?",
                trail=(
                    Step("support", "buurman"),
                    Step("status", "professional", status="in_behandeling",
                         text="We vragen de bibliotheek en de scholen in de wijk of dit kan."),
                    Step("status", "professional", status="opgenomen_in_agenda",
                         text="De huiswerkplek staat in de buurtagenda. De bibliotheek start na de herfstvakantie op "
                              "dinsdag en donderdag."),
                    Step("rate", "bewoner", satisfied=True),
                ),
            ),
            ExampleContribution(
                kind="signaal", theme="wonen",
                title="Schimmel in de portiekwoningen",
                text="In ons portiek hebben meerdere woningen schimmel in de badkamer en slaapkamer. "
                     "Kinderen hoesten veel. We hebben het al vaker gemeld bij de verhuurder.",
                trail=(
                    Step("support", "buurman"),
                    Step("support", "vertegenwoordiger"),
                    Step("status", "professional", status="doorgezet", organisation="corporatie",
                         text="We hebben dit doorgezet naar de woningcorporatie met de vraag om alle woningen in het portiek te bekijken."),
                ),
            ),
            ExampleContribution(
                kind="signaal", theme="gezondheid", days_ago=30, channel="keukentafelgesprek", residents_count=3,
                title="Oudere bewoners voelen zich alleen",
                text="Drie oudere bewoners vertelden aan de keukentafel dat ze bijna nooit meer iemand spreken "
                     "sinds de winkel op het plein dicht is.",
                trail=(
                    Step("status", "professional", status="in_behandeling",
                         text="We bellen deze bewoners en nodigen ze uit voor de koffieochtend in het wijkcentrum."),
                ),
            ),
            ExampleContribution(
                kind="signaal", theme="veiligheid",
                title="Te hard rijden op de doorgaande weg",
                text="Auto's rijden veel te hard langs de school. Kunnen er drempels komen?",
                trail=(
                    Step("status", "professional", status="niet_overgenomen", reason_category="niet_haalbaar",
                         text="Drempels kunnen hier niet, omdat bussen en ambulances over deze weg rijden. "
                              "We plaatsen wel een snelheidsdisplay en vragen de politie om te controleren."),
                    Step("rate", "bewoner", satisfied=False),
                    Step("reopen", "bewoner",
                         text="Het display staat er, maar er wordt nog steeds hard gereden. Ik wil dat er opnieuw naar gekeken wordt."),
                ),
            ),
        ),
    ),
    ExampleArea(
        region_code="WK051830",  # Wijk 30 Transvaalkwartier, Den Haag
        municipality_code="GM0518",
        organisations=(("gemeente", ""), ("politie", ""), ("welzijn", "")),
        contributions=(
            ExampleContribution(
                kind="signaal", theme="veiligheid",
                title="Overlast in de steeg achter de winkels",
                text="'s Avonds wordt er in de steeg gedeald. Bewoners durven hun fiets daar niet meer te zetten.",
                place_description="De steeg achter de winkels aan de marktkant.",
                trail=(
                    Step("support", "buurman"),
                    Step("status", "professional", status="doorgezet", organisation="politie",
                         text="We hebben dit doorgezet naar de wijkagent."),
                    Step("accept", "professional"),
                    Step("answer", "professional",
                         text="De wijkagent loopt vaker langs en de gemeente zet er een hek met een slot voor bewoners."),
                    Step("rate", "bewoner", satisfied=True),
                ),
            ),
            ExampleContribution(
                kind="idee", theme="omgeving",
                title="Een buurtmarkt op zondag",
                text="Op zondag is het plein leeg. Een kleine markt met eten uit de buurt brengt mensen samen.",
                trail=(
                    Step("react", "buurman", text="Ik wil wel een kraam met zelfgemaakte hapjes."),
                    Step("status", "professional", status="in_behandeling",
                         text="We zoeken uit welke vergunning nodig is en praten met de ondernemers."),
                ),
            ),
            ExampleContribution(
                kind="compliment", theme="leefbaarheid", days_ago=20, channel="papier",
                title="De straat is veel schoner sinds de buurtconciërge er is",
                text="Op een papieren formulier: 'De buurtconciërge kent iedereen en ruimt meteen op. Dat moet blijven.'",
            ),
            ExampleContribution(
                kind="idee", theme="voorzieningen", days_ago=20, channel="papier",
                title="Meer bankjes in het park",
                text="Op een papieren formulier: 'Voor ouderen zijn er te weinig plekken om even te zitten.'",
            ),
            ExampleContribution(
                kind="signaal", theme="voorzieningen", days_ago=20, channel="straatgesprek", residents_count=6,
                title="Speeltuin heeft kapotte toestellen",
                text="Zes ouders vertelden bij de speeltuin dat de schommel en de glijbaan al maanden kapot zijn.",
            ),
        ),
    ),
)
