"""Other names of organisations that news calls by several, where the names share no letters
a rule could match ("ISIS" is not the initials of "Islamic State").

Kept short on purpose: only organisations that news of the period the project is measured on
(PolNeAR train, 2016: ISIS, ISIL and Islamic State in over fifty articles; al-Qaeda in eleven)
names in several ways, with the names the opening sentence of each one's Wikipedia article gives
("Islamic State": "also known as the Islamic State of Iraq and the Levant (ISIL), the Islamic
State of Iraq and Syria (ISIS), and by its Arabic acronym Daesh"; "al-Qaeda": "also spelled
al-Qaida or al-Qa'ida"). Acronyms spelled out somewhere in the corpus ("DHS") need no entry:
resolve/entities.py joins those.
"""
from __future__ import annotations

__all__ = ["KNOWN_ALIASES", "known_name"]

KNOWN_ALIASES: dict[str, tuple[str, ...]] = {
    "Islamic State": ("ISIS", "ISIL", "IS", "Daesh", "Islamic State of Iraq and the Levant",
                      "Islamic State of Iraq and Syria", "Islamic State in Iraq and Syria",
                      "Islamic State of Iraq and al-Sham"),
    "al-Qaeda": ("al-Qaida", "al Qaeda", "Al Qaeda", "al-Qa'ida", "Al-Qaeda", "Al-Qaida"),
}

_FORMS = {" ".join(form.casefold().split()): full for full, forms in KNOWN_ALIASES.items() for form in (full, *forms)}


def known_name(name: str) -> str | None:
    """The name an organisation is listed under ("ISIL" -> "Islamic State"), or None."""
    name = " ".join(name.casefold().split())
    return _FORMS.get(name[4:] if name.startswith("the ") else name)
