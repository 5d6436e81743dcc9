"""Links to other domain apps that may or may not be installed yet.

Creating an action-plan action from a gap needs the gender app's action plans. It is
looked up at run time so that this app works (without the button) before that app
exists, and never imports it at module load.
"""

import importlib.util


def gap_action_support(user, assessment) -> dict | None:
    """Plans of the assessment's country that a gap may be added to, or None."""
    if importlib.util.find_spec("capdev.gender.services") is None:
        return None
    return None
