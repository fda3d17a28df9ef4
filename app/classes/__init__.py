"""What a proofreader calls a divergence (classes) and checks of the source."""

CHECK_WITNESS = "check"
"""The witness id of the source checks' findings (app.classes.checks), reserved: no copy
takes it.  Here, not in the checks' module, so that naming it imports no check."""
