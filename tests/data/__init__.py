"""Labelled evaluation data and the tools that build and check it."""
