"""Changing the completeness rule of a community database: check the fields, store the rule
(core/storage/rule_store.py bumps its version), recompute and store every community's
coverage, and say how the city's KR 8310 % moved.

The one way the rule changes: the Options page and kr8310:setcompletenessrule both call
`change_rule`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ...definitions import schema
from ..rules.completeness import (
    HOUSEHOLD_FIELD_CHOICES,
    MEMBER_FIELD_CHOICES,
    CompletenessRule,
    unknown_rule_fields,
)
from ..storage import rule_store
from ..storage.datasource import open_layer
from ..toolbelt.i18n import tr
from .engine import CoverageResult, Progress, compute_coverage, write_coverage
from .kr_summary import districts_from_layer, kr_summary


class RuleChangeError(ValueError):
    """The rule cannot be changed; the message is for the user."""


@dataclass(frozen=True)
class RuleChange:
    old_rule: CompletenessRule
    new_rule: CompletenessRule
    old_city_kr_pct: float | None
    new_city_kr_pct: float | None
    result: CoverageResult  # the coverage under the new rule, as stored


def check_rule_fields(household_fields: Sequence[str], member_fields: Sequence[str]) -> None:
    """RuleChangeError naming the fields no rule may require (see HOUSEHOLD_FIELD_CHOICES and
    MEMBER_FIELD_CHOICES in core/rules/completeness.py)."""
    household, member = unknown_rule_fields(CompletenessRule(tuple(household_fields), tuple(member_fields)))
    problems = []
    if household:
        problems.append(
            tr("Unknown household field(s) {fields}; choose from {choices}.").format(
                fields=", ".join(household), choices=", ".join(HOUSEHOLD_FIELD_CHOICES)
            )
        )
    if member:
        problems.append(
            tr("Unknown member field(s) {fields}; choose from {choices}.").format(
                fields=", ".join(member), choices=", ".join(MEMBER_FIELD_CHOICES)
            )
        )
    if problems:
        raise RuleChangeError(" ".join(problems))


def change_rule(
    database: str, household_fields: Sequence[str], member_fields: Sequence[str], progress: Progress | None = None
) -> RuleChange:
    """Store the rule requiring these fields in `database` and recompute its coverage.

    Returns the old and new rule and city KR 8310 %. Raises RuleChangeError for unknown fields
    or a refused write (a PostGIS user without the admin role, a read-only file); DataSourceError
    and CoverageError as the engine does. The database is left unchanged when the check fails.
    """
    check_rule_fields(household_fields, member_fields)
    report = progress or (lambda _value: None)
    communities = open_layer(database, schema.COMMUNITIES)
    households = open_layer(database, schema.HOUSEHOLDS)
    members = open_layer(database, schema.MEMBERS)
    districts = districts_from_layer(open_layer(database, schema.DISTRICTS))
    try:
        old_rule = rule_store.read_rule(database)
    except rule_store.RuleStoreError as error:
        raise RuleChangeError(str(error)) from error
    before = compute_coverage(communities, households, members, old_rule, progress=lambda p: report(0.45 * p))
    try:
        new_rule = rule_store.write_rule(database, household_fields, member_fields)
    except rule_store.RuleStoreError as error:
        raise RuleChangeError(str(error)) from error
    after = compute_coverage(communities, households, members, new_rule, progress=lambda p: report(45 + 0.45 * p))
    write_coverage(communities, after)
    report(100)
    return RuleChange(
        old_rule, new_rule, kr_summary(before, districts)[0].kr_pct, kr_summary(after, districts)[0].kr_pct, after
    )
