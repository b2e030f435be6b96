"""KPI definitions, pure: what each figure means, its formula, benchmark, source and status rule."""

from bhbilling.domain.kpis.definitions import (
    DEFINITIONS,
    Direction,
    KpiDefinition,
    definition,
    ratio_value,
    status_for,
)

__all__ = ["DEFINITIONS", "Direction", "KpiDefinition", "definition", "ratio_value", "status_for"]
