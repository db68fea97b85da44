"""Media-framing study: load a news corpus, score loaded language and stance, compare sources."""

__version__ = "0.1.0"
