"""Comparisons of sources from the tables: statistics, keyness, near-duplicates, events, time, findings."""
