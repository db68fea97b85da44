"""Figures: one style for the whole study and the charts the notebooks draw from tidy tables."""
