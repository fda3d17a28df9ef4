"""Aligning witnesses to the source and turning differences into loci."""
