"""Measures of one article: loaded language, frames, actors and stance toward them, sourcing."""
