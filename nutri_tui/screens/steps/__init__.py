"""The wizard's steps, one screen per module, in the order of ``nutri_tui.wizard.STEPS``."""
