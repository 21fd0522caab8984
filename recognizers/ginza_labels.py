"""Which of GiNZA's Extended Named Entity (ENE) labels this pack reports, and as what.

GiNZA's ``ja_ginza`` labels ``doc.ents`` with Sekine's ENE v7 classes (189 in 5.3.0), not
OntoNotes. The map is written out label by label instead of reusing
``ginza.ene_ontonotes_mapper``: that mapper sends ``God`` to PERSON and ``ID_Number`` to
PRODUCT, and a label that is merely *absent* from an explicit map can never leak into findings.

Choice, by ENE hierarchy:

* PERSON: ``Person`` only. Never ``N_Person`` (a count of people, 「3人」) nor any other ``N_*``
  counter; never ``God``, ``Character`` (fictional) or ``Name_Other``.
* LOCATION: the ENE *Location* subtree (GPE, Region, Geological_Region, Address, Spa) and the
  *Facility* subtree (GOE, Line, Archaeological_Place, Facility_Other). A facility name says
  where someone was as precisely as a town name does (「○○駅で見かけた」「○○小学校に通う」).
  Excluded: ``Astral_Body`` and its children (a planet is not a whereabouts), ``Facility_Part``
  (「3番ホーム」, 「正門」: a part with no place of its own), and the contact labels that ENE files
  under Address (``Phone_Number``, ``Email``, ``URL``), which the pattern recognizers own.
* ``Postal_Address`` maps to LOCATION, not JP_ADDRESS: GiNZA's own F1 on it is 0.087, so the
  address recognizer (recognizers.address) is the only source of JP_ADDRESS.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

__all__ = ["ENE_TO_PRESIDIO", "PERSON_LABELS", "LOCATION_LABELS", "ORGANIZATION_LABELS", "presidio_entity"]

PERSON_LABELS: Final = frozenset({"Person"})

#: ENE Location subtree (minus Astral_Body and the contact labels).
_LOCATION_CLASS: Final = frozenset({
    "Location_Other", "Spa", "Postal_Address",
    "GPE_Other", "City", "County", "Province", "Country",
    "Region_Other", "Continental_Region", "Domestic_Region",
    "Geological_Region_Other", "Mountain", "Island", "River", "Lake", "Sea", "Bay",
})

#: ENE Facility subtree (minus Facility_Part).
_FACILITY_CLASS: Final = frozenset({
    "Facility_Other", "Archaeological_Place_Other", "Tumulus",
    # GOE: facilities that are also institutions
    "GOE_Other", "Public_Institution", "School", "Research_Institute", "Park", "Sports_Facility",
    "Museum", "Zoo", "Amusement_Park", "Theater", "Worship_Place", "Car_Stop", "Station", "Airport",
    "Port",
    # Line
    "Line_Other", "Railroad", "Road", "Canal", "Water_Route", "Tunnel", "Bridge",
})

LOCATION_LABELS: Final = _LOCATION_CLASS | _FACILITY_CLASS

#: ENE Organization labels. Not reported, but the name recognizer uses them as counter-evidence:
#: a name-looking token inside a Company span (松下電器) is not a person.
ORGANIZATION_LABELS: Final = frozenset({
    "Organization_Other", "International_Organization", "Show_Organization", "Family",
    "Ethnic_Group_Other", "Nationality", "Sports_Organization_Other", "Pro_Sports_Organization",
    "Sports_League", "Corporation_Other", "Company", "Company_Group", "Military", "Government",
    "Political_Party", "Political_Organization_Other", "Cabinet",
})

#: ENE label -> Presidio entity type. Every label not listed here is ignored.
ENE_TO_PRESIDIO: Final = MappingProxyType(
    {label: "PERSON" for label in PERSON_LABELS}
    | {label: "LOCATION" for label in sorted(LOCATION_LABELS)}
)


def presidio_entity(ene_label: str) -> str | None:
    """The Presidio entity for a GiNZA label, or None when the label is not reported."""
    return ENE_TO_PRESIDIO.get(ene_label)
