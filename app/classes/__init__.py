"""What a proofreader calls a divergence (classes) and checks of the source."""
