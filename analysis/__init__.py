"""Media-framing study: load a news corpus, score loaded language and stance, compare sources."""

__version__ = "0.1.0"

from analysis.corpus import load_corpus  # noqa: E402
from analysis.measures.loaded import kwic  # noqa: E402

__all__ = ["kwic", "load_corpus"]
