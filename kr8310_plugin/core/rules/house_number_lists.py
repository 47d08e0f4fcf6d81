"""The house numbers of a building (buildings.house_numbers): one or more, split by ';'.

One rule for the Add household tool (core/project/building_placement.py: which number a new
household in the building gets), the OSM import (addr:housenumber, which uses the same separator)
and anyone reading the field.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...definitions.schema import HOUSE_NUMBERS_SEPARATOR
from .completeness import is_filled


def split_house_numbers(value: object) -> list[str]:
    """The numbers of a house_numbers value in their order, each stripped, blanks and repeats left
    out; [] for NULL or blank. "12; 12/1;;14" gives ["12", "12/1", "14"]."""
    if not is_filled(value):
        return []
    numbers: list[str] = []
    for part in str(value).split(HOUSE_NUMBERS_SEPARATOR):
        number = part.strip()
        if number and number not in numbers:
            numbers.append(number)
    return numbers


def join_house_numbers(numbers: Iterable[str]) -> str | None:
    """The house_numbers value of `numbers` ("12;12/1"); None when there is none."""
    return HOUSE_NUMBERS_SEPARATOR.join(split_house_numbers(HOUSE_NUMBERS_SEPARATOR.join(numbers))) or None
