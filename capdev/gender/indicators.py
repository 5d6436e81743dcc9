"""The indicators computed from workforce data: codes, labels and units.

The formulas live in `selectors.py` (as SQL) and their definitions and sources in
docs/indicators.md; this module only names them, so forms, the API, targets and
exports share one list.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Indicator:
    code: str
    label: Promise
    unit: str  # "%" or "" (a ratio or index)
    # The value at which women and men are equal, if there is one.
    parity: float | None


INDICATORS = [
    Indicator("women_share", _("Share of women"), "%", 50.0),
    Indicator("women_share_decision", _("Share of women in decision-making positions"), "%", 50.0),
    Indicator("parity_index", _("Gender parity index (women per man)"), "", 1.0),
    Indicator("glass_ceiling_index", _("Glass-ceiling index"), "", 1.0),
    Indicator("segregation_index", _("Vertical segregation (dissimilarity index)"), "%", 0.0),
    Indicator("pay_gap", _("Unadjusted gender pay gap"), "%", 0.0),
    Indicator("promotion_ratio", _("Promotion-rate ratio (women to men)"), "", 1.0),
    Indicator("training_ratio", _("Training-participation ratio (women to men)"), "", 1.0),
]
INDICATORS_BY_CODE = {indicator.code: indicator for indicator in INDICATORS}
INDICATOR_CHOICES = [(indicator.code, indicator.label) for indicator in INDICATORS]
