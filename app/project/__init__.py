"""The proofreading work: decisions, the project file, the session, export."""
