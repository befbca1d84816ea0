"""Questionnaire answers the progress tests share: a STarT Back high and medium, a PHQ-4 before and after."""

from __future__ import annotations

SB_HIGH = {
    "leg_pain": "agree",
    "shoulder_neck": "agree",
    "walking": "agree",
    "dressing": "disagree",
    "activity_safe": "agree",
    "worrying": "agree",
    "terrible": "agree",
    "enjoyment": "disagree",
    "bothersome": "very_much",
}
"""STarT Back total 7, psychosocial 4: high risk."""
SB_MEDIUM = {**SB_HIGH, "worrying": "disagree", "terrible": "disagree"}
"""Total 5, psychosocial 2: medium risk."""
PHQ_BEFORE = {
    "nervous": "nearly_every_day",
    "worrying": "several_days",
    "interest": "several_days",
    "down": "not_at_all",
}
"""PHQ-4 total 5 (mild): anxiety 4, depression 1."""
PHQ_AFTER = {"nervous": "several_days", "worrying": "not_at_all", "interest": "several_days", "down": "several_days"}
"""PHQ-4 total 3 (mild): anxiety 1, depression 2."""
