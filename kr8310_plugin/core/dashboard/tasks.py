"""Background work as QgsTasks: shown in QGIS's task manager with a progress bar and a cancel button."""

from __future__ import annotations

from collections.abc import Callable

from qgis.core import QgsTask

from ..coverage.engine import CompletenessRule, CoverageError, CoverageResult
from ..toolbelt.i18n import tr
from .model import DashboardCancelledError, DashboardData, LayerSource, compute_dashboard


class DashboardTask(QgsTask):
    """Recomputes the city's coverage, the KR roll-ups and the data problems count.

    `on_done(task)` is called in the main thread when the task ends (finished, failed or
    cancelled); read `data`, `result`, `error` and `cancelled` there.
    """

    def __init__(
        self,
        sources: dict[str, LayerSource],
        rules: CompletenessRule | None = None,  # None: the rule stored in the layers' database
        with_issues: bool = True,
        on_done: Callable[[DashboardTask], None] | None = None,
    ):
        super().__init__(tr("KR 8310 coverage and dashboard"), QgsTask.Flag.CanCancel)
        self.sources = sources
        self.rules = rules
        self.with_issues = with_issues
        self.on_done = on_done
        self.data: DashboardData | None = None
        self.result: CoverageResult | None = None
        self.error = ""
        self.cancelled = False
        self.database = ""  # the database the dock asked about (its result is dropped for another)

    def run(self) -> bool:
        try:
            self.data, self.result = compute_dashboard(
                self.sources, self.rules, self.with_issues, progress=self.setProgress, is_cancelled=self.isCanceled
            )
        except DashboardCancelledError:
            self.cancelled = True
            return False
        except CoverageError as error:
            self.error = str(error)
            return False
        except Exception as error:  # noqa: BLE001 - a task must not take QGIS down; the dock shows it
            self.error = tr("Unexpected error: {error}").format(error=error)
            return False
        return True

    def finished(self, result: bool) -> None:  # noqa: ARG002 - QGIS API
        if self.isCanceled():
            self.cancelled = True
        if self.on_done is not None:
            self.on_done(self)
