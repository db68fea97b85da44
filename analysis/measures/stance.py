"""Rule-based, target-specific stance toward actors, from the words aimed at each mention.

For every mention of a target (:mod:`analysis.measures.targets`) the scorer reads the mention's sentence
and keeps only the evidence aimed at that target:

1. **Directed cues** (``data/lexicons/stance_cues.csv``, kind ``directed``): verbs and nouns
   with a polarity toward the one acted upon (patient) and the one acting (agent). In "Russia
   accused Kyiv of ..." Kyiv is the patient (-0.6) and Russia the agent (0.0): the accusation
   is negative toward Kyiv, not toward Russia. A target after the cue (only function words in
   between) is the patient, or the agent after "by"/"from"; a target before it is the agent
   (or the patient in the passive, "Kyiv was accused by ..."; for nouns the cue file says which:
   "Kyiv faces criticism"). A cue in a clause of its own takes the antecedent of "who"/"which",
   or the sentence's subject when the clause continues it ("Russian forces, reportedly ordered
   by Putin, are storming ...", "Trump criticized them, threatening ..."). A negated directed
   cue ("did not condemn") counts nothing.
2. **Sentiment words**: VADER's lexicon valences (divided by 4, to [-1, 1]), with the war
   topic words of the cue file (kind ``neutral``: "war", "peace", "military"...) set to 0 and
   domain words VADER lacks added (kind ``valence``). A VADER booster before a word
   ("very") strengthens it; a negator (VADER's list, and "refused to", "failed to") in the three
   words before it in its clause flips it (VADER's -0.74): the rule of :mod:`analysis.text.negation`,
   which loaded language uses too.
3. **Loaded language** (:class:`analysis.text.lexicon.Lexicon`): a match weighs ``0.4 * weight``
   (or its VADER valence if larger), negative unless VADER rates its words positive ("heroic");
   terms of category ``exaggeration`` ("historic", "sheer") count only when VADER rates them.
   A loaded word inside the mention ("Kyiv regime") is aimed at it.

Sentiment words and loaded terms go to the nearest mention in the same clause (clauses end at
, ; : ( ) dashes . ! ? and line breaks, :func:`analysis.text.clauses.breaks_clause`, the rule loaded
language uses too, and before "but", "however", "while", "whereas", "although", ...), weighted
by distance ``1 / (1 + 0.2 (d - 1))`` for ``d`` words apart; two mentions equally near share
it. A clause without any mention (its subject is a pronoun or left out, or it continues a list)
gives its evidence to the nearest mention before it, at 0.3, unless a noun phrase of its own opens it
("..., and the crowds were angry", "After Obama was elected, the number of hate groups grew"): then to no
one (:func:`_own_subjects`; an apposition after a comma, "..., a cruel tactic", still goes back).
"after", "when", "because" ... before a determiner open such a clause ("after a gunman used them"). After "but" / "however" / "yet"
the clauses count 1.5 and those before 0.5 (VADER's rule), so the contrast dominates, and a
clause after "but" without a mention of its own speaks about the sentence's first mention
(its subject) at full weight; a clause opened by "although", "though", "while", "whereas" or
"despite" counts 0.5.

Outcomes are not blame: harm suffered ("died", "losses", "victims") is a neutral cue; a
reducer before a bad thing ("reduced poverty", "curb inflation", "fight corruption") turns its
negative valence into credit (factor ``reduced``); a rejection or condemnation before blame
("Kyiv rejected the accusation", "denied committing atrocities", "NATO condemned the killing")
cancels it (factor ``rejected``) and its own valence; a charge (``CHARGES``: "allegations", "claims", "involvement")
after a rejection is blame rejected though no lexicon rates it, and what it charges with it ("denied any
involvement in the bombing"). The event after a harm word and a preposition ("suffered casualties in the assault",
"were killed in the attack") is not aimed at the sufferers before the harm word, only at a mention after it ("... by
Russian forces"). An actor named as the victim of a harm ("the death of X", "the attack on X"), of a war, a campaign or
a strike waged against or on it ("Russia's brutal war against Ukraine", "air strikes on Kyiv"), or of an invasion, an
occupation or a siege ("the invasion of Ukraine") gets none of its clause's negative words (:func:`_victims`), and
the bad thing an actor stands against ("stood firm against brutal aggression") is not aimed at it (:data:`AGAINST`).

Voices: every piece of evidence inside a speech quotation (:mod:`analysis.text.quotes`) or in
indirect speech ("X said (that) ...", "..., X said", "according to X, ...": voice
``reported``, with its ``speaker``) is the source's, and so is a label ("X called Y a disaster", "X described Y as
reckless": the words after the verb in its clause, :data:`LABELS`), the rest (scare quotes included) the
author's. Each mention gets
``score_author`` and ``score_quoted`` (``tanh`` of the summed contributions, in [-1, 1]); its
``voice`` is ``quote`` when the mention itself is inside a speech quotation, and ``score`` is the
score in the mention's own voice. Per article and target, ``stance`` is the mean ``score`` of
the author-voice mentions (0: no evidence or no author-voice mention) and ``stance_quoted`` the
mean quoted score where quoted speakers said something about the target.

Places are not actors: a country, a capital or a seat of government after "in", "at", "near",
"outside", "inside", "across" or "throughout", with or without "the" ("Experts in Paris described
the plan as reckless", "protests spread across the United States", "a row at the Kremlin"), gets no
evidence and is never the speaker of indirect speech (the words before it are: "experts"), unless
it owns what follows ("faith in Russia's leaders"). So is a country named as the modifier of a noun
inside a noun phrase ("historic U.S. monuments", "the brutal Ukraine war"), unless the noun names
its agents or deeds ("U.S. officials", "the U.S. response"), so are the names of a hyphenated pair before a noun
("the Russia-Ukraine war", :func:`_bilateral`), and an actor named right after "anti-"
("anti-Russia rhetoric": what the rhetoric opposes).

Pronouns and role nouns ("he", "they", "the president") count as mentions only with
``resolve_references=True`` (:mod:`analysis.measures.references`; off by default).

Every score traces back to words: ``evidence`` lists each word or phrase with its contribution,
e.g. ``accused(-0.60); reckless(-0.35); q:provocative escalation(-0.50)`` (``q:`` = quoted,
``r:`` = reported). With a trained model (the default of ``score``, :mod:`analysis.measures.stance_model`)
``score`` is the model's, ``model_evidence`` the features that moved it most, and the rule-based
numbers stay in ``score_rules``, ``score_author`` and ``score_quoted``. A mention in the author's
voice whose only evidence is a speaker's (``q:``, ``r:``), or whose rule words point the other way
from the model's class, has no evidence (``has_evidence``) and counts 0 in the article's ``stance``.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, compress, islice
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis import paths
from analysis.text.article import Article, articles
from analysis.text.clauses import breaks_clause
from analysis.text.choices import MORE_LINES, first_few
from analysis.text.lexicon import Lexicon, LexiconError, PatternTable, parse_pattern, read_csv_rows
from analysis.text.negation import negator_before, sentiment_negators
from analysis.text.quotes import QuoteIndex
from analysis.text.reporting import CONTENT_VERBS
from analysis.measures.references import GROUP_HEADS, PERSON_HEADS
from analysis.measures.stance_model import FeatureRows, VectorWordFeatures, vector_words
from analysis.measures.targets import Targets

__all__ = [
    "mention_sentences",
    "MENTION_COLUMNS",
    "STANCE_COLUMNS",
    "STANCE_CUES",
    "Mention",
    "MentionEvidence",
    "StanceCues",
    "StanceParams",
    "StanceResources",
    "analyze_spans",
    "annotation_agreement",
    "load_stance_resources",
    "resources_fingerprint",
    "score",
    "score_stance",
    "stance_by_article",
    "stance_by_source",
    "stance_call",
]

STANCE_CUES = paths.STANCE_CUES


class Mention(NamedTuple):
    """One row of the ``mentions`` table (:data:`MENTION_COLUMNS`) as :func:`score` finds it.

    ``model_evidence`` and ``has_evidence`` are filled in when the table is made (they depend on
    the stance model, if any).
    """

    id: str
    target: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    score: float
    in_quote: bool
    quote_kind: str
    voice: str
    score_author: float
    score_quoted: float
    score_rules: float
    n_evidence: int
    evidence: str
    text: str
    alias: str
    sentence: str
    speaker: str
    model_evidence: str
    has_evidence: bool


MENTION_COLUMNS = list(Mention._fields)
# The numeric columns of the mentions table (the others are text).
_MENTION_TYPES = {
    **dict.fromkeys(("start", "end", "sentence_start", "sentence_end", "n_evidence"), "int64"),
    **dict.fromkeys(("score", "score_author", "score_quoted", "score_rules"), "float64"),
    **dict.fromkeys(("in_quote", "has_evidence"), "bool"),
}
STANCE_COLUMNS = [
    "id", "target", "n_mentions", "stance", "stance_sd", "stance_se", "n_author", "n_author_evidence",
    "stance_quoted", "n_quoted", "positive_share", "negative_share", "stance_evidence", "evidence_share",
    "stance_low", "stance_high", "stance_call", "sourced_by",
]
# The numeric columns of the stance table (the others are text).
_STANCE_TYPES = {
    **dict.fromkeys(("n_mentions", "n_author", "n_author_evidence", "n_quoted"), "int64"),
    **dict.fromkeys(("stance", "stance_sd", "stance_se", "stance_quoted", "positive_share", "negative_share",
                     "stance_evidence", "evidence_share", "stance_low", "stance_high"), "float64"),
}
CUE_KINDS = ("directed", "neutral", "valence")
ROLES = ("agent", "patient")


@dataclass(frozen=True)
class StanceParams:
    """The scorer's constants (defaults documented in the module docstring).

    Attributes:
        decay: Distance decay: a word ``d`` tokens from the mention weighs ``1/(1+decay*(d-1))``.
        directed_floor: Minimum distance weight of a directed cue whose role was resolved.
        orphan: Weight of evidence from a clause without mentions (given to the nearest mention before it).
        before_contrast: Weight of clauses before "but"/"however"/"yet".
        after_contrast: Weight of clauses from "but"/"however"/"yet" on.
        concessive: Weight of a clause opened by "although", "though", "while", "whereas", "despite".
        negation: Factor for a negated sentiment word (VADER: -0.74).
        negated_directed: Factor for a negated directed cue ("did not condemn").
        booster: Added to a word's magnitude after a VADER booster ("very"), on the [-1, 1] scale.
        loaded_scale: A loaded term of weight ``w`` counts ``loaded_scale * w``.
        negation_window: Words before a sentiment word searched for a negator.
        after_skip: Function words allowed between a directed cue and its following target.
        undirected_categories: Loaded-language categories that carry no direction of their
            own: their terms count only when VADER rates their words.
        reduced: Factor for a bad thing a reducer governs ("reduced poverty": credit, not blame).
        rejected: Factor for blame a rejection governs ("rejected the accusation").
    """

    decay: float = 0.2
    directed_floor: float = 0.5
    orphan: float = 0.3
    before_contrast: float = 0.5
    after_contrast: float = 1.5
    concessive: float = 0.5
    negation: float = -0.74
    negated_directed: float = 0.0
    booster: float = 0.073
    loaded_scale: float = 0.4
    negation_window: int = 3
    after_skip: int = 4
    undirected_categories: tuple[str, ...] = ("exaggeration",)
    reduced: float = -0.5
    rejected: float = 0.0


# --------------------------------------------------------------------------------------------
# Cue lexicon
# --------------------------------------------------------------------------------------------


class StanceCues(PatternTable):
    """The stance cue lexicon: directed predicates, topic words set to neutral, extra valences.

    Columns: ``pattern`` (lexicon syntax), ``kind`` (``directed``, ``neutral`` or ``valence``),
    ``patient`` and ``agent`` (polarity in [-1, 1] toward the one acted upon / acting, for
    ``directed``), ``before`` (``agent`` or ``patient``: the role of a target before the cue in
    the active voice), ``valence`` (VADER scale -4..4, for ``valence``), plus notes.

    Attributes:
        entries: The validated table.
        matcher: A :class:`PatternMatcher` over ``entries["pattern"]``.
    """

    @staticmethod
    def validate(frame: pd.DataFrame, source: str, lines: list[int]):
        return _validate_cues(frame, source, lines)

    def __init__(self, entries: pd.DataFrame, *, source: str = "<cues>", lines: Sequence[int] | None = None) -> None:
        super().__init__(entries, source=source, lines=lines)
        self.kind = self.entries["kind"].tolist()
        self.patient = self.entries["patient"].tolist()
        self.agent = self.entries["agent"].tolist()
        self.before = self.entries["before"].tolist()
        self.valence = self.entries["valence"].tolist()
        self.passive_ok = [p.lower().endswith(("ed", "en")) for p in self.entries["pattern"]]

    @classmethod
    def from_csv(cls, path: str | Path) -> StanceCues:
        """Read and validate a cue CSV.

        Raises:
            LexiconError: Naming the file and line of every problem found.
        """
        frame, lines = read_csv_rows(path)
        return cls(frame, source=str(path), lines=lines)

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"StanceCues({self.source!r}, {len(self)} cues)"


def _number(value: object, low: float, high: float) -> float:
    number = float(str(value).strip())
    if math.isnan(number) or not (low <= number <= high):
        raise ValueError
    return number


def _validate_cues(frame: pd.DataFrame, source: str, lines: list[int]):
    frame = frame.copy()
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in ("pattern", "kind", "patient", "agent", "before", "valence") if c not in frame.columns]
    if missing:
        raise LexiconError(
            f"{source}: missing column(s) {', '.join(missing)}. A stance cue file needs "
            "pattern,kind,patient,agent,before,valence (plus notes)."
        )
    errors = []
    parsed = []
    seen: dict[tuple, int] = {}
    patient, agent, before, valence = [], [], [], []
    for row, line in enumerate(lines):
        where = f"{source}, line {line}"
        kind = str(frame.at[row, "kind"]).strip()
        if kind not in CUE_KINDS:
            errors.append(f"{where}: kind {kind!r} must be one of {', '.join(CUE_KINDS)}.")
        p_val = a_val = v_val = 0.0
        b_val = "agent"
        if kind == "directed":
            for name, store in (("patient", "p"), ("agent", "a")):
                try:
                    value = _number(frame.at[row, name], -1.0, 1.0)
                except (TypeError, ValueError):
                    errors.append(f"{where}: {name} {frame.at[row, name]!r} must be a number in [-1, 1] for a directed cue.")
                    value = 0.0
                if store == "p":
                    p_val = value
                else:
                    a_val = value
            b_val = str(frame.at[row, "before"]).strip()
            if b_val not in ROLES:
                errors.append(f"{where}: before {b_val!r} must be 'agent' or 'patient' (the role of a target before the cue).")
                b_val = "agent"
        elif kind == "valence":
            try:
                v_val = _number(frame.at[row, "valence"], -4.0, 4.0)
            except (TypeError, ValueError):
                errors.append(f"{where}: valence {frame.at[row, 'valence']!r} must be a number in [-4, 4] (VADER's scale).")
        patient.append(p_val)
        agent.append(a_val)
        before.append(b_val)
        valence.append(v_val)
        try:
            p = parse_pattern(str(frame.at[row, "pattern"]))
        except Exception as err:  # PatternError
            errors.append(f"{where}: {err}")
            parsed.append(None)
            continue
        parsed.append(p)
        if p.key in seen:
            errors.append(f"{where}: pattern {p.pattern!r} duplicates line {seen[p.key]}; keep one row.")
        else:
            seen[p.key] = line
    if errors:
        raise LexiconError(f"{len(errors)} problem(s) in the stance cues:\n" + first_few(errors, 20, sep="\n", more=MORE_LINES))
    frame["pattern"] = [p.pattern for p in parsed]
    frame["patient"] = patient
    frame["agent"] = agent
    frame["before"] = before
    frame["valence"] = valence
    return frame, parsed


@dataclass(frozen=True)
class StanceResources:
    """What the scorer reads: loaded lexicon, cue lexicon, VADER valences and boosters, constants."""

    lexicon: Lexicon | None
    cues: StanceCues
    valence: dict
    boosters: dict
    params: StanceParams = field(default_factory=StanceParams)


@lru_cache(maxsize=4)
def _default_cues(path: str) -> StanceCues:
    return StanceCues.from_csv(path)


@lru_cache(maxsize=4)
def _default_lexicon(path: str) -> Lexicon:
    return Lexicon.from_csv(path)


@lru_cache(maxsize=1)
def _vader_tables() -> tuple[dict, dict]:
    from nltk.sentiment.vader import VaderConstants

    from analysis.text import vader

    valence = {w: v / 4.0 for w, v in vader.lexicon().items() if v}
    boosters = {w.lower(): (1.0 if v > 0 else -1.0) for w, v in VaderConstants.BOOSTER_DICT.items()}
    return valence, boosters


def load_stance_resources(
    *, lexicon: Lexicon | str | Path | bool | None = None, cues: StanceCues | str | Path | None = None,
    params: StanceParams | None = None,
) -> StanceResources:
    """Load (and cache) what the scorer needs: loaded lexicon, cue lexicon, VADER valences.

    Args:
        lexicon: A :class:`Lexicon`, a path to one, None for ``analysis.paths.LOADED_LEXICON``
            (no loaded-language evidence if that file does not exist), or False for none.
        cues: A :class:`StanceCues`, a path, or None for ``data/lexicons/stance_cues.csv``.
        params: The scorer's constants (default :class:`StanceParams`).
    """
    if lexicon is False:
        lexicon = None
    elif lexicon is None:
        lexicon = _default_lexicon(str(paths.LOADED_LEXICON)) if Path(paths.LOADED_LEXICON).exists() else None
    elif lexicon is True or not isinstance(lexicon, (Lexicon, str, Path)):
        raise TypeError(f"lexicon must be a Lexicon, a path, None or False, not {lexicon!r}")
    elif not isinstance(lexicon, Lexicon):
        lexicon = _default_lexicon(str(lexicon))
    if cues is None:
        cues = _default_cues(str(STANCE_CUES))
    elif not isinstance(cues, StanceCues):
        cues = _default_cues(str(cues))
    valence, boosters = _vader_tables()
    return StanceResources(lexicon=lexicon, cues=cues, valence=valence, boosters=boosters, params=params or StanceParams())


def resources_fingerprint(resources: StanceResources) -> dict:
    """Short SHA-1 digests of the lexicons a score depends on (stored in trained models).

    A model trained with one loaded-language lexicon or cue file and used with another still
    runs, but its features mean something else: :func:`score_stance` warns when they differ.
    """
    import hashlib

    def digest(frame: pd.DataFrame | None, columns: list[str]) -> str:
        if frame is None:
            return "none"
        text = frame[columns].astype(str).to_csv(index=False)
        return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]

    lex = resources.lexicon.entries if resources.lexicon is not None else None
    return {
        "loaded_lexicon": digest(lex, ["pattern", "category", "weight"]),
        "stance_cues": digest(resources.cues.entries, ["pattern", "kind", "patient", "agent", "before", "valence"]),
    }


# --------------------------------------------------------------------------------------------
# Sentence analysis
# --------------------------------------------------------------------------------------------

CONTRAST = frozenset({"but", "however", "yet", "nevertheless", "nonetheless"})
CONCESSIVE = frozenset({"although", "though", "while", "whilst", "whereas", "despite"})
_SOFT_CONTRAST = frozenset({"yet"})  # "has yet to comment" is no contrast: needs a comma or sentence start
RELATIVE = frozenset({"who", "which", "that"})
_END = itemgetter(1)  # the end of a (start, end) span
BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "gets", "got", "gotten", "become", "became"})
AGENT_MARKERS = frozenset({"by", "from"})
# Words that open a clause continuing the sentence's subject: "X, ..., is storming", "X, accusing ...".
PREDICATE_OPENERS = frozenset(
    "is are was were has have had will would can could may might must should shall also then now "
    "repeatedly openly reportedly already still".split()
)
FUNCTION_AFTER = frozenset(
    "the a an its their his her our of against on for to toward towards at with over about by from into upon "
    "all both this that these those".split()
)


# Outcomes are not blame (CODEBOOK, "Misfortune is not stance"). Harm suffered ("died", "losses",
# "victims") is a `neutral` cue in the cue file. A reducer before a bad thing ("reduced poverty",
# "curb inflation", "fight corruption") turns its negative valence into a credit (factor
# ``reduced``) and drops its own valence; a rejection or condemnation before an accusation or a
# negative word ("Kyiv rejected the accusation", "denied committing atrocities", "NATO condemned
# the killing") cancels them (factor ``rejected``) and its own valence: denying blame is not
# self-blame, condemning a crime is not committing it.
REDUCERS = frozenset(
    "reduce reduces reduced reducing cut cuts cutting curb curbs curbed curbing fight fights fought fighting "
    "combat combats combated combating combatting tackle tackles tackled tackling ease eases eased easing "
    "end ends ended ending lower lowers lowered lowering prevent prevents prevented preventing eliminate "
    "eliminates eliminated eliminating alleviate alleviates alleviated alleviating stop stops stopped stopping "
    "halt halts halted halting counter counters countered countering defeat defeats defeated defeating "
    "eradicate eradicates eradicated eradicating slash slashes slashed slashing".split()
)
REJECTORS = frozenset(
    "reject rejects rejected rejecting rejection deny denies denied denying denial dismiss dismisses dismissed "
    "dismissing refute refutes refuted refuting rebuff rebuffs rebuffed rebuffing rebut rebuts rebutted "
    "rebutting disputed disputes dispute disputing condemn condemns condemned condemning denounce denounces "
    "denounced denouncing".split()
)
# Harm suffered (the cue file lists these words as `neutral`): counted as a model feature.
HARM = frozenset(
    "die dies died dying dead death deaths wounded injured injuries infected casualties casualty losses loss victim "
    "victims suffer suffers suffered suffering lost lose loses losing hurt mourn mourns mourned mourning grieve grieves "
    "grieved grieving".split()
)
# A phrasal verb of dismissal rejects as "rejected" does, the particle right after the verb governing what follows it:
# "brushed aside criticism", "shrugged off the accusations", "waved off", "laughed off". The verb alone does not
# ("brushed the dust", "laughed"), nor the particle apart from it ("brushed his critics aside with insults": the
# insults are the author's words about the one who brushed them aside).
DISMISSALS = True  # development switch: False scores as before the dismissals rule
DISMISS_VERBS = frozenset(
    "brush brushes brushed brushing shrug shrugs shrugged shrugging wave waves waved waving laugh laughs laughed "
    "laughing".split()
)
DISMISS_PARTICLES = frozenset({"aside", "off"})
# Opposition to a bad thing (round 21). A phrasal verb of reduction reduces as "reduced" does, its particle governing
# what follows ("root out fraud and abuse", "stamp out corruption", "weed out corrupt officers", "rein in reckless
# spending"); "crack down on" and "clamp down on" are not among them (they also name repression: "cracked down on
# dissent"). "anti-" before a negative word names opposition to the bad thing, not a bad thing ("an anti-corruption
# campaign", "an anti-terrorism law", "an anti-war rally"): neither word counts, as blame rejected does not.
REDUCER_PHRASES = True  # development switch: False scores as before the phrasal reducers
PHRASAL_REDUCERS = {
    verb: particle
    for forms, particle in (("root roots rooted rooting", "out"), ("stamp stamps stamped stamping", "out"),
                            ("weed weeds weeded weeding", "out"), ("rein reins reined reining", "in"))
    for verb in forms.split()
}
_REDUCER_PARTICLES = frozenset(PHRASAL_REDUCERS.values())
ANTI_COMPOUNDS = True  # development switch: False scores as before the "anti-" compounds
OUTCOME_WINDOW = 4  # words after a reducer or a rejector searched for the bad thing it governs
# Against (round 34): the bad thing an actor stands, speaks, fights or defends itself against is what it opposes, like
# a rejection: "Zelensky stood firm against brutal aggression", "Kyiv defended itself against a savage invasion", "Biden
# campaigned against corrupt lobbyists". The negative words within OUTCOME_WINDOW words after "against", in its clause
# and before the next mention, are aimed at no one before it ("the war against Ukraine": an actor right after "against"
# is round 30's victim; "Russian aggression" after it is an actor that keeps its words).
AGAINST = True  # development switch: False scores as before the against rule
# Charges: nouns that name blame. As the object of a rejection or a denial they are blame rejected whether or not a
# lexicon rates them ("Moscow denied the allegations"), and what they charge is rejected with them ("allegations of
# spying", "involvement in the bombing": a charge governs as its rejector does).
CHARGES = frozenset(
    "allegation allegations accusation accusations claim claims charge charges wrongdoing involvement responsibility "
    "guilt complicity".split()
)
# Harm suffered in a named event ("suffered casualties in the assault", "died in the bombardment", "victims of the
# massacre", "were killed by shelling"): the event after a harm word and one of these prepositions is what the
# sufferer underwent, not its deed. Its negative words are not aimed at the mentions before the harm word in its
# clause (the sufferers); a mention named after it ("by Russian soldiers") still gets them.
EVENT_PREPOSITIONS = frozenset("in during of from by amid after under".split())
SUFFERED_PASSIVE = frozenset({"killed"})  # harm suffered after a form of "be" ("were killed in the attack")
# Victims named by a noun: a mention after a harm noun and one of VICTIM_PREPOSITIONS ("the death of X", "the killing
# of X", "the attack on X"), or the possessor of a harm suffered ("X's death", "X's losses"), is the victim of the harm.
# Misfortune is not stance (CODEBOOK.md): the negative words of its clause (the harm, and the outrage or grief around
# it) are not aimed at it; they go to another mention of the clause (the agent: "Russia's attack on Kyiv"), or to none.
VICTIMS = True  # development switch: False scores as before the victims rule
# Possessors of these are the sufferers ("Floyd's death"); of the other VICTIM_NOUNS they are the agents
# ("Russia's killing of civilians").
SUFFERED_NOUNS = frozenset("death deaths casualties casualty losses loss injuries injury suffering".split())
# Possessors (round 11): the possessor of a harm is its victim when the harm is one it suffered (SUFFERED_NOUNS), when
# "by" names the harm's agent after it ("Kyiv's shelling by Russian troops"), or when the harm is one done to a single
# person and no object follows it (POSSESSED_VICTIM_NOUNS: "Floyd's murder", "Zelensky's assassination"; not
# "Russia's killing of civilians", nor "Russia's attack", whose possessor does it). Up to POSSESSED_GAP words may stand
# between the possessive and the harm ("Zelensky's brutal torture"). POSSESSORS False: only a suffered harm right
# after the possessive (round 10).
POSSESSORS = True  # development switch: False scores as before the possessors rule
POSSESSED_VICTIM_NOUNS = frozenset(
    "murder assassination execution killing kidnapping abduction torture lynching beheading".split()
)  # (lynching and beheading are harm nouns after "of" too under POSSESSORS: "the lynching of X")
POSSESSED_GAP = 2
_POSSESSIVES = ("'s", "\u2019s", "s'", "s\u2019")
VICTIM_NOUNS = SUFFERED_NOUNS | frozenset(
    "killing killings murder murders assassination execution executions shooting shootings attack attacks assault "
    "assaults shelling bombing bombings massacre torture abduction kidnapping persecution".split()
)
VICTIM_PREPOSITIONS = frozenset({"of", "on", "against"})
# Threats (round 25): an actor named after a threat noun and "to" or "against" ("a grave threat to Ukraine", "violent
# threats against Zelensky", "a danger to NATO") is the one threatened, a victim like "the attack on X"; after "of" it
# is the threat ("the threat of Russia"), so "of" is left out.
THREATS = True  # development switch: False scores as before the threats rule
THREAT_NOUNS = frozenset("threat threats danger dangers menace".split())
THREAT_PREPOSITIONS = frozenset({"to", "against"})
_POSSESSED_HARMS = VICTIM_NOUNS | POSSESSED_VICTIM_NOUNS  # the harm nouns of round 11 ("lynching" too)
# Aggression (round 30): a war, a campaign or a strike is waged against the actor named right after "against" or "on"
# ("Russia's brutal war against Ukraine", "a vicious campaign against Kyiv", "air strikes on Kyiv"), and an invasion, an
# occupation or a siege takes the actor named after "of" too ("the illegal invasion of Ukraine", "the siege of
# Mariupol"): a victim like "the attack on X". After "of" the first kind names its agent or its matter ("the campaign of
# Russian soldiers", "a war of words"), so "of" is left out for them. An actor named with a possessive after the
# preposition is not the victim ("the campaign against Biden's reckless spending": the words are aimed at its owner).
AGGRESSIONS = True  # development switch: False scores as before the aggression rule
AGGRESSION_NOUNS = frozenset(
    "war wars campaign campaigns offensive offensives counteroffensive crackdown crackdowns aggression violence "
    "atrocities crimes strike strikes airstrike airstrikes raid raids incursion incursions onslaught hostilities".split()
)
AGGRESSION_PREPOSITIONS = frozenset({"against", "on"})
TAKING_NOUNS = frozenset("invasion invasions occupation annexation siege sieges bombardment blockade".split())
_AGGRESSIONS = AGGRESSION_NOUNS | TAKING_NOUNS
# Words between the preposition and the mention that keep it the harm's object ("the murder of *two* Ukrainian
# soldiers"): any word but these, at most VICTIM_GAP of them.
VICTIM_GAP = 3
VICTIM_STOPS = frozenset(
    "by from in at with and or but after before during to for as that which who whom while when where than".split()
)

# Indirect speech: "X said (that) ...", "..., X said", "according to X, ...". The reported words
# are X's voice (``reported``), like a direct quotation, not the author's.
# The reporting verbs of the one list (analysis.text.reporting) that start indirect speech: its
# CONTENT_VERBS, and "alleged" when "that" follows ("the alleged attack" is no speech).
REPORTING = CONTENT_VERBS
_REPORTING_THAT = frozenset({"alleged"})
# Gerunds (round 12): a reporting verb in "-ing" before "that" opens indirect speech as "said that" does ("hosts spent
# weeks claiming that ...", "arguing that ..."); without "that" it does not ("insisting on brutal demands").
GERUNDS = True  # development switch: False scores as before the gerunds rule
GERUNDS_THAT = frozenset(
    "saying claiming insisting arguing asserting maintaining contending alleging suggesting warning stating adding".split()
)
# Bases (round 13): a reporting verb's base form before "that" reports too ("truthers believe that ...", "critics suggest
# that ...", "experts warn that ..."); alone it does not ("attacks suggest a reckless strategy"). Only verbs that leave
# the content the speaker's (not "reveal", "confirm", "admit", whose content the author takes as true).
BASES = True  # development switch: False scores as before the bases rule
BASES_THAT = frozenset("believe suggest warn allege maintain state add".split())


@lru_cache(maxsize=4)
def _reporting_that(gerunds: bool, bases: bool) -> frozenset:
    """The words that report only before "that": "alleged", and the forms of rounds 12 and 13 when switched on."""
    return _REPORTING_THAT | (GERUNDS_THAT if gerunds else frozenset()) | (BASES_THAT if bases else frozenset())
_TOLD = frozenset({"told", "tells", "tell"})  # "X told Y that ...": the content starts after "that"
# Labels (round 31): "X called Y a Z", "X described Y as Z", "X denounced Y as Z". The label is X's judgement of Y, said
# by X as "X said Y was Z" is, so the words after the verb to the end of its clause (Y and the label) are X's voice
# (reported): not aimed at X, the one who speaks, and reported words for an actor Y. A mention Y itself stays in the
# author's voice, as the object of "accused" does. A verb of naming (LABEL_VERBS) labels before "a" or "an" within LABEL_WINDOW words
# ("called the proposal a provocation") or right after a pronoun ("called it reckless"), unless
# a particle follows it ("called for", "called off"), it is "so-called", or it names after an indefinite noun ("a
# group called Hamas"). A verb of describing or judging (LABEL_AS_VERBS) labels from "as" within LABEL_WINDOW words in
# its clause ("described the attack as barbaric"); without "as" a judging verb stays a cue aimed at its object.
LABELS = True  # development switch: False scores as before the labels rule
LABEL_VERBS = frozenset(
    "call calls called calling dub dubs dubbed dubbing termed terming labelled labeled labelling labeling branded "
    "branding".split()
)  # not "term", "terms", "label", "brand", "brands": mostly nouns
LABEL_AS_VERBS = frozenset(
    "describe describes described describing characterise characterises characterised characterising characterize "
    "characterizes characterized characterizing portray portrays portrayed portraying depict depicts depicted "
    "depicting denounce denounces denounced denouncing condemn condemns condemned condemning decry decries decried "
    "decrying slam slams slammed slamming blast blasts blasted blasting criticise criticises criticised criticising "
    "criticize criticizes criticized criticizing hail hails hailed hailing praise praises praised praising".split()
) | LABEL_VERBS
LABEL_PARTICLES = frozenset("for on upon off up out in back to into at".split())
LABEL_PRONOUNS = frozenset("it him her them".split())  # "called it reckless" (not "this", "that": determiners too)
# Words that make the labelling verb a noun ("a call", "the phone call", "in terms of") or its pronoun no object of a
# label ("called him later", "called her to say").
LABEL_NOUN_BEFORE = frozenset("a an the this that these those his her its their our my your in of phone".split())
LABEL_NOT_AFTER_PRONOUN = LABEL_PARTICLES | frozenset("later yesterday today tonight again and but twice repeatedly".split())
LABEL_WINDOW = 6
_LABEL_TRIGGERS = LABEL_VERBS | LABEL_AS_VERBS
assert _LABEL_TRIGGERS.isdisjoint(REPORTING | _reporting_that(True, True))  # a word either reports or labels


def _is_label(norms: Sequence[str], r: int, c_end: int) -> bool:
    """Whether the labelling verb at ``r`` labels what follows it in its clause (ending at ``c_end``): :data:`LABELS`."""
    w = norms[r]
    if norms[r - 1] in LABEL_NOUN_BEFORE:
        return False  # "a call", "the phone call"
    if w in LABEL_VERBS:
        nxt = norms[r + 1] if r + 1 < c_end else ""
        if (not nxt or nxt in LABEL_PARTICLES or norms[r - 1] == "so"
                or (r >= 2 and norms[r - 2] in ("a", "an"))):
            pass  # "called for talks", "the so-called plan", "a group called Hamas": no label
        elif nxt in LABEL_PRONOUNS and r + 2 < c_end:
            if norms[r + 2] not in LABEL_NOT_AFTER_PRONOUN and not norms[r + 2].endswith("ly"):
                return True  # "called it reckless"
        elif any(norms[t] in ("a", "an") for t in range(r + 2, min(r + 1 + LABEL_WINDOW, c_end))):
            return True  # "called the proposal a dangerous provocation"
    # "described the attack as barbaric"
    return w in LABEL_AS_VERBS and "as" in norms[r + 1 : min(r + 1 + LABEL_WINDOW, c_end)]


class MentionEvidence(NamedTuple):
    """What the scorer found for one mention: summed contributions per voice and the evidence.

    ``items`` are ``(label, contribution, voice, kind)`` with voice ``author``, ``quote`` (direct
    quotation) or ``reported`` (indirect speech) and kind ``directed``, ``loaded`` or
    ``sentiment``. ``quoted_sum`` adds the quoted and the reported contributions. ``voice`` is
    ``reported`` when the mention itself is inside indirect speech (else ``author``; direct
    quotation is decided by the caller) and ``speaker`` who reports it (a target or words).
    """

    author_sum: float
    quoted_sum: float
    items: tuple
    features: dict
    voice: str = "author"
    speaker: str = ""


def _distance_weight(d: int, decay: float) -> float:
    return 1.0 if d <= 1 else 1.0 / (1.0 + decay * (d - 1))


def analyze_spans(
    text: str | Article,
    spans: Sequence[tuple[int, int]],
    resources: StanceResources,
    *,
    quotes: QuoteIndex | None = None,
    loaded: Sequence | None = None,
    features: bool | object = False,
    sink: FeatureRows | None = None,
) -> list[MentionEvidence]:
    """Score mentions given by offsets (the scorer's core, also used by the model and validation).

    Args:
        text: The text (an article or a single sentence), or its :class:`~analysis.text.article.Article`.
        spans: ``(start, end)`` of each mention, in any order; the result follows this order.
        resources: From :func:`load_stance_resources`.
        quotes: The text's quotations (default: those the article finds).
        loaded: Loaded-language matches (default: ``resources.lexicon``'s matches in the article).
        features: Also return model features for each mention: True for ``{name: value}``
            (``"vectors"``: with the word-vector features ``#vL0`` ...; ``"roles"``: also the outcome roles of
            version 5, :func:`_role_words`), a stance model for
            ``{column: value}`` of that model (:class:`FeatureKeys`; faster).
        sink: With a stance model as ``features``: write the features of the mentions, in the order
            of ``spans``, into these rows (:class:`~analysis.measures.stance_model.FeatureRows`, no dict
            per mention; each :class:`MentionEvidence`'s ``features`` is then empty).

    Returns:
        One :class:`MentionEvidence` per span.
    """
    article = text if isinstance(text, Article) else Article("", text)
    text, tokens, sentence_spans, plain = article.text, article.tokens, article.sentences, article.plain
    if quotes is None:
        quotes = article.quote_index
    if loaded is None:
        loaded = article.matches(resources.lexicon) if resources.lexicon is not None else []
    cue_matches = article.matches(resources.cues.matcher)
    prepared = article.prepared
    raw_gaps, tok_starts, norms = prepared.raw_gaps, prepared.starts, prepared.norms
    sent_starts = [s for s, _ in sentence_spans]

    # Group mentions by sentence.
    by_sentence: dict[int, list[int]] = {}
    for k, (start, _end) in enumerate(spans):
        s = max(bisect.bisect_right(sent_starts, start) - 1, 0)
        by_sentence.setdefault(s, []).append(k)
    out: list[MentionEvidence | None] = [None] * len(spans)
    if sink is not None and (features is True or features in ("vectors", "roles") or not features
                             or [k for ks in by_sentence.values() for k in ks] != list(range(len(spans)))):
        # Names, or mentions not in the order of their sentences: dicts, read into the rows in span order.
        out = analyze_spans(article, spans, resources, quotes=quotes, loaded=loaded, features=features)
        sink.extend([ev.features for ev in out])
        return [ev._replace(features={}) for ev in out]
    if sink is not None:
        ids = _feature_keys(features).ids
        if len(ids) >= 100_000:  # at most some tens of MB; no ids are waiting (sink.token_ids is empty)
            ids.clear()
    loaded_starts = [m.start for m in loaded]
    cue_starts = [m.start for m in cue_matches]
    for s, ks in by_sentence.items():
        s_start, s_end = sentence_spans[s] if sentence_spans else (0, len(text))
        mspans = [spans[k] for k in ks]
        s_start = min(s_start, min(mspans)[0])
        s_end = max(s_end, max(map(_END, mspans)))
        a = bisect.bisect_left(tok_starts, s_start)
        b = bisect.bisect_left(tok_starts, s_end)
        lo = bisect.bisect_left(loaded_starts, s_start)
        hi = bisect.bisect_left(loaded_starts, s_end)
        c_lo = bisect.bisect_left(cue_starts, s_start)
        c_hi = bisect.bisect_left(cue_starts, s_end)
        results = _analyze_sentence(
            plain, tokens, a, b, mspans, resources, quotes,
            loaded[lo:hi], cue_matches[c_lo:c_hi], features=features, raw_gaps=raw_gaps, norms=norms[a:b],
            starts=tok_starts[a:b], sink=sink,
        )
        for k, r in zip(ks, results):
            if r.speaker.startswith("<"):
                r = r._replace(speaker=f"<{ks[int(r.speaker[1:-1])]}>")
            out[k] = r
    if sink is not None:
        _close_block(sink, _feature_keys(features).ids)
    return out  # type: ignore[return-value]


# Words that open a clause of their own (CONTRAST, CONCESSIVE, RELATIVE but "that").
_CLAUSE_OPENERS = CONTRAST | CONCESSIVE | (RELATIVE - {"that"})


class _Mentions(NamedTuple):
    """Where the mentions of a sentence are: ``of[t]`` the mention of token ``t`` (-1: none), each mention's first and
    last token, and ``tokens`` the tokens that are part of a mention, in text order (those with ``of[t] >= 0``)."""

    of: list
    first: list
    last: list
    tokens: list


def _locate_mentions(starts: Sequence[int], mspans: Sequence[tuple[int, int]]) -> _Mentions:
    """Step 1, mentions: the tokens of each mention span (``starts``: token offsets of the sentence).

    A span that is not on token boundaries takes the tokens it overlaps; a token in two spans
    belongs to the first.
    """
    n = len(starts)
    mention_of = [-1] * n
    m_first, m_last, tokens = [], [], []
    for k, (ms, me) in enumerate(mspans):
        i = bisect.bisect_left(starts, ms)
        j = bisect.bisect_left(starts, me) - 1
        if i > j:
            i = max(bisect.bisect_right(starts, ms) - 1, 0)
            j = max(i, j)
        m_first.append(i)
        m_last.append(j)
        for t in range(i, j + 1):
            if mention_of[t] < 0:
                mention_of[t] = k
                tokens.append(t)
    tokens.sort()  # spans may come in any order
    return _Mentions(mention_of, m_first, m_last, tokens)


def _victims(norms, plain: str, toks, clause, mentions: _Mentions) -> frozenset:
    """Step 2b, victims: the mentions named as the victim of a harm noun (:data:`VICTIM_NOUNS`), "the death of X",
    "the attack on X", "X's losses", "X's murder" (:data:`POSSESSORS`), or as the one threatened, "a threat to X"
    (:data:`THREATS`); the negative words of their clause are not aimed at them."""
    harms = _POSSESSED_HARMS if POSSESSORS else VICTIM_NOUNS
    threats = THREATS and not THREAT_NOUNS.isdisjoint(norms)
    aggressions = AGGRESSIONS and not _AGGRESSIONS.isdisjoint(norms)
    if harms.isdisjoint(norms) and not threats and not aggressions:
        return frozenset()
    mention_of, m_first, m_last = mentions.of, mentions.first, mentions.last
    found = set()
    for k, first in enumerate(m_first):
        t = first - 1  # back over the words between the preposition and the mention
        while t >= 0 and first - 1 - t < VICTIM_GAP and mention_of[t] < 0 and clause[t] == clause[first] \
                and norms[t] not in VICTIM_PREPOSITIONS and norms[t] not in VICTIM_STOPS and norms[t].isalnum():
            t -= 1
        if t >= 1 and norms[t] in VICTIM_PREPOSITIONS and norms[t - 1] in harms and clause[t - 1] == clause[first]:
            found.add(k)
            continue
        if (threats and t >= 1 and norms[t] in THREAT_PREPOSITIONS and norms[t - 1] in THREAT_NOUNS
                and clause[t - 1] == clause[first]):  # "a grave threat to Ukraine": the one threatened
            found.add(k)
            continue
        if (aggressions and t >= 1 and clause[t - 1] == clause[first]
                and ((norms[t] in AGGRESSION_PREPOSITIONS and norms[t - 1] in _AGGRESSIONS)
                     or (norms[t] == "of" and norms[t - 1] in TAKING_NOUNS))
                and not _possessive_after(plain, toks, m_last[k])):  # "the war against Ukraine", "the invasion of Ukraine"
            found.add(k)
            continue
        last = m_last[k]  # "X's death": a possessive mark, then a harm suffered
        if not POSSESSORS:
            if last + 1 < len(norms) and norms[last + 1] in SUFFERED_NOUNS:
                word = plain[toks[last].start : toks[last + 1].start].rstrip()
                if word.endswith(_POSSESSIVES):
                    found.add(k)
            continue
        if not _possessive_after(plain, toks, last):
            continue
        h = last + 1  # the harm noun, after at most POSSESSED_GAP words ("Zelensky's brutal torture")
        while (h < len(norms) and h - last <= POSSESSED_GAP and norms[h] not in harms and norms[h].isalpha()
               and clause[h] == clause[last]):
            h += 1
        if h >= len(norms) or norms[h] not in harms or clause[h] != clause[last]:
            continue
        after = norms[h + 1] if h + 1 < len(norms) else ""
        if (norms[h] in SUFFERED_NOUNS or after == "by"
                or (norms[h] in POSSESSED_VICTIM_NOUNS and after not in VICTIM_PREPOSITIONS)):
            found.add(k)
    return frozenset(found)


# A place named after one of these is a place, not an actor: "experts in Paris", "talks in Moscow".
LOCATIVE = frozenset({"in", "at", "near", "outside", "inside"})
# Settings (round 9): a country, a capital or a seat of government named after a preposition of place, with or without
# "the" ("protests across the United States", "poverty in Russia", "a row at the Kremlin"), is where something
# happens. The actor as a setting is neutral (CODEBOOK.md): the words of its sentence are aimed at what happens there.
SETTINGS = True  # development switch: False scores as before the settings rule (only a capital right after LOCATIVE)
PLACE_PREPOSITIONS = LOCATIVE | frozenset({"across", "throughout"})
# The gazetteer's alias types (data/lexicons/gazetteer.csv, kind ``country``) that name a place: not its demonyms
# ("Americans"), and no organisation ("membership in NATO").
PLACE_ALIASES = frozenset({"name", "capital", "seat"})
_POSSESSIVE = ("'s", "\u2019s")


@lru_cache(maxsize=2)
def _place_names(kinds: frozenset = frozenset({"capital"})) -> frozenset:
    """Lower-cased country aliases of the gazetteer (``data/lexicons/gazetteer.csv``) of these alias types."""
    if not Path(paths.GAZETTEER).exists():
        return frozenset()
    frame, _ = read_csv_rows(paths.GAZETTEER)
    return frozenset(str(p).strip().lower() for p, actor_kind, kind in zip(frame["pattern"], frame["kind"], frame["alias_type"])
                     if actor_kind == "country" and kind in kinds)


def _places(norms: Sequence[str], plain: str, mspans: Sequence[tuple[int, int]], mentions: _Mentions) -> frozenset:
    """The mentions that name a place, not an actor: a country, a capital or a seat of government after a preposition
    of place (:data:`PLACE_PREPOSITIONS`), with or without "the" ("Experts in Paris described ...", "protests spread
    across the United States", "a row at the Kremlin"), unless it owns what follows ("faith in Russia's leaders").
    They get no sentiment words or loaded terms (those are aimed at the people or things there) and are never the
    speaker of indirect speech. (:data:`SETTINGS` False: only a capital right after :data:`LOCATIVE`.)"""
    prepositions = PLACE_PREPOSITIONS if SETTINGS else LOCATIVE
    if prepositions.isdisjoint(norms):  # most sentences: no "in", "at", "near" ...
        return frozenset()
    names = _place_names(PLACE_ALIASES) if SETTINGS else _place_names()
    out = set()
    for k, (first, (ms, me)) in enumerate(zip(mentions.first, mspans)):
        i = first - 1
        if SETTINGS and i > 0 and norms[i] == "the":
            i -= 1
        if (i >= 0 and norms[i] in prepositions and plain[ms:me].lower() in names
                and not (SETTINGS and plain[me : me + 2] in _POSSESSIVE)):
            out.add(k)
    return frozenset(out)


# Modifiers (round 10): a country named as the modifier of a noun inside a noun phrase ("vandalized historic U.S.
# monuments", "the brutal Ukraine war") is not what the phrase's words are aimed at: they are aimed at the noun. Unless
# the noun names the country's agents or deeds (AGENT_NOUNS: "U.S. officials", "the U.S. military", "the U.S.
# response"), the country is a setting like a place (:func:`_modifiers`).
MODIFIERS = True  # development switch: False scores as before the modifiers rule
AGENT_NOUNS = GROUP_HEADS | PERSON_HEADS | frozenset(
    "official officer officers ambassador embassy diplomat negotiator envoys prosecutors prosecutor lawmakers senators "
    "generals general commander commanders navy intelligence agency agencies spokesperson representatives elite elites "
    "rulers establishment aides advisers advisors loyalists insiders "
    "response policy policies strategy decision decisions plan plans proposal proposals demand demands position stance "
    "support backing funding aggression invasion offensive attack attacks strike strikes airstrikes raid raids bombing "
    "bombings escalation threat threats involvement intervention interference pressure action actions move moves effort "
    "efforts campaign claims accusations propaganda disinformation crackdown occupation annexation retaliation "
    "withdrawal".split()
)
# Words after a country that end the noun phrase (a verb, an auxiliary, a preposition, a determiner; also any word in
# "-ed" or "-ly": "Russia invaded", "America truly is"), and words before it after which
# it opens a clause (then "Russia demands ..." is its subject and verb, not a noun phrase).
_PHRASE_ENDS = frozenset(
    "is was are were be been being has had have having will would could can may might must shall should do does did "
    "said says say also then still now already never not no and or but nor to of in on at for with by from as into "
    "over about against after before than that which who whom whose while when where if because so amid during "
    "under within without toward towards across through throughout between among a an the this these those its their "
    "his her our my your every each any some".split()
)
_CLAUSE_WORDS = frozenset(
    "and or but nor as that which who whom whose while when whenever because since after before if although though "
    "until unless where whether so than once said says".split()
)
_MODIFIER_WORDS = 3  # lower-case words read after the country for the noun it modifies
# Irregular past tenses (round 20): a verb right after the country, not a noun it modifies ("the Kremlin sent", "Moscow
# broke its promise"); past tenses in "-ed" already end the phrase. Forms that are also common nouns after a country
# ("ground", "left", "set", "cut", "bid", "split", "cost", "hit", "shot", "wound", "upset", "forecast") are left out.
PAST_VERBS = True  # development switch: False scores as before the past-verbs rule
IRREGULAR_PAST = frozenset(
    "arose awoke became began bent bled blew broke brought built burnt burst bought caught chose clung came crept dealt "
    "dug drew drank drove ate fell fed felt fought found fled flung flew forbade forgot forgave froze got gave went grew "
    "hung heard hid held kept knelt knew laid led leapt lent lost made meant met paid quit rode rang rose ran saw "
    "sought sold sent shook shone shrank sang sank slept slid spoke sped spent spun spread sprang stood stole stuck "
    "stung strode struck strove swore swept swam swung took taught tore told thought threw understood undertook upheld "
    "woke wore wept won withdrew withheld wrote overthrew overtook oversaw foresaw".split()
)
# Verbs that often follow a country as their subject in news ("a ceasefire with Russia remains uncertain"): before them,
# and before a reporting verb (REPORTING), the country is the subject of a clause, not a modifier; before a directed cue
# it is the cue's agent or patient as the cue file reads it ("a figure Moscow disputes", "Russia sanctions").
_SUBJECT_VERBS = frozenset(
    "remains remain seems seem appears appear becomes become continues continue looks look stands stand faces face "
    "needs need wants want hopes hope expects expect tries try".split()
)


def _modifiers(norms: Sequence[str], plain: str, toks: Sequence, mspans: Sequence[tuple[int, int]],
               mentions: _Mentions, cues: Sequence = (), cue_kinds: Sequence[str] = ()) -> frozenset:
    """The mentions that name a country as the modifier of a noun inside a noun phrase: a country, a capital or a seat of
    government of the gazetteer (as :func:`_places` reads it), after a word of the phrase (not at the start of the
    sentence, after a punctuation mark or after a word that opens a clause, :data:`_CLAUSE_WORDS`) and before a
    lower-case word that does not end the phrase (:data:`_PHRASE_ENDS`, or a word in "-ed" or "-ly"), unless one of the
    next :data:`_MODIFIER_WORDS` lower-case words names the country's agents or deeds (:data:`AGENT_NOUNS`), or the word
    after it is a verb that often has a country as its subject (:data:`_SUBJECT_VERBS`, :data:`REPORTING`) or starts a
    directed cue (of ``cues``, the sentence's cue matches, whose kinds are ``cue_kinds``), whose role the cue file gives
    it."""
    names = _place_names(PLACE_ALIASES)
    out = set()
    n = len(toks)
    for k, (first, last, (ms, me)) in enumerate(zip(mentions.first, mentions.last, mspans)):
        after = last + 1
        if first == 0 or after >= n or plain[ms:me].lower() not in names:
            continue
        before = first - 1
        if (norms[before] in _CLAUSE_WORDS or not plain[toks[before].start : toks[before].end].isalpha()
                or plain[toks[before].end : toks[first].start].strip()):
            continue
        if norms[after] in _SUBJECT_VERBS or norms[after] in REPORTING or (PAST_VERBS and norms[after] in IRREGULAR_PAST) or any(
                m.start == toks[after].start and cue_kinds[m.index] == "directed" for m in cues):
            continue
        if _modifies_a_noun(norms, plain, toks, after):
            out.add(k)
    return frozenset(out)


def _modifies_a_noun(norms: Sequence[str], plain: str, toks: Sequence, after: int) -> bool:
    """Whether the words from token ``after`` on are the rest of a noun phrase that a name before them modifies: up to
    :data:`_MODIFIER_WORDS` lower-case words with no punctuation between them, read up to a word of
    :data:`_PHRASE_ENDS` or in "-ed" or "-ly", at least one, none naming agents or deeds (:data:`AGENT_NOUNS`)."""
    words = []
    for t in range(after, min(after + _MODIFIER_WORDS, len(toks))):
        word = plain[toks[t].start : toks[t].end]
        if plain[toks[t - 1].end : toks[t].start].strip() or not (word.isalpha() and word.islower()):
            break
        if norms[t] in _PHRASE_ENDS or norms[t].endswith(("ed", "ly")):
            break
        words.append(norms[t])
    return bool(words) and AGENT_NOUNS.isdisjoint(words)


# Pairs (round 29): names joined by a hyphen before a noun ("the savage Russia-Ukraine conflict", "the NATO-Russia
# council", "the chaotic U.S.-Mexico border") modify the noun together, as one country does in "the brutal Ukraine war"
# (round 10): each mention of the pair is like a place, unless the noun names agents or deeds ("U.S.-Ukrainian forces",
# "the Russia-Belarus army"). Round 10's rule reads no further than the hyphen, so the first of the pair stayed an
# actor and took the phrase's words, and the second did when a word before the pair opened it.
BILATERAL = True  # development switch: False scores as before the pairs rule
_HYPHENS = frozenset({"-", "\u2013"})


def _bilateral(norms: Sequence[str], plain: str, toks: Sequence, mentions: _Mentions) -> frozenset:
    """The mentions inside a chain of capitalised words joined by hyphens (:data:`_HYPHENS`, no spaces) followed by
    lower-case words of a noun phrase that it modifies (:func:`_modifies_a_noun`, as for :func:`_modifiers`), and the word
    after the chain no verb that often has a country as its subject (:data:`_SUBJECT_VERBS`, :data:`REPORTING`,
    :data:`IRREGULAR_PAST`)."""
    n = len(toks)
    out = []

    def joined(t: int) -> bool:  # tokens t and t + 1 are joined by a hyphen, and t + 1 is capitalised
        return plain[toks[t].end : toks[t + 1].start] in _HYPHENS and plain[toks[t + 1].start].isupper()

    for k, (first, last) in enumerate(zip(mentions.first, mentions.last)):
        lo, hi = first, last
        while lo > 0 and joined(lo - 1) and plain[toks[lo - 1].start].isupper():
            lo -= 1
        while hi + 1 < n and joined(hi):
            hi += 1
        after = hi + 1
        if (lo, hi) == (first, last) or after >= n:
            continue  # no pair
        if norms[after] in _SUBJECT_VERBS or norms[after] in REPORTING or norms[after] in IRREGULAR_PAST:
            continue
        if _modifies_a_noun(norms, plain, toks, after):
            out.append(k)
    return frozenset(out)


def _possessive_after(plain: str, toks: Sequence, last: int) -> bool:
    """Whether token ``last`` (the last of a mention) is followed by a possessive mark ("X's", "the Democrats'")."""
    return last + 1 < len(toks) and plain[toks[last].start : toks[last + 1].start].rstrip().endswith(_POSSESSIVES)


def _noun_within(norms: Sequence[str], plain: str, toks: Sequence, mention_of: Sequence[int], start: int, count: int,
                 nouns: frozenset) -> bool:
    """Whether a word of ``nouns`` stands among the ``count`` tokens from ``start``, reading only lower-case words that
    are no mention ("Biden's *longtime lawyer*", "during the Biden *administration*")."""
    for h in range(start, min(start + count, len(norms))):
        word = plain[toks[h].start : toks[h].end]
        if mention_of[h] >= 0 or not (word.isalpha() and word.islower()):
            return False
        if norms[h] in nouns:
            return True
    return False


# Proxies (round 19): an actor named as the one whom another person represents, supports or advises ("an attorney for
# X", "a staunch ally of X", "an adviser to X", "X's lawyer", "X's closest allies") is not the subject of its clause:
# the words of the clause are aimed at that person, whose conduct is not the actor's. Like a place, the mention gets no
# sentiment words or loaded terms and is never a speaker (:func:`_proxies`). Spokespeople and aides are not proxies:
# they speak and act for the actor.
PROXIES = True  # development switch: False scores as before the proxies rule
PROXY_NOUNS = frozenset(
    "attorney attorneys lawyer lawyers counsel ally allies supporter supporters backer backers associate associates "
    "friend friends donor donors adviser advisers advisor advisors".split()
)
# Relatives (round 22): a relative's conduct is not the actor's either ("Biden's son was charged", "a nephew of X").
RELATIVES = True  # development switch: False scores as before the relatives rule
RELATIVE_NOUNS = frozenset(
    "son sons daughter daughters wife husband brother brothers sister sisters father mother parents nephew nephews "
    "niece nieces cousin cousins grandson grandsons granddaughter granddaughters stepson stepdaughter".split()
)
PROXY_PREPOSITIONS = frozenset({"for", "of", "to"})
# Titles and words of a name's phrase read back over between the preposition and the mention ("an attorney for
# *President* Donald Trump", "an ally of *the former* president").
_PROXY_TITLES = frozenset(
    "the former president vice prime minister senator sen rep gov governor mr mrs ms dr general gen chancellor "
    "secretary speaker leader".split()
)
_PROXY_GAP = 3  # words read back from the mention for the preposition, or after a possessive for the noun


def _proxies(norms: Sequence[str], plain: str, toks: Sequence, mentions: _Mentions) -> frozenset:
    """The mentions named as the one another person represents, supports or advises, or a relative of: after a noun of
    :data:`PROXY_NOUNS` or :data:`RELATIVE_NOUNS` and a preposition of :data:`PROXY_PREPOSITIONS` (titles between them,
    :data:`_PROXY_TITLES`: "an attorney for President Donald Trump"), or before a possessive mark and such a noun
    within :data:`_PROXY_GAP` lower-case words ("Biden's longtime lawyer")."""
    heads = PROXY_NOUNS | RELATIVE_NOUNS if RELATIVES else PROXY_NOUNS
    if heads.isdisjoint(norms):
        return frozenset()
    mention_of = mentions.of
    out = set()
    for k, (first, last) in enumerate(zip(mentions.first, mentions.last)):
        t = first - 1
        while t >= 0 and first - 1 - t < _PROXY_GAP and mention_of[t] < 0 and norms[t] in _PROXY_TITLES:
            t -= 1
        if t >= 1 and norms[t] in PROXY_PREPOSITIONS and norms[t - 1] in heads and mention_of[t - 1] < 0:
            out.add(k)
            continue
        if _possessive_after(plain, toks, last) and _noun_within(norms, plain, toks, mention_of, last + 1, _PROXY_GAP, heads):
            out.add(k)
    return frozenset(out)


# Periods (round 24): an actor named as the holder of a period after "during" ("during Biden's presidency", "during
# Zelensky's first term", "during the Biden administration") names a time, like a place names where: the words of the
# sentence are aimed at what happened then, not at the actor (:func:`_periods`). "under X's presidency" is left out:
# "under" can name whose rule it was.
PERIODS = True  # development switch: False scores as before the periods rule
PERIOD_NOUNS = frozenset(
    "presidency presidencies tenure term terms administration administrations premiership chancellorship reign era "
    "years watch".split()
)
_PERIOD_GAP = 2  # lower-case words between the possessive and the period noun ("Biden's *first* term")


def _periods(norms: Sequence[str], plain: str, toks: Sequence, mentions: _Mentions) -> frozenset:
    """The mentions named as the holder of a period after "during" (and "the"): before a possessive mark and a noun of
    :data:`PERIOD_NOUNS` within :data:`_PERIOD_GAP` lower-case words, or right before such a noun ("during the Biden
    administration")."""
    if "during" not in norms or PERIOD_NOUNS.isdisjoint(norms):
        return frozenset()
    mention_of = mentions.of
    out = set()
    for k, (first, last) in enumerate(zip(mentions.first, mentions.last)):
        t = first - 1
        if t >= 0 and norms[t] == "the":
            t -= 1
        if t < 0 or norms[t] != "during":
            continue
        words = 1 + (_PERIOD_GAP if _possessive_after(plain, toks, last) else 0)
        if _noun_within(norms, plain, toks, mention_of, last + 1, words, PERIOD_NOUNS):
            out.add(k)
    return frozenset(out)


# "anti-X" (round 14): an actor named right after "anti-" ("anti-Ukraine propaganda", "violent anti-NATO extremists",
# "Anti-American hysteria") is what the phrase's head opposes; the phrase's words are aimed at the head (the
# propaganda, the extremists), not at the actor. Like a place, the mention gets no sentiment words or loaded terms and is
# never a speaker (:func:`_opposed`); the word "anti" itself (a negative VADER word) is aimed at no mention. Whoever runs
# the "anti-X" campaign still gets the phrase's words ("Russia's brutal anti-Ukraine campaign").
ANTI = True  # development switch: False scores as before the anti rule


def _opposed(norms: Sequence[str], plain: str, toks: Sequence, mentions: _Mentions) -> frozenset:
    """The mentions named right after "anti-" (the token "anti" and a hyphen, no space): what others oppose."""
    if "anti" not in norms:
        return frozenset()
    return frozenset(k for k, first in enumerate(mentions.first)
                     if first > 0 and norms[first - 1] == "anti" and plain[toks[first - 1].end : toks[first].start] == "-")


class _Clauses(NamedTuple):
    """The clauses of a sentence: ``of[t]`` the clause of token ``t``, ``first`` the first token of
    each, ``weight`` what its evidence counts (contrast, concession), ``contrast`` the clause a
    contrast ("but", "however") opens, or None."""

    of: list
    first: list
    weight: list
    contrast: int | None


def _split_clauses(norms: Sequence[str], gap_text: Sequence[str], mention_of: Sequence[int], params: StanceParams,
                   plain: str, toks) -> _Clauses:
    """Step 2, clauses: split where :func:`analysis.text.clauses.breaks_clause` says (, ; : ( ) dashes ...)
    and before clause openers, never inside a mention.

    ``gap_text[t]`` is the text between tokens ``t - 1`` and ``t`` (``toks`` in ``plain``). Clauses before a contrast
    ("but", "however", "yet" after a comma) weigh ``params.before_contrast``, the rest
    ``params.after_contrast``; a clause opened by "although", "while", ... is multiplied by
    ``params.concessive``. A word of SUBORDINATE_OPENERS before a determiner ("after a gunman used them", "when the
    protests reached") opens a clause too (round 28), whose noun phrase :func:`_own_subjects` then finds.
    """
    n = len(norms)
    brk = list(map(breaks_clause, gap_text[:n]))  # brk[i]: a clause starts at token i (brk[0] unused)
    if SUBORDINATES and not SUBORDINATE_OPENERS.isdisjoint(norms):  # "... after a gunman used them": its own clause
        for i in range(1, n - 1):
            if norms[i] in SUBORDINATE_OPENERS and norms[i + 1] in SUBJECT_DETERMINERS:
                brk[i] = True
    if not _CLAUSE_OPENERS.isdisjoint(norms):
        for i in compress(range(1, n), map(_CLAUSE_OPENERS.__contains__, islice(norms, 1, None))):
            w = norms[i]
            if not brk[i] and w not in _SOFT_CONTRAST and not (w == "but" and i + 1 < n and norms[i + 1] == "also"):
                brk[i] = True
    clause_first: list[int] = [0]
    for i in compress(range(1, n), islice(brk, 1, None)):
        if mention_of[i] >= 0 and mention_of[i] == mention_of[i - 1]:
            continue  # never split a mention
        clause_first.append(i)
    clause = [0] * n
    for c, (lo, hi) in enumerate(zip(clause_first, [*clause_first[1:], n])):
        if c:
            clause[lo:hi] = [c] * (hi - lo)
    n_cl = len(clause_first)
    cweight = [1.0] * n_cl
    contrast_clause = None
    for c, i in enumerate(clause_first):
        w = norms[i]
        if w in CONTRAST and c > 0 and not (w == "but" and i + 1 < n and norms[i + 1] == "also"):
            if w in _SOFT_CONTRAST and not re.search(r"[,;]", plain[toks[i - 1].end : toks[i].start]):
                continue
            contrast_clause = c
            break
    if contrast_clause is not None:
        for c in range(n_cl):
            cweight[c] = params.before_contrast if c < contrast_clause else params.after_contrast
    for c, i in enumerate(clause_first):
        if norms[i] in CONCESSIVE:
            cweight[c] *= params.concessive
    return _Clauses(clause, clause_first, cweight, contrast_clause)


class _Voices(NamedTuple):
    """Who speaks each token: ``in_speech[t]`` (inside a direct quotation), ``region[t]`` (index
    into ``speakers`` of the indirect speech it belongs to, -1: the author's voice)."""

    in_speech: list
    region: list
    speakers: list

    def of(self, toks, quotes: QuoteIndex | None, i: int, j: int) -> str:
        """The voice of the evidence in tokens ``i..j``: ``quote``, ``reported`` or ``author``."""
        if self.in_speech[i] and quotes.kind(toks[i].start, toks[j].end) == "speech":
            return "quote"
        return "reported" if self.region[i] >= 0 else "author"


def _find_voices(toks, norms, quotes: QuoteIndex | None, clauses: _Clauses, mentions: _Mentions,
                 places: frozenset = frozenset()) -> _Voices:
    """Step 3, voice: direct quotations (:mod:`analysis.text.quotes`) and indirect speech (:func:`_reported_speech`)."""
    in_speech = _speech_tokens(toks, quotes)
    region, speakers = _reported_speech(norms, clauses.of, clauses.first, mentions.of, in_speech, mentions.first, mentions.last,
                                        places)
    return _Voices(in_speech, region, speakers)


_QUOTE_END = attrgetter("end")


def _speech_tokens(toks, quotes: QuoteIndex | None) -> list[bool]:
    """``in_speech[t]``: token ``t`` lies in a speech quotation (``quotes.kind`` of the token is ``speech``).

    Only the tokens that a speech quotation of the sentence overlaps can be, so only they are looked up.
    """
    n = len(toks)
    in_speech = [False] * n
    if quotes is None or quotes.find(toks[0].start, toks[-1].end) is None:
        return in_speech
    starts = [t.start for t in toks]
    first = bisect.bisect_right(quotes.quotes, toks[0].start, key=_QUOTE_END)  # the first quotation ending in the sentence
    for quote in islice(quotes.quotes, first, None):
        if quote.start >= toks[-1].end:
            break
        if quote.kind == "speech":
            # the tokens from the one holding (or after) its start to the last one starting before its end
            for t in range(max(bisect.bisect_right(starts, quote.start) - 1, 0), bisect.bisect_left(starts, quote.end)):
                in_speech[t] = quotes.kind(toks[t].start, toks[t].end) == "speech"
    return in_speech


def _cue_roles(i: int, j: int, index: int, norms, plain: str, toks, clauses: _Clauses, mentions: _Mentions,
               m_clause: Sequence[int], res: StanceResources) -> list[tuple[int, str, int]]:
    """Step 4, cue roles: the mentions a directed cue (tokens ``i..j``, cue ``index``) is aimed at.

    Returns ``(mention, role, distance)`` with role ``patient`` (acted upon) or ``agent``
    (acting): the first mention after the cue reached through function words (``agent`` after
    "by"/"from"; "X and Y" both), and the nearest mention before it in its clause, else the
    antecedent of "who"/"which", else the sentence's subject when the clause continues it. The
    one before is the patient in the passive ("Kyiv was accused"), the agent before "'s" or
    opposite an after-patient, else the cue file's ``before`` role.
    """
    P = res.params
    n = len(norms)
    clause, clause_first = clauses.of, clauses.first
    mention_of, m_first, m_last = mentions.of, mentions.first, mentions.last
    n_m = len(m_first)
    passive = False
    if res.cues.passive_ok[index]:
        for k in range(i - 1, max(i - 3, -1), -1):
            if norms[k] in BE:
                passive = True
                break
            if not norms[k].endswith("ly") and norms[k] not in ("also", "not", "never"):
                break
    # After: the first mention reached through function words only.
    after: list[tuple[int, str]] = []
    skipped = []
    t = j + 1
    while t < n and clause[t] == clause[i]:
        k = mention_of[t]
        if k >= 0:
            role = "agent" if any(w in AGENT_MARKERS for w in skipped) else "patient"
            after.append((k, role))
            t = m_last[k] + 1
            if t + 1 < n and norms[t] in ("and", "or") and mention_of[t + 1] >= 0 and clause[t + 1] == clause[i]:
                t += 1
                continue
            break
        if norms[t] in FUNCTION_AFTER and len(skipped) < P.after_skip:
            skipped.append(norms[t])
            t += 1
            continue
        break
    # Before: the nearest mention before the cue in its clause (or the antecedent of "who").
    before_k = None
    for k in range(n_m):
        if m_last[k] < i and m_clause[k] == clause[i] and mention_of[m_first[k]] == k:
            if before_k is None or m_last[k] > m_last[before_k]:
                before_k = k
    if before_k is None and clause[i] > 0:
        opener = norms[clause_first[clause[i]]]
        if opener in RELATIVE:  # "Russian officials, who accused Kyiv": the antecedent
            prev = clause[i] - 1
            for k in range(n_m):
                if m_clause[k] == prev and (before_k is None or m_last[k] > m_last[before_k]):
                    before_k = k
        elif opener in PREDICATE_OPENERS or opener.endswith("ing") or clause_first[clause[i]] == i:
            # "Russian forces, reportedly ordered ..., are storming": the sentence's subject
            if n_m and m_clause[0] == 0 and m_first[0] <= 2 and m_last[0] < i:
                before_k = 0
    roles: list[tuple[int, str, int]] = [(k, r, m_first[k] - j) for k, r in after]
    if before_k is not None and all(k != before_k for k, _ in after):
        possessive = plain[toks[m_last[before_k]].end : toks[m_last[before_k]].end + 2] == "'s" and i - m_last[before_k] <= 3
        if passive:
            role = "patient"
        elif possessive:
            role = "agent"
        elif after:
            role = "agent" if after[0][1] == "patient" else "patient"
        else:
            role = res.cues.before[index]
        roles.append((before_k, role, i - m_last[before_k]))
    return roles


def _attribute(i: int, j: int, c: int, mentions: _Mentions, m_clause: Sequence[int], contrast: int | None,
               params: StanceParams, subjects: frozenset = frozenset()) -> list[tuple[int, float, float]]:
    """Step 5, attribution: the mention(s) a word or phrase (tokens ``i..j`` of clause ``c``) is aimed at.

    Returns ``(mention, weight, share)``. Inside a mention: that mention. Else the nearest
    mention(s) in its clause, weighted by distance in words (ties share it). A clause without a
    mention whose subject is a noun phrase of its own (``subjects``, :func:`_own_subjects`) gives it
    to no one; else to the sentence's subject after a contrast ("..., but [it] failed"), else
    to the nearest mention before it (the first mention when none is before) at
    ``params.orphan``.
    """
    mention_of, m_first, m_last = mentions.of, mentions.first, mentions.last
    inside = mention_of[i]
    if inside >= 0:
        return [(inside, 1.0, 1.0)]
    # m_clause is -1 for a place (:func:`_places`): it gets nothing
    best = None
    nearest: list[tuple[int, int]] = []
    for k in range(len(m_first)):
        if m_clause[k] != c:
            continue
        d = m_first[k] - j if m_first[k] > j else i - m_last[k]
        if best is None or d < best:
            best, nearest = d, [(k, d)]
        elif d == best:
            nearest.append((k, d))
    if nearest:
        share = 1.0 / len(nearest)
        return [(k, _distance_weight(d, params.decay), share) for k, d in nearest]
    if c in subjects:
        return []  # "..., and the crowds were angry": the clause is about its own subject
    if contrast is not None and c >= contrast and 0 <= m_clause[0] < contrast:
        return [(0, 1.0, 1.0)]  # after "but", the subject left out is the sentence's subject
    actors = [q for q in range(len(m_first)) if m_clause[q] >= 0]
    if not actors:
        return []
    before = [q for q in actors if m_last[q] < i]
    k = max(before, key=lambda q: m_last[q]) if before else min(actors, key=lambda q: m_first[q])
    return [(k, params.orphan, 1.0)]


# Own subjects (round 26): a clause without a mention that opens with a noun phrase of its own ("Biden arrived in Warsaw,
# and the crowds outside were angry"; "...; a deadly storm had battered the city"; "After Obama was elected, the number of
# hate groups ballooned") is about that noun phrase, not about the nearest mention: its words go to no one. Only where
# the noun phrase opens a clause: at the start of the sentence, after a linking word ("and", "while", "as" ...), after a
# semicolon, or after a fronted clause or phrase ("After ...,", "Last week,"). A noun phrase right after a comma, a dash
# or a colon is an apposition that sums up what came before ("Russia hit the rescuers, a cruel tactic used in this
# war"; "NATO, a reckless alliance,"), and keeps the old attribution; so does one whose first words name agents or
# deeds (AGENT_NOUNS: "and the president gave", "and the attack killed", "the regime's lies"), which may be an actor's.
SUBJECTS = True  # development switch: False scores as before the own-subjects rule
SUBJECT_DETERMINERS = frozenset({"the", "a", "an", "this", "these", "those"})
SUBJECT_COORDINATORS = frozenset({"and", "but", "or", "so", "yet"})
SUBJECT_SUBORDINATORS = frozenset(
    "while whilst as when after before although though whereas because since if until once".split()
)
# Subordinates (round 28): "after", "when", "because" ... before a determiner open a clause of their own inside a
# sentence ("Biden pledged to ban the devices after a gunman used them to kill 58 people"), so that its words, about
# its own subject, are not given to the actor of the main clause (:func:`_split_clauses`, :func:`_own_subjects`).
# "as" ("as the leader of") and "if" are left out.
SUBORDINATES = True  # development switch: False scores as before the subordinates rule
SUBORDINATE_OPENERS = frozenset("after before when whenever because since until once following".split())
SUBJECT_LINKS = SUBJECT_COORDINATORS | SUBJECT_SUBORDINATORS
_SUBJECT_WORDS = 3  # words after the determiner read for an agent noun
_FRONTED_WORDS = 4  # a first clause of at most this many words, without a mention, is a fronted phrase ("Last week,")


def _own_subjects(norms: Sequence[str], gap_text: Sequence[str], clauses: _Clauses, mentions: _Mentions,
                  attr_clause: Sequence[int]) -> frozenset:
    """The clauses whose subject is a noun phrase of their own: they open with a determiner of SUBJECT_DETERMINERS
    (after at most one word of SUBJECT_LINKS), with no word of AGENT_NOUNS among the next few words of the noun phrase
    (up to a word of _PHRASE_ENDS), and the determiner opens a clause: the sentence starts there, a linking word or a
    semicolon (``gap_text``) comes before it, or the clause before is a fronted one (the sentence's first clause, opened
    by a word of SUBJECT_SUBORDINATORS or of at most _FRONTED_WORDS words without a mention). Not right after a
    mention of an actor, an apposition ("NATO, a reckless alliance,"), unless a linking word opens the clause ("to Kyiv
    after the attack", round 28); ``attr_clause`` of a place is -1 ("in Kyiv, and the sirens wailed" is about the
    sirens). With :data:`SUBORDINATES`, the words of SUBORDINATE_OPENERS link too ("following a massacre").
    :func:`_attribute` gives a word of such a clause without a mention to no one."""
    n = len(norms)
    mention_of, first = mentions.of, clauses.first
    out = []
    for c, f in enumerate(first):
        linked = norms[f] in SUBJECT_LINKS or (SUBORDINATES and norms[f] in SUBORDINATE_OPENERS)
        t = f + 1 if linked else f
        if t >= n or norms[t] not in SUBJECT_DETERMINERS:
            continue
        before = mention_of[f - 1] if f else -1
        if before >= 0 and attr_clause[before] >= 0 and not (SUBORDINATES and linked):
            continue  # an apposition right after an actor ("NATO, a reckless alliance,"; not "Kyiv after the attack")
        if not (linked or f == 0 or ";" in gap_text[f]) and not (
                c == 1 and (norms[0] in SUBJECT_SUBORDINATORS
                            or (f <= _FRONTED_WORDS and all(m < 0 for m in mention_of[:f])))):
            continue  # an apposition: "..., a crime documented by UN monitors"
        agent = False
        for w in islice(norms, t + 1, min(n, t + 1 + _SUBJECT_WORDS)):
            if w in _PHRASE_ENDS:
                break
            if w in AGENT_NOUNS:
                agent = True
                break
        if not agent:
            out.append(c)
    return frozenset(out)


def _label(plain: str, toks, i: int, j: int) -> str:
    """The words of tokens ``i..j`` as the evidence lists them: as written, runs of whitespace made one space."""
    if i == j:
        return plain[toks[i].start : toks[i].end]  # a token holds no whitespace
    return " ".join(plain[toks[i].start : toks[j].end].split())


def _may_negate(norms: Sequence[str], negators: frozenset) -> bool:
    """False when no word of a sentence can negate (none of ``negators``, no "...n't"): then
    :func:`analysis.text.negation.negator_before` finds nothing in it, and most sentences are so."""
    return not negators.isdisjoint(norms) or "n't" in " ".join(norms)


def _analyze_sentence(plain, tokens, a, b, mspans, res: StanceResources, quotes: QuoteIndex, loaded, cues, *, features,
                      raw_gaps=None, norms=None, starts=None, sink=None):
    """The evidence aimed at each mention of one sentence (tokens ``a..b``), in named steps:
    mentions (:func:`_locate_mentions`), clauses (:func:`_split_clauses`), voices
    (:func:`_find_voices`), victims (:func:`_victims`), outcome scope (:func:`_outcome_scope`),
    directed cues and their roles (:func:`_cue_roles`), then loaded terms and sentiment words given to the nearest mention
    (:func:`_attribute`), each weighed by distance, clause, negation and booster."""
    P = res.params
    n = b - a
    toks = tokens[a:b]
    if norms is None:  # the tokens' norms and starts (the caller may have them already)
        norms = [t.norm for t in toks]
    if starts is None:
        starts = [t.start for t in toks]
    if raw_gaps is None:
        gap_text = [plain[toks[i - 1].end : toks[i].start] if i else "" for i in range(n)]
    else:  # raw_gaps[k] is the text between tokens k and k + 1 of the whole text
        gap_text = ["", *raw_gaps[a : a + n - 1]] if n else []
    n_m = len(mspans)
    if n == 0:
        if sink is not None:  # rows without features
            sink.lengths.extend([0] * n_m)
            sink.ones_lengths.extend([0] * n_m)
        return [MentionEvidence(0.0, 0.0, (), {})] * n_m

    mentions = _locate_mentions(starts, mspans)
    mention_of, m_first, m_last = mentions.of, mentions.first, mentions.last
    clauses = _split_clauses(norms, gap_text, mention_of, P, plain, toks)
    clause, cweight, contrast_clause = clauses.of, clauses.weight, clauses.contrast
    m_clause = [clause[i] for i in m_first]
    places = _places(norms, plain, mspans, mentions)
    if MODIFIERS:
        places |= _modifiers(norms, plain, toks, mspans, mentions, cues, res.cues.kind)
    if BILATERAL:
        places |= _bilateral(norms, plain, toks, mentions)
    opposed = _opposed(norms, plain, toks, mentions) if ANTI else frozenset()
    places |= opposed
    if PROXIES:
        places |= _proxies(norms, plain, toks, mentions)
    if PERIODS:
        places |= _periods(norms, plain, toks, mentions)
    attr_clause = [-1 if k in places else c for k, c in enumerate(m_clause)] if places else m_clause
    voices = _find_voices(toks, norms, quotes, clauses, mentions, places)
    victims = _victims(norms, plain, toks, clause, mentions) if VICTIMS else frozenset()
    subjects = _own_subjects(norms, gap_text, clauses, mentions, attr_clause) if SUBJECTS else frozenset()
    negators = sentiment_negators()
    may_negate = _may_negate(norms, negators)

    def negated(i: int) -> bool:
        if not may_negate:
            return False
        c = clause[i]
        return negator_before(norms, i, negators=negators, window=P.negation_window,
                              outside=lambda k: clause[k] != c) is not None

    author = [0.0] * n_m
    quoted = [0.0] * n_m
    items: list[list] = [[] for _ in range(n_m)]
    consumed = [False] * n
    for k in opposed:  # "anti" names what the phrase's head opposes: no sentiment toward any mention
        consumed[m_first[k] - 1] = True
    dir_sums = [[0.0, 0.0] for _ in range(n_m)]  # patient, agent contributions (features)
    outcome = [[0, 0, 0] for _ in range(n_m)]  # harm words, reduced bad things, rejected blame (features)

    def add(k: int, label: str, value: float, voice: str, kind: str) -> None:
        if value == 0.0:
            return
        if voice == "author":
            author[k] += value
        else:
            quoted[k] += value
        items[k].append((label, value, voice, kind))

    # Outcomes: which negative words a reducer or a rejector governs (its scope).
    scope = _outcome_scope(norms, clause, mention_of, cues, res, loaded, starts, n)

    # Directed cues, aimed at the mentions in their roles.
    cue_spans = []
    for m in cues:
        i = bisect.bisect_left(starts, m.start)
        j = bisect.bisect_left(starts, m.end) - 1
        if i >= n or i > j:
            continue
        kind = res.cues.kind[m.index]
        if any(mention_of[t] >= 0 for t in range(i, j + 1)):
            continue  # a cue word that is part of a name
        for t in range(i, j + 1):
            consumed[t] = True
        cue_spans.append((i, j, m.index, kind))
        if kind == "neutral" and i in scope.harm:
            for k in range(n_m):
                if m_clause[k] == clause[i]:
                    outcome[k][0] += 1
    neutral_or_valence = {}
    for i, j, index, kind in cue_spans:
        if kind == "neutral":
            continue
        if kind == "valence":
            neutral_or_valence[i] = (j, res.cues.valence[index] / 4.0)
            continue
        roles = _cue_roles(i, j, index, norms, plain, toks, clauses, mentions, attr_clause, res)
        if not roles:
            continue
        factor = P.negated_directed if negated(i) else 1.0
        how = scope.governed.get(i)
        if how == "suffered":  # "died in the attack": the sufferers before the harm word are not its agents
            g = scope.governor_of[i]
            roles = [(k, r, d) for k, r, d in roles if not (m_clause[k] == clause[i] and m_last[k] < g)]
            if not roles:
                continue
        elif how is not None:  # "rejected the accusation", "stopped the atrocities"
            factor *= P.rejected if how == "rejected" else P.reduced
            for k, _r, _d in roles:
                outcome[k][2 if how == "rejected" else 1] += 1
        label = _label(plain, toks, i, j)
        v = voices.of(toks, quotes, i, j)
        for k, role, d in roles:
            polarity = res.cues.patient[index] if role == "patient" else res.cues.agent[index]
            value = polarity * max(P.directed_floor, _distance_weight(d, P.decay)) * cweight[clause[i]] * factor
            if value < 0 and k in victims:  # "the death of X in the shelling": not aimed at X
                continue
            add(k, label, value, v, "directed")
            dir_sums[k][0 if role == "patient" else 1] += value

    # Loaded-language terms and sentiment words, attributed to the nearest mention.
    generic: list[tuple[int, int, float, str]] = []  # (first token, last token, value, kind)
    for m in loaded:
        i = bisect.bisect_left(starts, m.start)
        j = bisect.bisect_left(starts, m.end) - 1
        if i >= n or i > j or any(consumed[t] for t in range(i, j + 1)):
            continue
        vad = sum(res.valence.get(norms[t], 0.0) for t in range(i, j + 1))
        if vad == 0.0 and m.category in P.undirected_categories:
            continue  # "historic", "sheer": intensity without a direction
        magnitude = max(abs(vad), P.loaded_scale * float(m.weight))
        generic.append((i, j, magnitude if vad > 0 else -magnitude, "loaded"))
        for t in range(i, j + 1):
            consumed[t] = True
    for i, (j, value) in neutral_or_valence.items():
        generic.append((i, j, value, "sentiment"))
    vals = list(map(res.valence.get, norms))  # each word's valence (None: VADER does not rate it)
    governors = scope.governors
    for i in compress(range(n), vals):
        if not consumed[i] and mention_of[i] < 0 and i not in governors:
            generic.append((i, i, vals[i], "sentiment"))
    generic.sort()
    for i, j, value, kind in generic:
        if i > 0 and norms[i - 1] in res.boosters:
            value += math.copysign(P.booster, value) * res.boosters[norms[i - 1]]
        if negated(i):
            value *= P.negation
        how = scope.governed.get(i)
        aimed = attr_clause
        if how == "suffered":  # harm suffered in this event: only a mention after the harm word can be its agent
            g = scope.governor_of[i]
            aimed = [c if c == clause[i] and m_first[k] > g else -1 for k, c in enumerate(attr_clause)]
        elif how is not None and value < 0:
            value *= P.rejected if how == "rejected" else P.reduced
            slot = 2 if how == "rejected" else 1
            for k in range(n_m):
                if m_clause[k] == clause[i]:
                    outcome[k][slot] += 1
        if victims and value < 0:  # the harm and the outrage around it are not aimed at its victims
            aimed = [-1 if k in victims else ck for k, ck in enumerate(aimed)]
        c = clause[i]
        label = _label(plain, toks, i, j)
        v = voices.of(toks, quotes, i, j)
        for k, weight, share in _attribute(i, j, c, mentions, aimed, contrast_clause, P, subjects):
            add(k, label, value * weight * cweight[c] * share, v, kind)

    results = []
    names = _feature_keys(features) if features else None
    roles = None
    if names is not None and names.roles:  # the model sees the rules' outcome roles (version 5)
        roles, vals = _role_words(norms, scope, vals, res, cue_spans, clause, mention_of, m_last,
                                  [g for g in generic if g[3] == "loaded"])
    ctx = _SentenceFeatures(norms, mentions, clause, res, names, vals, may_negate=may_negate,
                            by_token=sink is None, roles=roles) if features else None
    region = voices.region
    if sink is not None:  # the words' ids, read as the token ranges of each mention by position_entries
        base = len(sink.token_ids)
        sink.token_ids.extend(map(ctx.names.ids.__getitem__, ctx.words))
    for k in range(n_m):
        r = region[m_first[k]]
        voice = "reported" if r >= 0 else "author"
        speaker = voices.speakers[r] if r >= 0 else ""
        feats = {}
        if sink is not None:
            ones, cols = sink.ones, sink.keys
            n_ones, n_cols = len(ones), len(cols)
            first, c = m_first[k], clause[m_first[k]]
            sink.positions.extend((len(sink.lengths), base, n, first, m_last[k], bisect.bisect_left(clause, c),
                                   bisect.bisect_right(clause, c)))
            words = _emit_context(ctx, clause, region, voices.in_speech, first, m_last[k], author[k], quoted[k],
                                  dir_sums[k], items[k], outcome[k], ones, cols, sink.values)
            if words is not None:
                sink.words[len(sink.lengths)] = words
            sink.ones_lengths.append(len(ones) - n_ones)
            sink.lengths.append(len(cols) - n_cols)
        elif features:
            feats = _mention_features(ctx, clause, region, voices.in_speech, m_first[k], m_last[k], author[k], quoted[k],
                                      dir_sums[k], items[k], outcome[k])
        results.append(MentionEvidence(author[k], quoted[k], tuple(items[k]), feats, voice, speaker))
    return results


class _Scope(NamedTuple):
    """What reducers and rejectors govern: ``governed[token] = "reduced" | "rejected"``."""

    governed: dict
    governors: frozenset
    governor_of: dict
    harm: frozenset


_NO_SCOPE = _Scope({}, frozenset(), {}, frozenset())


_OWNER_PREPOSITIONS = frozenset({"from", "by", "of"})


def _owner_after(norms, clause, mention_of, r: int) -> bool:
    """Whether an actor named after "from", "by" or "of" (a title word or two between) owns the bad thing after
    "against" at ``r``, within :data:`OUTCOME_WINDOW` words and three more in its clause ("against bellicose remarks
    from President Trump", "against the brutal attacks by Russia")."""
    for t in range(r + 1, min(r + 1 + OUTCOME_WINDOW + 3, len(norms))):
        if clause[t] != clause[r]:
            return False
        if mention_of[t] >= 0:
            return any(norms[u] in _OWNER_PREPOSITIONS for u in range(max(r + 1, t - 3), t))
    return False


def _outcome_scope(norms, clause, mention_of, cues, res: StanceResources, loaded, starts, n) -> _Scope:
    """Negative words governed by a reducer ("reduced poverty") or a rejector ("rejected the accusation").

    A reducer or rejector governs the negative words (VADER valence < 0, a negative valence cue,
    a loaded term, a directed cue negative toward its patient) that follow it within
    :data:`OUTCOME_WINDOW` words in its clause, up to the next mention: "curb Russian
    aggression" with "Russian aggression" a mention stays aggression aimed at the mention.
    """
    harm: set[int] = set()
    words = set(norms)  # one pass over the sentence for the checks below (a set against a set reads the smaller)
    dismissal = DISMISSALS and not DISMISS_PARTICLES.isdisjoint(words) and not DISMISS_VERBS.isdisjoint(words)
    phrasal = REDUCER_PHRASES and not _REDUCER_PARTICLES.isdisjoint(words) and not PHRASAL_REDUCERS.keys().isdisjoint(words)
    anti = ANTI_COMPOUNDS and "anti" in words
    against = AGAINST and "against" in words
    if REJECTORS.isdisjoint(words) and REDUCERS.isdisjoint(words) and not (dismissal or phrasal or anti or against):  # most sentences: nothing governs
        for m in cues:
            i = bisect.bisect_left(starts, m.start)
            if i < n and res.cues.kind[m.index] == "neutral" and norms[i] in HARM:
                harm.add(i)
        if not _suffered_in(norms, harm, n):
            return _Scope({}, frozenset(), {}, frozenset(harm)) if harm else _NO_SCOPE
        harm.clear()  # found again below
    negative: set[int] = set()
    valence = res.valence
    for i, w in enumerate(norms):
        if valence.get(w, 0.0) < 0:
            negative.add(i)
    for m in cues:
        i = bisect.bisect_left(starts, m.start)
        if i >= n:
            continue
        kind = res.cues.kind[m.index]
        if kind == "directed" and min(res.cues.patient[m.index], res.cues.agent[m.index]) < 0:
            negative.add(i)
        elif kind == "valence" and res.cues.valence[m.index] < 0:
            negative.add(i)
        elif kind == "neutral":
            negative.discard(i)
            if norms[i] in HARM:
                harm.add(i)
    for m in loaded:
        i = bisect.bisect_left(starts, m.start)
        if i < n:
            negative.add(i)
    governed: dict[int, str] = {}
    governor_of: dict[int, int] = {}
    governors: set[int] = set()
    suffered = _suffered_in(norms, harm, n)
    verbs: set[int] = set()  # the verbs of "brushed aside", "rooted out": part of their particle's governor
    for r, w in enumerate(norms):
        first, window = r + 1, OUTCOME_WINDOW
        if mention_of[r] >= 0:
            continue
        if governed.get(r):
            if governed[r] != "rejected" or w not in CHARGES:
                continue
            how = "rejected"  # a rejected charge: what it charges is rejected too
        elif w in REJECTORS:
            how = "rejected"
        elif dismissal and w in DISMISS_PARTICLES and r > 0 and norms[r - 1] in DISMISS_VERBS:
            how = "rejected"  # "brushed aside criticism": the particle governs, the verb is part of the governor
            verbs.add(r - 1)
        elif phrasal and r > 0 and PHRASAL_REDUCERS.get(norms[r - 1]) == w:
            how = "reduced"  # "root out fraud": likewise
            verbs.add(r - 1)
        elif anti and w == "anti":
            how, window = "rejected", 1  # "anti-corruption": the word after it only
        elif against and w == "against":
            if _owner_after(norms, clause, mention_of, r):
                continue  # "against bellicose remarks from Trump": the bad thing is an actor's, named after it
            how = "rejected"  # "stood firm against brutal aggression": opposed, aimed at no one before it
        elif w in REDUCERS:
            how = "reduced"
        elif r in suffered:  # harm suffered in an event: the event after the preposition
            how, first = "suffered", r + 2
        else:
            continue
        for t in range(first, min(first + window, n)):
            if clause[t] != clause[r] or mention_of[t] >= 0:
                break
            compound = anti and w == "anti" and valence.get(norms[t], 0.0) < 0  # "anti-war": VADER's "war" though the cue file sets it to 0
            if (t in negative or (how == "rejected" and norms[t] in CHARGES) or compound) and t not in governed:
                governed[t] = how
                governor_of[t] = r
                if how != "suffered":
                    governors.add(r)
    # the verb of "brushed aside" or "rooted out" governs with its particle: no valence of its own ("laughed off")
    governors.update([r - 1 for r in governors if r - 1 in verbs])
    for r in governors:
        negative.discard(r)
    return _Scope(governed, frozenset(governors), governor_of, frozenset(harm))


def _suffered_in(norms, harm, n) -> frozenset:
    """The harm words of a sentence followed by an event (:data:`EVENT_PREPOSITIONS`): the tokens of ``harm`` (harm
    suffered, :data:`HARM`) and of :data:`SUFFERED_PASSIVE` after a form of "be" ("were killed") whose next word is
    one of those prepositions ("casualties *in* the assault")."""
    if not EVENT_PREPOSITIONS:
        return frozenset()
    found = [h for h in harm if h + 1 < n and norms[h + 1] in EVENT_PREPOSITIONS]
    if not SUFFERED_PASSIVE.isdisjoint(norms):
        found += [t for t in range(1, n - 1) if norms[t] in SUFFERED_PASSIVE and norms[t + 1] in EVENT_PREPOSITIONS
                  and (norms[t - 1] in BE or (t > 1 and norms[t - 1].endswith("ly") and norms[t - 2] in BE))]
    return frozenset(found)


# Version 5 of the model (``"roles": true`` in its config): the words the rules give a role are no learned features
# of the model (_role_words); the rules' numbers carry them. NewsMTSC, the training data, labels how a sentence
# portrays a person, so its annotators mostly read harm suffered, a denial or an accusation made as negative for the
# person, which the codebook does not (issue 15 item 3).
ROLE = "<role>"  # a word replaced by its role: no word, n-gram or stem feature, no word vector
ROLE_PHRASE = True  # the words between a governor and the word it governs have its role too ("rejected *the Russian* claims")
# A role word in a word-vector window counts as a word of this weight with no vector, so that the few words left
# beside it (often function words: "accused Moscow *of* war crimes") are not taken for the whole window.
ROLE_WEIGHT = 1.0
CHARGE_LOADED = True  # a loaded term after a speech act's object is part of its charge, like a valence word or a cue


def _role_words(norms, scope: _Scope, vals: list, res: StanceResources, cue_spans, clause, mention_of, m_last,
                spans=()) -> tuple[dict, list]:
    """``(roles, vals)`` of a sentence for the features of a version 5 model: ``roles[token]`` is :data:`ROLE` for each
    word the rules decide on, and ``vals`` the words' valence as the rules weigh it (None: not counted).

    The words: harm suffered (:data:`HARM` as a neutral cue: no valence); a reducer or a rejector and the negative
    words it governs (:func:`_outcome_scope`: the governor no valence, a bad thing reduced its valence times
    ``reduced``, credit; blame rejected times ``rejected``, none); a speech act aimed at its object alone (a directed
    cue with no polarity toward its agent: "accused", "condemned", "praised"; its polarity toward the object is the
    object's ``#patient``) and its charge, the valence words and cues within :data:`OUTCOME_WINDOW` words after the
    object named after it ("accused Kyiv *of brutal attacks*"): no valence. A cue or a loaded term of several words
    (``cue_spans``, ``spans``: first and last token) whose first word has a role gives it to all its words.
    """
    P = res.params
    vals = list(vals)
    roles: dict[int, str] = {}
    for i in scope.harm:
        roles[i] = ROLE
        vals[i] = None
    for t, how in scope.governed.items():
        roles[t] = ROLE
        v = vals[t]
        if how == "suffered":
            vals[t] = None
        elif v is not None and v < 0:
            vals[t] = v * (P.reduced if how == "reduced" else P.rejected) or None
        if ROLE_PHRASE:  # the words between the governor and what it governs: the phrase of the role
            for u in range(scope.governor_of[t] + 1, t):
                if mention_of[u] < 0:
                    roles[u] = ROLE
                    vals[u] = None
    for r in scope.governors:
        roles[r] = ROLE
        vals[r] = None
    n = len(norms)
    cue_at = {i for i, _j, _index, _kind in cue_spans}
    if CHARGE_LOADED:  # a loaded term in the charge too ("accused Russia of genocide")
        cue_at.update(i for i, *_rest in spans)
    cues = res.cues
    for i, j, index, kind in cue_spans:
        if kind != "directed" or cues.agent[index] != 0.0 or cues.patient[index] == 0.0 or i in roles:
            continue
        for t in range(i, j + 1):
            roles[t] = ROLE
            vals[t] = None
        t = j + 1  # its object, named after it through function words, then the charge
        while t < n and clause[t] == clause[i] and mention_of[t] < 0 and norms[t] in FUNCTION_AFTER:
            t += 1
        if t >= n or clause[t] != clause[i] or mention_of[t] < 0:
            continue
        t = m_last[mention_of[t]] + 1
        for u in range(t, min(t + OUTCOME_WINDOW, n)):
            if clause[u] != clause[i] or mention_of[u] >= 0:
                break
            if u not in roles and (vals[u] is not None or u in cue_at):
                roles[u] = ROLE
                vals[u] = None
    for i, j, *_rest in (*cue_spans, *spans):
        if j > i and i in roles:
            for t in range(i + 1, j + 1):
                roles[t] = ROLE
                vals[t] = None
    return roles, vals


@lru_cache(maxsize=8)
def _speech_triggers(reporting: frozenset, reporting_that: frozenset, labels: bool = False) -> frozenset:
    """The words that can open indirect speech (:func:`_reported_speech`): the reporting verbs and "according", and the
    labelling verbs when ``labels`` (:data:`LABELS`)."""
    return frozenset(reporting) | frozenset(reporting_that) | {"according"} | (_LABEL_TRIGGERS if labels else frozenset())


# Speakers (round 32): "X, who ..., said the talks failed", "X, a senior minister, said Y lied": a short final clause
# opened by the verb, with no actor after it, after a relative clause or after a sentence that opens with an actor
# alone (and its apposition), is the subject's report, not "CONTENT, said X": what follows the verb is X's voice, and
# the words of the relative clause or the apposition stay the author's.
SPEAKERS = True  # development switch: False scores as before the speakers rule
RELATIVE_OPENERS = frozenset({"who", "which", "whose", "whom"})


def _subject_speaks(norms, clause_first, mention_of, m_last, r: int, c: int, c_end: int) -> bool:
    """Whether the reporting verb at ``r``, opening the last clause ``c`` (ending at ``c_end``), has the sentence's
    subject as its speaker (:data:`SPEAKERS`)."""
    if r != clause_first[c] or any(mention_of[t] >= 0 and m_last[mention_of[t]] == c_end - 1 for t in range(r + 1, c_end)):
        return False  # "..., the Kremlin said", "..., said the Kremlin": the inverted form
    if norms[clause_first[c - 1]] in RELATIVE_OPENERS:
        return True
    return mention_of[clause_first[1] - 1] >= 0  # the first clause ends with an actor: "Zelensky, the president, said"


def _reported_speech(norms, clause, clause_first, mention_of, in_speech, m_first, m_last, places=frozenset()):
    """Regions of indirect speech in a sentence and who speaks in each.

    Returns ``(region, speakers)``: ``region[i]`` is the index into ``speakers`` of the indirect
    speech token ``i`` belongs to, or -1 for the author's voice. Three forms:
    "X said (that) CONTENT" (content: the rest of the sentence; "told Y that": after "that"),
    "CONTENT, X said" / "CONTENT, said X" (a short final clause), and "according to X, CONTENT"
    (every clause but X's). The speaker is the target of a mention next to the verb in its
    clause, else up to three words there ("officials"). Direct quotations are left to
    :mod:`analysis.text.quotes`.
    """
    n = len(norms)
    region = [-1] * n
    speakers: list[str] = []
    reporting_that = _reporting_that(GERUNDS, BASES)
    triggers = _speech_triggers(REPORTING, reporting_that, LABELS)  # one set per setting, not one a sentence
    if triggers.isdisjoint(norms):  # most sentences: no reporting verb, no "according"
        return region, speakers

    # a place and its preposition are not the speaker: "experts in Paris" -> "experts"
    skip = {t for k in places for t in range(m_first[k] - 1, m_last[k] + 1)} if places else ()

    def speaker_words(lo: int, hi: int) -> str:
        for t in range(lo, hi):
            if mention_of[t] >= 0 and not (places and mention_of[t] in places):
                return f"<{mention_of[t]}>"
        words = [norms[t] for t in range(lo, hi) if norms[t].isalpha() and norms[t] not in ("the", "a", "an", "that")
                 and not (places and t in skip)]
        return " ".join(words[-3:])

    def mark(tokens, who: str) -> None:
        marked = False
        for t in tokens:
            if region[t] < 0 and not in_speech[t]:
                region[t] = len(speakers)
                marked = True
        if marked:
            speakers.append(who)

    # Only a reporting verb or "according" can open indirect speech: the other words are skipped.
    for r in compress(range(n), map(triggers.__contains__, norms)):
        if region[r] >= 0 or in_speech[r] or mention_of[r] >= 0:
            continue
        w = norms[r]
        c = clause[r]
        c_end = bisect.bisect_right(clause, c)  # the end of r's clause (clause numbers never decrease)
        if w == "according" and r + 1 < n and norms[r + 1] == "to":
            if c_end <= r + 2:
                continue
            mark([*range(clause_first[c]), *range(c_end, n)], speaker_words(r + 2, c_end))
            continue
        if LABELS and w in _LABEL_TRIGGERS:  # no reporting verb (asserted where they are defined)
            if r > clause_first[c] and _is_label(norms, r, c_end):  # "X called Y a Z": Y and Z are X's voice
                mark([t for t in range(r + 1, c_end) if mention_of[t] < 0], speaker_words(clause_first[c], r))  # Y stays the author's
            continue
        if w in reporting_that:
            if not (r + 1 < n and norms[r + 1] == "that"):
                continue
        elif w not in REPORTING:
            continue
        c_start = clause_first[c]
        # "CONTENT, the Kremlin said." / "CONTENT, said X.": a short final clause (not one whose verb has "that" after it:
        # "..., and experts warn that more will die" reports what follows; BASES).
        if (c > 0 and c_end == n and r - c_start <= 5 and c_end - r <= 5
                and not (BASES and r + 1 < n and norms[r + 1] == "that")):
            if SPEAKERS and _subject_speaks(norms, clause_first, mention_of, m_last, r, c, c_end):
                mark(range(r + 1, n), speaker_words(0, r))  # "X, who ..., said the talks failed": X said it
                continue
            who = speaker_words(c_start, r) or speaker_words(r + 1, c_end)
            mark([t for t in range(c_start) if not (norms[t] == "that" and t == 0)], who)
            continue
        if r == 0:
            continue
        begin = r + 1
        if w in _TOLD:
            that = next((t for t in range(r + 1, min(r + 7, n)) if norms[t] == "that"), None)
            if that is None:
                continue
            begin = that + 1
        elif begin < n and norms[begin] == "that":
            begin += 1
        if n - begin < 3:
            continue
        who = speaker_words(c_start, r) if c_start < r else speaker_words(0, r)
        mark(range(begin, n), who)
    return region, speakers


# Numeric features (rule numbers, valence) are multiplied by this before the model sees them:
# the logistic regression's penalty then shrinks them less than the many binary word features
# (chosen by cross-validation on the NewsMTSC development part).
NUMERIC_SCALE = 3.0
_WINDOW = 4  # words on each side of a mention whose n-grams are model features


_NEAR = 6  # tokens up to this far from a mention get a position bucket of their own (1, 3, 6); the rest "far"
# The keys a word can have, one slot each: bag, clause, far left/right, the near position buckets, negated.
# The last two slots hold the word's Porter stem (``sL=`` / ``sR=``: within _STEM_WINDOW words left / right).
_SLOTS = ("w=", "c=", "Lfar=", "Rfar=", "L1=", "L3=", "L6=", "R1=", "R3=", "R6=", "n=", "sL=", "sR=")
_W, _C, _LFAR, _RFAR, _NEG, _SL, _SR = 0, 1, 2, 3, 10, 11, 12
_STEMMED = (_SL, _SR)
_STEM_WINDOW = 3  # words on each side of a mention whose stems are model features (chosen by CV on NewsMTSC dev)
_L_SLOT = (None, 4, 5, 5, 6, 6, 6)  # distance 1..6 -> slot of L1= / L3= / L6=
_R_SLOT = (None, 7, 8, 8, 9, 9, 9)  # distance 1..6 -> slot of R1= / R3= / R6=
_UNKNOWN_WORD = (-1,) * len(_SLOTS)  # the keys of a word the model knows in no slot
# Static word vectors (analysis.text.word_vectors): the weighted mean vector of the _VECTOR_WINDOW
# words left of a mention (#vL0, #vL1, ...), right of it (#vR...) and of its whole sentence (#vS...),
# mentions left out, times _VECTOR_SCALE (chosen by cross-validation on the NewsMTSC development part).
_VECTOR_WINDOW = 6
_VECTOR_SCALE = 0.5
_VECTOR_SLOTS = ("#vL", "#vR", "#vS")
_NUMERIC = ("#rule_author", "#rule_quoted", "#patient", "#agent", "#ev_pos", "#ev_neg", "#n_loaded",
            "#sentence_valence", "#first_mention", "#val_left", "#val_right", "#reported", "#quoted", "#reporter",
            "#harm", "#reduced", "#rejected")
_ALWAYS_NUMERIC = ("#rule_author", "#rule_quoted", "#patient", "#agent", "#ev_pos", "#ev_neg", "#n_loaded",
                   "#sentence_valence", "#first_mention", "#val_left", "#val_right")


class FeatureKeys:
    """What a model feature is called: its name (``"L1=accused"``, for training) or its column in a model.

    Scoring with a model needs only the model's columns, so the features of each mention are
    built as ``{column: value}`` directly (features the model does not know are left out), with
    no feature names to build and look up. The keys of each word are found once and remembered.

    Args:
        index: ``{name: column}`` of a model (:attr:`analysis.measures.stance_model.StanceModel.vocabulary`),
            or None for names.
        model: The model of ``index``: its word-vector groups are folded (:meth:`vectors`).
        vectors: For names: also the word-vector features (``#vL0`` ...; a model has them when its
            vocabulary does).
        roles: For names: the words of the outcome roles replaced by their role (:func:`_role_words`; a model
            has them when its config says ``"roles": true``, version 5).
    """

    def __init__(self, index: dict | None = None, model=None, *, vectors: bool = False, roles: bool = False) -> None:
        self.index = index
        self.model = model
        self.with_vectors = vectors
        self.roles = bool(model.config.get("roles")) if model is not None else roles
        # key(name): the name itself, or the model's column (-1: unknown to the model); both C calls.
        self.key = key = str if index is None else _Columns(index).__getitem__
        # Bounded memories of the keys of words, bigrams and trigrams: a hit costs one look-up,
        # without building the name.
        self._words = _WordKeys(key)
        self.bigram = _NgramKeys(key, "b=")
        self.trigram = _NgramKeys(key, "t=")
        self.numeric = {name: key(name) for name in _NUMERIC}
        # word -> a small id (a model's columns only); ids.table[id] its keys in every slot (as an array).
        self.ids = _WordIds(self) if index is not None else None
        # The keys of the numbers every mention has, in the order _emit_features gives their values.
        self.always_numeric = tuple(self.numeric[name] for name in _ALWAYS_NUMERIC)
        self.other_in_clause = key("c=<T>")
        self.masked = self.word("<T>")
        self._vectors = None

    def vectors(self):
        """``(table, keys, parts, scale)`` of the word-vector features; None for a model without them (its
        table is then never read).

        For names, ``table`` is the word-vector table (:mod:`analysis.text.word_vectors`), ``keys``
        the names ``#vL0 ...``, ``#vR0 ...``, ``#vS0 ...`` (one tuple per slot of :data:`_VECTOR_SLOTS`),
        each slot's ``part`` the whole vector and ``scale`` :data:`_VECTOR_SCALE`. For a model, whose
        score is linear in these features, they are folded (:class:`_FoldedVectors`): a word's "vector"
        is its contribution to each class's score through each group's coefficients (times
        :data:`_VECTOR_SCALE`), a slot's ``keys`` the model's folded columns of that group
        (:attr:`analysis.measures.stance_model.StanceModel.folded_slots`) and its ``part`` its classes;
        so a mention gets ``n_classes`` numbers per group instead of one per dimension, the same scores.
        """
        if self._vectors is None:
            if self.index is None and not self.with_vectors:
                self._vectors = False
            elif self.index is not None and not any(self.key(f"{slot}0") >= 0 for slot in _VECTOR_SLOTS):
                self._vectors = False
            else:
                from analysis.text.word_vectors import load_weighted_vectors

                table = load_weighted_vectors(paths.STANCE_WORD_VECTORS)
                if self.index is None:
                    everything = slice(None)
                    self._vectors = (table, tuple(tuple(self.key(f"{slot}{j}") for j in range(table.dims))
                                                  for slot in _VECTOR_SLOTS), (everything,) * len(_VECTOR_SLOTS), _VECTOR_SCALE)
                else:
                    folded = _FoldedVectors(table, self.model, self.key)
                    self._vectors = (folded, folded.keys, folded.parts, 1.0)
        return self._vectors or None

    def word(self, w: str) -> tuple:
        """The keys of word ``w`` in every slot of :data:`_SLOTS`."""
        return self._words[w]


class _FoldedVectors:
    """A model's word-vector groups folded into per-word class scores (:meth:`FeatureKeys.vectors`).

    Group ``g`` (slot ``#vL``, ``#vR`` or ``#vS`` of the model's
    :attr:`~analysis.measures.stance_model.StanceModel.folded_slots`) adds ``coef[k, #vX j] *
    _VECTOR_SCALE * mean_j`` to class ``k``'s score, ``mean`` the weighted mean of the window's word
    vectors: the weighted mean of the words' ``_VECTOR_SCALE * coef[k, #vX j] * vector_j`` summed over
    ``j``, computed here once per word (:meth:`word`: ``n_groups * n_classes`` numbers).
    """

    def __init__(self, table, model, key) -> None:
        self.table = table
        n_classes, folded = len(model.classes), model.folded_slots
        coef = np.asarray(model.coef, dtype=np.float64)
        blocks, keys, parts = [], [], []
        for slot in _VECTOR_SLOTS:
            if slot in folded:
                g = folded.index(slot)
                blocks.append(coef[:, [key(f"{slot}{j}") for j in range(table.dims)]].T * _VECTOR_SCALE)
                start = len(model.vocabulary) + g * n_classes
                keys.append(tuple(range(start, start + n_classes)))
                parts.append(slice(g * n_classes, (g + 1) * n_classes))  # the group's columns of self.weights
            else:
                keys.append(())
                parts.append(slice(0, 0))
        self.weights = np.hstack(blocks)  # (dims, groups * classes)
        self.dims = self.weights.shape[1]
        self.keys, self.parts = tuple(keys), tuple(parts)
        self._clear()

    def _clear(self) -> None:
        # word -> row of the words' scores (self.words): the word's weight times its class scores, then its
        # weight; row 0: zeros (no vector, or the start of a sentence).
        self._rows = _FoldedRows(self)
        self._rows["<T>"] = 0  # a masked mention
        self._rows[ROLE] = 1  # a word of version 5 replaced by its role (_role_words): no vector, weight ROLE_WEIGHT
        self.words = _FoldedWords(["<T>", ROLE], np.zeros((1024, self.dims + 1)))
        self.words.scores[1, -1] = ROLE_WEIGHT

    def add(self, w: str) -> int:
        """The row of word ``w`` (0 without a vector), computed and stored."""
        vec, weight = self.table.lookup(w)  # once per word: the table need not remember it too
        if vec is None:
            return 0
        words = self.words
        row = len(words.names)
        if row == len(words.scores):
            words.scores = np.concatenate([words.scores, np.zeros_like(words.scores)])
        words.scores[row, :-1] = weight * (vec @ self.weights)
        words.scores[row, -1] = weight
        words.names.append(w)
        return row

    def running_sums(self, words: list) -> tuple:
        """``(sums, evidence)``: ``sums[i]`` the sums over ``words[:i]`` of the weighted class scores, then of the
        weights (a list of lists; the weights' sums are the same numbers in the same order as the unfolded features'
        weights); ``evidence`` what the word-level evidence needs (``(table, rows, weights)``: the
        :class:`_FoldedWords` of the words' rows, row ``i + 1`` word ``i``'s (row 0 zeros), and the weights' sums
        as an array)."""
        if len(self._rows) >= 100_000:  # at most some tens of MB
            self._clear()
        rows = np.fromiter(chain((0,), map(self._rows.__getitem__, words)), np.int32, len(words) + 1)
        sums = self.words.scores.take(rows, axis=0)
        np.add.accumulate(sums, axis=0, out=sums)  # np.cumsum's sums (the same additions), in place
        return sums.tolist(), (self.words, rows, sums[:, -1].copy())


class _FoldedWords:
    """The words a :class:`_FoldedVectors` has folded: ``names[row]`` and ``scores[row]`` (the word's weight times
    its class scores per group, then its weight; row 0 zeros: a masked mention or a word without a vector). Rows
    are only added (``scores`` grows by a new array), so a sentence's rows stay valid after its scoring."""

    __slots__ = ("names", "scores")

    def __init__(self, names: list, scores: np.ndarray) -> None:
        self.names = names
        self.scores = scores


class _FoldedRows(dict):
    """word -> its row in a :class:`_FoldedVectors`' arrays, made on first use."""

    def __init__(self, folded) -> None:
        super().__init__()
        self.folded = folded

    def __missing__(self, w: str) -> int:
        row = self[w] = self.folded.add(w)
        return row


class _WordKeys(dict):
    """word -> its keys in every slot of :data:`_SLOTS` (``key`` of each name), made on first use;
    emptied when it holds 100,000 words (at most some tens of MB)."""

    def __init__(self, key) -> None:
        super().__init__()
        self.key = key

    def __missing__(self, w: str) -> tuple:
        if len(self) >= 100_000:
            self.clear()
        key = self.key
        if w == ROLE:  # no feature (version 5, _role_words)
            self[w] = _UNKNOWN_WORD
            return _UNKNOWN_WORD
        stem = _stem(w)
        keys = tuple([key(prefix + (stem if slot in _STEMMED else w)) for slot, prefix in enumerate(_SLOTS)])
        if keys == _UNKNOWN_WORD:
            keys = _UNKNOWN_WORD  # most rare words (names, numbers): one shared tuple
        self[w] = keys
        return keys


class _WordIds(dict):
    """word -> a small int id, made on first use; ``table[id]`` the model columns of the word in every slot of
    :data:`_SLOTS` (:meth:`FeatureKeys.word`). Cleared by :func:`analyze_spans` when it holds 100,000 words."""

    def __init__(self, names: FeatureKeys) -> None:
        super().__init__()
        self.names = names
        self.table = np.zeros((1024, len(_SLOTS)), dtype=np.int32)

    def __missing__(self, w: str) -> int:
        i = self[w] = len(self)
        if i == len(self.table):
            self.table = np.concatenate([self.table, np.zeros_like(self.table)])
        self.table[i] = self.names.word(w)
        return i


def _close_block(sink: FeatureRows, ids: _WordIds) -> None:
    """Turn the word ids that :func:`_analyze_sentence` wrote into ``sink`` (``token_ids``, one per token of each
    sentence with a mention; ``positions``, each mention's ranges of them) into a block of
    ``(row offset, keys, positions)``: ``keys[t]`` token ``t``'s model columns in every slot of :data:`_SLOTS`
    (its ``c=`` column -1 for a masked mention: a clause's ``c=`` words leave mentions out); read by
    :func:`position_entries`."""
    if not sink.positions:
        sink.token_ids.clear()
        return
    tokens = np.fromiter(sink.token_ids, dtype=np.intp, count=len(sink.token_ids))
    keys = ids.table[tokens]
    keys[tokens == ids["<T>"], _C] = -1
    sink.blocks.append((0, keys, np.array(sink.positions, dtype=np.int64).reshape(-1, 7)))
    sink.token_ids.clear()
    sink.positions.clear()


def _slot_ranges(slots: tuple) -> tuple:
    """``((slot, nearest distance, farthest distance), ...)`` of :data:`_L_SLOT` or :data:`_R_SLOT`."""
    out: list[list] = []
    for d in range(1, len(slots)):
        if out and out[-1][0] == slots[d]:
            out[-1][2] = d
        else:
            out.append([slots[d], d, d])
    return tuple(map(tuple, out))


def position_entries(keys: np.ndarray, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(rows, columns)`` of the features of token ranges of the mentions of :func:`_close_block`'s blocks: the
    ``w=`` bag, the words by position (``Lfar=``, ``L6=``, ``L3=``, ``L1=``, ``R1=`` ..., ``Rfar=``), the stems
    near the mention (``sL=``, ``sR=``) and the ``c=`` words of its clause, as :func:`_emit_features` writes them
    (a column twice where it writes it twice; -1: unknown to the model).

    Args:
        keys: Each token's columns by slot of :data:`_SLOTS`, shape ``(tokens, slots)``.
        positions: One row per mention: its row, its sentence's first token in ``keys``, the sentence's length,
            the mention's first and last token and its clause's first and last + 1 (in the sentence).
    """
    row, base, n, first, last, c_lo, c_hi = positions.T
    near_lo, near_hi = np.maximum(first - _NEAR, 0), np.minimum(last + _NEAR + 1, n)
    after = last + 1
    ranges = [(_W, 0, first), (_W, after, n), (_LFAR, 0, near_lo), (_RFAR, near_hi, n), (_C, c_lo, c_hi),
              (_SL, np.maximum(first - _STEM_WINDOW, near_lo), first),
              (_SR, after, np.minimum(last + _STEM_WINDOW + 1, near_hi))]
    for slot, near, far in _slot_ranges(_L_SLOT):  # distance d: token first - d
        ranges.append((slot, np.maximum(first - far, near_lo), np.maximum(first - near + 1, near_lo)))
    for slot, near, far in _slot_ranges(_R_SLOT):  # distance d: token last + d
        ranges.append((slot, np.minimum(last + near, near_hi), np.minimum(last + far + 1, near_hi)))
    slots = np.array([slot for slot, _lo, _hi in ranges], dtype=np.intp)
    lo = np.stack([np.broadcast_to(lo, first.shape) for _slot, lo, _hi in ranges], axis=1)  # (mentions, ranges)
    hi = np.stack([np.broadcast_to(hi, first.shape) for _slot, _lo, hi in ranges], axis=1)
    lengths = np.maximum(hi - lo, 0).ravel()
    starts = (lo + base[:, None]).ravel()
    total = int(lengths.sum())
    ends = np.cumsum(lengths)
    token = np.arange(total) + np.repeat(starts - (ends - lengths), lengths)
    slot = np.repeat(np.tile(slots, len(positions)), lengths)
    return np.repeat(np.repeat(row, len(ranges)), lengths), keys[token, slot]


class _NgramKeys(dict):
    """``(w1, w2, ...)`` -> the key of the n-gram feature ``prefix + "w1_w2..."``, made on first use;
    emptied when it holds 100,000 n-grams."""

    def __init__(self, key, prefix: str) -> None:
        super().__init__()
        self.key = key
        self.prefix = prefix

    def __missing__(self, ngram: tuple):
        if len(self) >= 100_000:
            self.clear()
        value = self[ngram] = -1 if ROLE in ngram else self.key(self.prefix + "_".join(ngram))  # _role_words
        return value


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.porter import PorterStemmer  # the algorithm only: no NLTK data

    return PorterStemmer()


def _stem(w: str) -> str:
    """The Porter stem of a lower-case word (``"accusing"`` -> ``"accus"``); other tokens as they are."""
    return _stemmer().stem(w) if w.isalpha() else w


class _Columns(dict):
    """``{name: column}`` of a model, -1 for a name it does not know."""

    def __missing__(self, name: str) -> int:
        return -1


_NAMED_KEYS = FeatureKeys()
_NAMED_VECTOR_KEYS = FeatureKeys(vectors=True)
_NAMED_ROLE_KEYS = FeatureKeys(vectors=True, roles=True)
_W_KEY, _LFAR_KEY, _RFAR_KEY = itemgetter(_W), itemgetter(_LFAR), itemgetter(_RFAR)


def _feature_keys(features) -> FeatureKeys:
    """:class:`FeatureKeys` for ``features``: True gives names, ``"vectors"`` names with the word-vector features,
    a stance model its columns (kept on the model)."""
    if features is True:
        return _NAMED_KEYS
    if features == "vectors":
        return _NAMED_VECTOR_KEYS
    if features == "roles":
        return _NAMED_ROLE_KEYS
    keys = getattr(features, "_feature_keys", None)
    if keys is None:
        keys = FeatureKeys({name: i for i, name in enumerate(features.vocabulary)}, features)
        features._feature_keys = keys
    return keys


_NO_MEAN = ((), ())  # SentenceFeatures.vector_mean of a window without a word with a vector


class _SentenceFeatures:
    """What the model features of every mention of one sentence share, computed once per sentence.

    The words with other mentions masked (``<T>``), the sentence's valence without mentions, and the
    valence words with their negation (``n=`` features); with ``by_token`` (for :func:`_emit_features`,
    which adds what depends on the mention) also the words' keys, those of their ``w=`` bag and far slots
    (``Lfar=`` / ``Rfar=``) as lists by token and ``c=`` keys per clause. Without it (scoring into
    :class:`~analysis.measures.stance_model.FeatureRows`) those are read from the words' ids in numpy
    (:func:`position_entries`) and :func:`_emit_context` adds the rest.
    """

    __slots__ = ("words", "keys", "names", "clause", "bag_keys", "lfar", "rfar", "_clause_keys", "clause_masked",
                 "sentence_valence", "negated_keys", "valued", "first_mention", "vec_sums", "vec_weights", "vec_keys",
                 "vec_parts", "vec_scale", "vec_sentence", "vec_words")

    def __init__(self, norms, mentions: _Mentions, clause, res, names: FeatureKeys, vals=None, *, may_negate=True,
                 by_token=True, roles=None) -> None:
        n = len(norms)
        mention_of = mentions.of
        if vals is None:
            vals = list(map(res.valence.get, norms))
        negators = sentiment_negators()
        masked = names.masked
        words = list(norms)
        # The keys of each word (by_token: for _emit_features; else only those of n= features are looked up).
        keys = list(map(names._words.__getitem__, norms)) if by_token else None
        clause_masked: dict[int, int] = {}
        first_mention = n
        for i in mentions.tokens:  # mentions are masked as <T>
            words[i] = "<T>"
            if by_token:
                keys[i] = masked
            clause_masked[clause[i]] = clause_masked.get(clause[i], 0) + 1
            if first_mention == n:
                first_mention = i
        if roles:  # version 5: the words the rules give a role (_role_words)
            for i in roles:
                if mention_of[i] < 0:
                    words[i] = ROLE
                    if by_token:
                        keys[i] = _UNKNOWN_WORD
        negated_keys: dict = {}
        valued = []  # (token, valence after negation, clause) of the words VADER rates, mentions left out
        total = 0.0
        for i in compress(range(n), vals):
            if mention_of[i] >= 0:
                continue
            v = vals[i]
            total += v
            if may_negate and negator_before(norms, i, negators=negators, window=3,
                                             outside=lambda t: clause[t] != clause[i]) is not None:
                negated_keys[(keys[i] if by_token else names.word(words[i]))[_NEG]] = 1.0
                v = -0.74 * v
            valued.append((i, v, clause[i]))
        self.words = words
        self.keys = keys
        self.names = names
        if by_token:  # for _emit_features (else the words' ranges are read from their ids: position_entries)
            self.bag_keys = list(map(_W_KEY, keys))
            self.lfar = list(map(_LFAR_KEY, keys))
            self.rfar = list(map(_RFAR_KEY, keys))
        self.clause = clause
        self._clause_keys: dict[int, list] = {}
        self.clause_masked = clause_masked
        self.sentence_valence = math.tanh(total)
        self.negated_keys = negated_keys
        self.valued = valued
        self.first_mention = first_mention
        self.vec_keys = self.vec_words = None
        vectors = names.vectors()
        if vectors is not None:  # running sums of the weighted word vectors: a window's sum is a difference
            table, self.vec_keys, self.vec_parts, self.vec_scale = vectors
            if isinstance(table, _FoldedVectors):  # sums[i][-1]: the weights' sum
                sums, self.vec_words = table.running_sums(words)  # vec_words: for the word-level evidence
                weights = None
            else:
                sums = np.zeros((n + 1, table.dims))
                weights = np.zeros(n + 1)
                word = table.word
                for i, w in enumerate(words):
                    if w == ROLE:
                        weights[i + 1] = ROLE_WEIGHT
                    elif w != "<T>":
                        vec, weight = word(w)
                        if vec is not None:
                            sums[i + 1] = weight * vec
                            weights[i + 1] = weight
                np.cumsum(sums, axis=0, out=sums)
                np.cumsum(weights, out=weights)
            self.vec_sums, self.vec_weights = sums, weights
            self.vec_sentence = self.vector_mean(0, n, 2)

    def vector_mean(self, lo: int, hi: int, slot: int) -> tuple:
        """``(keys, values)`` of the weighted mean vector of words ``lo..hi-1`` (masked words left out) in slot
        ``slot`` of :data:`_VECTOR_SLOTS`, times :data:`_VECTOR_SCALE` (for a model: the group's folded class
        scores, :meth:`FeatureKeys.vectors`); empty without a word with a vector."""
        part = self.vec_parts[slot]
        if self.vec_weights is None:  # folded: a few numbers per row, the weights' sum last; faster without numpy
            top, bottom = self.vec_sums[hi], self.vec_sums[lo]
            weight = top[-1] - bottom[-1]
            if hi <= lo or weight <= 0:
                return _NO_MEAN
            scale = self.vec_scale / weight
            return self.vec_keys[slot], [(a - b) * scale for a, b in zip(top[part], bottom[part])]
        weight = self.vec_weights[hi] - self.vec_weights[lo]
        if hi <= lo or weight <= 0:
            return _NO_MEAN
        mean = (self.vec_sums[hi, part] - self.vec_sums[lo, part]) * (self.vec_scale / weight)
        return self.vec_keys[slot], mean.tolist()

    def clause_keys(self, c: int) -> list:
        """``c=`` keys of the unmasked words of clause ``c`` (computed on first use; clauses are runs of tokens)."""
        keys = self._clause_keys.get(c)
        if keys is None:
            clause, words, tk = self.clause, self.words, self.keys
            lo, hi = bisect.bisect_left(clause, c), bisect.bisect_right(clause, c)
            keys = self._clause_keys[c] = [tk[i][_C] for i in range(lo, hi) if words[i] != "<T>"]
        return keys


def _mention_features(ctx: _SentenceFeatures, clause, region, in_speech, first, last, author, quoted, dir_sums, items,
                      outcome) -> dict:
    """Model features of one mention (tokens ``first..last``) from its sentence's :class:`_SentenceFeatures`.

    Words by position relative to the mention (``L1=``, ``R3=``, ``Lfar=`` ...), the words of its
    clause (``c=``), the bag of words (``w=``), with the mention left out and other mentions masked
    as ``<T>``; ``b=`` bigrams and ``t=`` trigrams within :data:`_WINDOW` words of it (itself
    ``<M>``); ``sL=`` / ``sR=`` the Porter stems of the :data:`_STEM_WINDOW` words left / right of it
    ("accusing" and "accused" share ``accus``); ``n=`` sentiment words in a negation's scope; the rule-based numbers (``#rule_author``,
    ``#patient``, ...), its voice (``#reported``, ``#quoted``, ``#reporter``: it speaks), the
    outcome rules in its clause (``#harm``, ``#reduced``, ``#rejected``) and the distance-weighted
    valence left and right of it in its clause, numbers multiplied by :data:`NUMERIC_SCALE`; ``#vL0 ...``,
    ``#vR0 ...``, ``#vS0 ...`` the weighted mean static word vector (:mod:`analysis.text.word_vectors`)
    of the :data:`_VECTOR_WINDOW` words left and right of it and of its sentence (when the model has them).
    Keys are names or a model's columns (:class:`FeatureKeys`). The features are those :func:`_emit_features`
    writes, made a dict: the ``w=`` bag counted, the other words' features 1.0 however often they occur.
    """
    ones: list = []
    cols: list = []
    vals: list = []
    words = _emit_features(ctx, clause, region, in_speech, first, last, author, quoted, dir_sums, items, outcome,
                           ones, cols, vals)
    n_bag = len(ctx.words) - (last - first + 1)  # the bag comes first (_emit_features)
    feats: dict = {}
    for key in ones[:n_bag]:
        feats[key] = feats.get(key, 0.0) + 1.0
    feats.update(dict.fromkeys(ones[n_bag:], 1.0))
    feats.update(zip(cols, vals))
    feats.pop(-1, None)  # features the model does not know
    if words is not None:  # the words of each group, for word-level evidence (StanceModel.explain_matrix)
        feats = VectorWordFeatures(feats)
        feats.words = words
    return feats


# The position slots of the near words left of a mention, at distance 6, 5, ... 1 (_L_SLOT), and right of it at 1 ... 6.
_L_SEQ = tuple(_L_SLOT[d] for d in range(_NEAR, 0, -1))
_R_SEQ = tuple(_R_SLOT[d] for d in range(1, _NEAR + 1))
_SL_KEY, _SR_KEY = itemgetter(_SL), itemgetter(_SR)
_KEY_IN_SLOT = tuple.__getitem__


def _emit_features(ctx: _SentenceFeatures, clause, region, in_speech, first, last, author, quoted, dir_sums, items,
                   outcome, ones: list, cols: list, vals: list):
    """Write the model features of one mention (:func:`_mention_features`) as flat lists, with no dict per mention.

    ``ones`` gets the keys of the word features (value 1.0): first the ``w=`` bag, one key per word (a word
    twice: its key twice, to be counted), then the others (a key twice: still 1.0); ``cols`` and ``vals``
    get the numbers (``#...`` and the word-vector groups), each key once. Keys the model does not know are
    -1. :class:`analysis.measures.stance_model.FeatureRows` holds the lists of many mentions and
    :meth:`~analysis.measures.stance_model.StanceModel.matrix` makes them the matrix of the dicts.

    Returns:
        The words of the mention's word-vector groups (:class:`VectorWordFeatures`), or None.
    """
    tk, n = ctx.keys, len(ctx.words)
    # The bag of words without the mention's own (masked) tokens.
    bag = ctx.bag_keys
    ones.extend(bag[:first])
    ones.extend(bag[last + 1 :])
    # Position buckets: far words in bulk, then the near ones in their slots and the stems.
    near_lo, near_hi = max(first - _NEAR, 0), min(last + _NEAR + 1, n)
    if near_lo:
        ones.extend(ctx.lfar[:near_lo])
    ones.extend(map(_KEY_IN_SLOT, tk[near_lo:first], _L_SEQ[_NEAR - (first - near_lo) :]))
    ones.extend(map(_SL_KEY, tk[max(first - _STEM_WINDOW, near_lo) : first]))  # sL= / sR=: the stems this near
    ones.extend(map(_KEY_IN_SLOT, tk[last + 1 : near_hi], _R_SEQ))
    ones.extend(map(_SR_KEY, tk[last + 1 : min(last + _STEM_WINDOW + 1, near_hi)]))
    if near_hi < n:
        ones.extend(ctx.rfar[near_hi:])
    ones.extend(ctx.clause_keys(clause[first]))
    return _emit_context(ctx, clause, region, in_speech, first, last, author, quoted, dir_sums, items, outcome, ones,
                         cols, vals)


def _emit_context(ctx: _SentenceFeatures, clause, region, in_speech, first, last, author, quoted, dir_sums, items,
                  outcome, ones: list, cols: list, vals: list):
    """:func:`_emit_features` but the words by position and the ``c=`` words of the mention's clause (the features
    of a token range each, which :func:`position_entries` also gives): ``c=<T>``, n-grams, ``n=``, the numbers."""
    words, names = ctx.words, ctx.names
    num = names.numeric
    n = len(words)
    c = clause[first]
    if ctx.clause_masked.get(c, 0) > clause[first : last + 1].count(c):  # another mention in its clause
        ones.append(names.other_in_clause)
    # n-grams next to the mention.
    lo, hi = max(first - _WINDOW, 0), min(last + _WINDOW + 1, n)
    seq = [*words[lo:first], "<M>", *words[last + 1 : hi]]
    ones.extend(map(names.bigram.__getitem__, zip(seq, seq[1:])))
    m = first - lo  # where <M> is in seq
    trigram = names.trigram
    for s in range(max(m - 2, 0), min(m + 1, len(seq) - 2)):
        ones.append(trigram[seq[s], seq[s + 1], seq[s + 2]])
    ones.extend(ctx.negated_keys)
    # Numbers, multiplied by NUMERIC_SCALE.
    scale = NUMERIC_SCALE
    ev_pos = ev_neg = 0
    n_loaded = 0.0
    for it in items:
        v = it[1]
        if v > 0:
            ev_pos += v
        elif v < 0:
            ev_neg += v
        if it[3] == "loaded":
            n_loaded += 1.0
    left = right = 0.0
    for i, v, ci in ctx.valued:
        if ci == c:
            if i < first:
                left += v / (1.0 + 0.2 * (first - i - 1))
            else:
                right += v / (1.0 + 0.2 * (i - last - 1))
    cols.extend(names.always_numeric)
    vals.extend((math.tanh(author) * scale, math.tanh(quoted) * scale, dir_sums[0] * scale, dir_sums[1] * scale,
                 ev_pos * scale, ev_neg * scale, n_loaded * scale, ctx.sentence_valence * scale,
                 (1.0 if first == 0 or ctx.first_mention >= first else 0.0) * scale,
                 math.tanh(left) * scale, math.tanh(right) * scale))
    if region[first] >= 0:
        cols.append(num["#reported"])
        vals.append(scale)
    if in_speech[first]:
        cols.append(num["#quoted"])
        vals.append(scale)
    if region[first] < 0 and max(region[last + 1 : last + 4], default=-1) >= 0:
        cols.append(num["#reporter"])
        vals.append(scale)
    if any(outcome) and not names.roles:  # version 5: the rules' numbers carry the outcomes (_role_words)
        for name, count in zip(("#harm", "#reduced", "#rejected"), outcome):
            if count:
                cols.append(num[name])
                vals.append(float(count) * scale)
    if ctx.vec_keys is not None:
        lo, hi = max(first - _VECTOR_WINDOW, 0), min(last + _VECTOR_WINDOW + 1, n)
        for keys, means in (ctx.vector_mean(lo, first, 0), ctx.vector_mean(last + 1, hi, 1), ctx.vec_sentence):
            cols.extend(keys)
            vals.extend(means)
        if ctx.vec_words is not None:
            return (ctx.vec_words, lo, first, last + 1, hi)
    return None


# --------------------------------------------------------------------------------------------
# Corpus scoring
# --------------------------------------------------------------------------------------------


# Evidence in the mention's own voice: a mention in the author's voice carries evidence (``has_evidence``, what the
# article's stance counts) only when the rules found words aimed at it in the author's voice. The words of a quotation
# or of indirect speech in its sentence are their speakers' (CODEBOOK.md: only the author's voice decides), though the
# model still reads them ("... asked when his team had discovered the message about 'we'll stop' Trump").
OWN_VOICE = True  # development switch: False counts every evidence item, whoever's voice it is in
# With the model, the rules' words in the mention's own voice must also point the way of the model's class (the sign of
# ``score_rules`` is the sign of ``score``): where they point the other way (or cancel out), the class rests on something
# else, the sentence's mood or its context words. On the NewsMTSC development part (5-fold out of fold, the default's
# features; ``scripts/stance_candidates.py --evidence-precision roles``) such polar classes were right 0.574 of the time,
# less than those with no rule words at all (0.615), which already count as 0, and than those the words agree with
# (0.730).
EVIDENCE_AGREES = True  # development switch: False lets rule words of either sign carry the model's class


def evidence_count(items: Sequence[tuple], voice: str) -> int:
    """The evidence items (``(label, contribution, voice, kind)``) that count for a mention in ``voice``: those in the
    author's voice for a mention in the author's voice, those in a quotation or indirect speech for a mention inside
    one (every item when :data:`OWN_VOICE` is False)."""
    if not OWN_VOICE:
        return len(items)
    author = voice == "author"
    return sum(1 for item in items if (item[2] == "author") == author)


def evidence_agrees(rule_scores, scores) -> np.ndarray:
    """Where the rules' words (``rule_scores``, ``score_rules``) point the way of the model's ``scores`` (same sign;
    every mention when :data:`EVIDENCE_AGREES` is False). A mention carries evidence only where this holds."""
    rule_scores, scores = np.asarray(rule_scores, dtype=float), np.asarray(scores, dtype=float)
    if not EVIDENCE_AGREES:
        return np.ones(len(scores), dtype=bool)
    return np.sign(rule_scores) == np.sign(scores)


def _format_evidence(items) -> str:
    return "; ".join(f"{_VOICE_PREFIX[voice]}{label}({value:+.2f})" for label, value, voice, _ in items)


_VOICE_PREFIX = {"author": "", "quote": "q:", "reported": "r:"}


def score(
    article: Article,
    targets: Targets,
    resources: StanceResources,
    *,
    loaded: Sequence | None = None,
    features: bool | object = False,
    with_sentence: bool = True,
    resolve_references: bool = False,
) -> tuple[list[Mention], list[dict]]:
    """The mentions of one article with their stance (the per-article step of :func:`score_stance`).

    Args:
        article: The analysed article.
        targets: The targets.
        resources: From :func:`load_stance_resources`.
        loaded: Loaded-language matches to read as evidence (default: ``resources.lexicon``'s).
        features: Also return the model features of each mention (as in :func:`analyze_spans`: True
            for names, the stance model for its columns).
        with_sentence: Fill the ``sentence`` column (else it is empty).
        resolve_references: Also score pronouns and role nouns ("he", "they", "the president")
            that :func:`analysis.measures.references.resolve_references` resolves to a target
            (``alias`` is the word as written). Off by default.

    Returns:
        ``(mentions, features)``: mentions in text order; features when asked for (one dict per
        mention; for a stance model the :class:`~analysis.measures.stance_model.FeatureRows` of the
        mentions), else an empty list.
    """
    found = article.matches(targets)
    if not found:
        return [], []
    text, sents, qindex = article.text, article.sentences, article.quote_index
    if resolve_references:
        from analysis.measures import references

        extra = references.resolve_references(text, article.tokens, sents, found, places=references.known_places())
        if extra:
            found = sorted([*found, *extra], key=lambda m: m.start)
    sink = FeatureRows() if features and features is not True and features not in ("vectors", "roles") else None
    evidence = analyze_spans(article, [(m.start, m.end) for m in found], resources, loaded=loaded, features=features,
                             sink=sink)
    ident = article.id
    sent_starts = [s for s, _ in sents]
    rows = []
    for m, ev in zip(found, evidence):
        k = max(bisect.bisect_right(sent_starts, m.start) - 1, 0)
        s_start, s_end = sents[k] if sents else (0, len(text))
        kind = qindex.kind(m.start, m.end) or ""
        voice = "quote" if kind == "speech" else ev.voice
        s_author, s_quoted = math.tanh(ev.author_sum), math.tanh(ev.quoted_sum)
        rule = s_author if voice == "author" else s_quoted
        speaker = ev.speaker
        if speaker.startswith("<"):
            speaker = found[int(speaker[1:-1])].target
        rows.append(Mention(
            ident, m.target, m.start, m.end, s_start, s_end, rule, kind != "", kind, voice, s_author, s_quoted,
            rule, len(ev.items), _format_evidence(ev.items), text[m.start : m.end], m.alias,
            " ".join(text[s_start:s_end].split()) if with_sentence else "", speaker, "",
            evidence_count(ev.items, voice) > 0,  # the model's class decides too (tables)
        ))
    if sink is not None:
        return rows, sink
    return rows, [ev.features for ev in evidence] if features else []


def score_stance(
    corpus: pd.DataFrame,
    targets: Targets | str | Path | None = None,
    *,
    lexicon: Lexicon | str | Path | bool | None = None,
    model=None,
    cues: StanceCues | str | Path | None = None,
    params: StanceParams | None = None,
    with_sentence: bool = True,
    resolve_references: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Score the stance toward every target mentioned in a chunk of the corpus.

    A pure function of the articles given: each article is scored on its own, so chunks can be
    scored separately (or on Dask) and their rows concatenated.

    Args:
        corpus: The corpus table (``id``, ``text``).
        targets: A :class:`Targets`, a path to a targets CSV, or None for the bundled one.
        lexicon: The loaded-language lexicon (a :class:`Lexicon` or path); None for
            ``analysis.paths.LOADED_LEXICON``; False for no loaded-language evidence.
        model: A model from :func:`analysis.measures.stance_model.load_model`; when given, ``score`` is
            the model's P(pos) - P(neg) for author-voice mentions (``score_rules``,
            ``score_author`` and ``score_quoted`` keep the rule-based scores, ``evidence`` their
            words, which are also among the model's features).
        cues: The stance cue lexicon (default ``data/lexicons/stance_cues.csv``).
        params: The scorer's constants.
        with_sentence: Add the mention's sentence as a ``sentence`` column.
        resolve_references: Also score the pronouns and role nouns resolved to a target
            (:func:`score_article`; off by default).

    Returns:
        ``(mentions, stance)``: ``mentions`` has one row per mention with
        :data:`MENTION_COLUMNS`, sorted by ``id`` then ``start``; ``stance`` one row per article
        and target mentioned (see :func:`stance_by_article`), sorted by ``id`` then ``target``.

    Example:
        >>> corpus = pd.DataFrame({"id": ["a"], "text": ["Russian officials accused Kyiv of reckless decisions."]})
        >>> t = Targets.from_dict({"Ukraine": ["Kyiv"], "Russia": ["Russian officials"]})
        >>> mentions, stance = score_stance(corpus, t, lexicon=False)
        >>> mentions[["target", "score", "evidence"]].values.tolist()
        [['Russia', 0.0, ''], ['Ukraine', -0.741664, 'accused(-0.60); reckless(-0.35)']]
    """
    if targets is None:
        targets = Targets.from_csv(paths.TARGETS)
    elif not isinstance(targets, Targets):
        targets = Targets.from_csv(targets)
    res = load_stance_resources(lexicon=lexicon, cues=cues, params=params)
    check_model(model, res)
    rows: list[Mention] = []
    feature_rows = FeatureRows()
    for article in articles(corpus):
        found, feats = score(article, targets, res, features=model if model is not None else False,
                             with_sentence=with_sentence,
                             resolve_references=resolve_references)
        rows.extend(found)
        feature_rows.extend(feats)
    return tables(rows, feature_rows, model, with_sentence=with_sentence)


def check_model(model, res: StanceResources) -> None:
    """Warn when ``model`` was trained with other lexicons than ``res`` holds.

    Raises:
        analysis.text.word_vectors.WordVectorsError: ``model`` reads word vectors and the table is
            missing or not the one it was trained with (:func:`analysis.measures.stance_model.check_word_vectors`).
    """
    if model is not None:
        from analysis.measures.stance_model import check_word_vectors

        check_word_vectors(model)
        trained = model.config.get("resources")
        now = resources_fingerprint(res)
        if trained and trained != now:
            import warnings

            warnings.warn(
                f"the stance model was trained with other lexicons ({trained}) than those used now "
                f"({now}); its scores may be off. Retrain it with `python -m analysis stance train` (the shipped model: `make models`), or use `--stance rules`.",
                stacklevel=3,
            )


def tables(rows: list[Mention], feature_rows: "FeatureRows | list[dict]", model, *, with_sentence: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``(mentions, stance)`` tables of :func:`score_stance` from the mentions of :func:`score`."""
    from analysis.tables.rows import from_rows, text_column

    mentions = from_rows(rows, MENTION_COLUMNS, _MENTION_TYPES)
    if model is not None and len(mentions):
        from analysis.measures.stance_model import label_scores

        X = model.matrix(feature_rows)
        proba = model.estimator().predict_proba(X)
        # A mention the model reads as neutral scores 0, as with the rules; otherwise P(pos) - P(neg).
        polar = proba.argmax(axis=1) != list(model.classes).index("neu")
        mentions["score"] = np.where(polar, label_scores(proba, model.classes), 0.0)
        # It carries evidence (and counts in the article's stance) only when the rules also found
        # words aimed at it in its own voice (evidence_count, set by score): a polar class without
        # them rests on the sentence's mood and context words alone (in the war-reporting set none
        # of 20 such author-voice calls agreed with the codebook; docs/validation_stance.md part 3).
        mentions["has_evidence"] = (polar & mentions["has_evidence"].to_numpy(dtype=bool)
                                    & evidence_agrees(mentions["score_rules"], mentions["score"]))
        mentions["model_evidence"] = text_column(model.explain_matrix(X, words=vector_words(feature_rows)), index=mentions.index)
    else:
        mentions["has_evidence"] = mentions["score"].to_numpy(dtype=float) != 0
    if not with_sentence:
        mentions = mentions.drop(columns="sentence")
    mentions = mentions.astype(
        {"start": "int64", "end": "int64", "sentence_start": "int64", "sentence_end": "int64", "score": "float64",
         "in_quote": "bool", "has_evidence": "bool", "score_author": "float64", "score_quoted": "float64", "score_rules": "float64",
         "n_evidence": "int64"}
    )
    for col in ("score", "score_author", "score_quoted", "score_rules"):
        mentions[col] = mentions[col].round(6) + 0.0  # no "-0.0" in the output
    mentions = mentions.sort_values(["id", "start"], kind="stable").reset_index(drop=True)
    return mentions, stance_by_article(mentions)


def mention_sentences(mentions: pd.DataFrame, corpus: pd.DataFrame) -> pd.Series:
    """The sentence of each mention, from its offsets (``mentions.csv`` does not repeat it).

    Args:
        mentions: Rows with ``id``, ``sentence_start`` and ``sentence_end`` (``mentions.csv``).
        corpus: The corpus table the mentions were scored from.

    Returns:
        One string per mention (aligned with ``mentions``): ``text[sentence_start:sentence_end]``
        with runs of whitespace made single spaces, as the report prints it.
    """
    texts = dict(zip(corpus["id"].astype(str), corpus["text"]))
    missing = sorted(set(mentions["id"].astype(str)) - set(texts))
    if missing:
        raise ValueError(f"mentions: id(s) not in the corpus: {first_few(missing, 5)}; pass the corpus that was scored.")
    values = [" ".join(texts[str(i)][int(a):int(b)].split())
              for i, a, b in zip(mentions["id"], mentions["sentence_start"], mentions["sentence_end"])]
    return pd.Series(values, index=mentions.index, dtype=object, name="sentence")


def mean_sd(values: list[float]) -> tuple[float, float]:
    """Mean and standard deviation (``ddof=1``; NaN below two values) of ``values``, as numpy computes them.

    Below 8 values numpy sums one after another, so plain Python gives the same bits without the
    cost of an array per article and target; from 8 on numpy's pairwise sum is used.
    """
    n = len(values)
    if n >= 8:
        array = np.asarray(values, dtype=np.float64)
        return float(array.mean()), float(array.std(ddof=1))
    if n == 0:
        return float("nan"), float("nan")
    total = 0.0
    for v in values:
        total += v
    mean = total / n
    if n < 2:
        return mean, float("nan")
    squares = 0.0
    for v in values:
        d = v - mean
        squares += d * d
    return mean, math.sqrt(squares / (n - 1))


def t_interval(values, mean: float, sd: float) -> tuple[float, float]:
    """95 % t-interval of the mean of ``values`` (clipped to [-1, 1]) from its mean and sd; NaN below two values."""
    n = len(values)
    if n < 2:
        return float("nan"), float("nan")
    se = sd / math.sqrt(n)
    half = _t975(n - 1) * se
    return max(mean - half, -1.0), min(mean + half, 1.0)


@lru_cache(maxsize=4096)
def _t975(df: int) -> float:
    from scipy.stats import t as student_t

    return float(student_t.ppf(0.975, df))


def stance_call(low: float, high: float, n_evidence: int, *, min_evidence: int = 2) -> str:
    """What an interval lets one say: favourable, unfavourable, neutral, unclear or not enough evidence.

    ``favourable`` / ``unfavourable`` only when the whole interval lies above / below 0 (it
    excludes neutral); ``not enough evidence`` with fewer than ``min_evidence`` mentions (or
    articles) carrying evidence, or no interval; ``unclear`` when the interval spans 0.
    """
    if n_evidence < min_evidence or math.isnan(low) or math.isnan(high):
        return "not enough evidence"
    if low > 0:
        return "favourable"
    if high < 0:
        return "unfavourable"
    return "unclear"


def stance_by_article(mentions: pd.DataFrame) -> pd.DataFrame:
    """Aggregate mention scores to one stance per article and target.

    Args:
        mentions: The ``mentions`` table of :func:`score_stance`.

    Returns:
        One row per article and target mentioned, sorted by ``id`` then ``target``:
        ``n_mentions``; ``stance``, the mean ``score`` of the author-voice mentions, a mention
        without evidence (``has_evidence`` False) counted as 0 (0 when there is none); ``stance_sd`` and ``stance_se`` (standard deviation and standard error
        of those scores, empty below two mentions); ``n_author`` (author-voice mentions) and
        ``n_author_evidence`` (those that carry evidence: ``has_evidence``); ``stance_quoted``,
        the sourced stance: the mean score of what quoted or reported speakers said about the
        target (0 if nothing), ``n_quoted`` and ``sourced_by`` (who said it, ``; ``-joined);
        ``positive_share`` / ``negative_share`` of author-voice mentions scored above 0.05 /
        below -0.05; ``stance_evidence``, the mean author score among mentions with evidence
        (0 if none); ``evidence_share`` (``n_author_evidence / n_author``); ``stance_low`` /
        ``stance_high``, a 95 % t-interval of ``stance_evidence``, the scores of the mentions that
        carry evidence (empty below two of them); ``stance_call`` (:func:`stance_call` of that interval).

    The interval (and so the call) leaves out the mentions without evidence, as the codebook's
    decision order does (collect the evaluative phrases aimed at the actor in the author's voice;
    code the way they clearly point): a factual mention neither weakens nor strengthens what the
    evaluative ones say. Counting them as 0 (before issue 15 item 2) called fewer articles: on
    invented articles of the in-house war set its kappa was lower at every article size
    (``python scripts/stance_candidates.py --article-call``), at the price of more polar calls
    that the gold does not share (about 1 in 7 instead of 1 in 25).
    """
    groups: dict[tuple[str, str], list[int]] = {}
    for i, key in enumerate(zip(mentions["id"].tolist(), mentions["target"].tolist())):
        groups.setdefault(key, []).append(i)
    score = mentions["score"].to_numpy(dtype=float).tolist()
    score_quoted = mentions["score_quoted"].to_numpy(dtype=float).tolist()
    is_author = (mentions["voice"] == "author").to_numpy().tolist()
    if "has_evidence" in mentions.columns:
        evidence = mentions["has_evidence"].to_numpy(dtype=bool).tolist()
    else:
        evidence = [v != 0 for v in score]
    speaker = mentions["speaker"].tolist() if "speaker" in mentions.columns else [""] * len(mentions)
    rows = []
    for (ident, target), idx in sorted(groups.items()):
        # A mention without evidence counts as 0 (with the model: a polar score the rules found no words for).
        auth = [score[i] if evidence[i] else 0.0 for i in idx if is_author[i]]
        with_ev = [score[i] for i in idx if is_author[i] and evidence[i]]
        # Sourced stance: what quoted or reported speakers said about the target, whether the
        # mention is inside their words (its score) or outside them (its quoted evidence).
        q_quote = [i for i in idx if not is_author[i]]
        quoted = [score_quoted[i] for i in idx if is_author[i] and score_quoted[i] != 0]
        quoted.extend(score[i] for i in q_quote)
        who = sorted({speaker[i] for i in q_quote if speaker[i]})
        n_a = len(auth)
        mean, sd = mean_sd(auth)
        ev_mean, ev_sd = mean_sd(with_ev)
        low, high = t_interval(with_ev, ev_mean, ev_sd)
        rows.append((
            ident, target, len(idx), mean if n_a else 0.0, sd,
            sd / math.sqrt(n_a) if n_a > 1 else float("nan"), n_a, len(with_ev),
            mean_sd(quoted)[0] if quoted else 0.0, len(quoted),
            sum(1 for v in auth if v > 0.05) / n_a if n_a else 0.0, sum(1 for v in auth if v < -0.05) / n_a if n_a else 0.0,
            ev_mean if with_ev else 0.0, len(with_ev) / n_a if n_a else 0.0, low, high,
            stance_call(low, high, len(with_ev)), "; ".join(who),
        ))
    from analysis.tables.rows import from_rows

    frame = from_rows(rows, STANCE_COLUMNS, _STANCE_TYPES)
    for col in ("stance", "stance_sd", "stance_se", "stance_quoted", "positive_share", "negative_share",
                "stance_evidence", "evidence_share", "stance_low", "stance_high"):
        frame[col] = frame[col].astype("float64").round(6) + 0.0
    return frame.reset_index(drop=True)


def stance_by_source(stance: pd.DataFrame, sources: pd.DataFrame | pd.Series, *, min_articles: int = 3) -> pd.DataFrame:
    """Per source and target: the mean article stance with a 95 % interval and what it lets one say.

    Args:
        stance: The ``stance`` table (:func:`stance_by_article`).
        sources: The articles' sources: a table with ``id`` and ``source``, or a Series indexed by id.
        min_articles: Articles with evidence (``n_author_evidence > 0``) a source needs before
            its stance is called anything but ``not enough evidence``.

    Returns:
        ``source, target, n_articles, n_mentions, n_articles_evidence, evidence_share, stance,
        stance_evidence, stance_low, stance_high, stance_call``, sorted by source then target.
        ``stance`` is the mean article stance, ``stance_evidence`` the mean over articles with
        evidence, the interval a 95 % t-interval over articles.
    """
    if isinstance(sources, pd.DataFrame):
        sources = sources.assign(id=sources["id"].astype(str)).set_index("id")["source"]
    table = stance.assign(source=stance["id"].astype(str).map(sources).fillna("").astype(str))
    rows = []
    for (source, target), group in table.groupby(["source", "target"], sort=True):
        values = group["stance"].to_numpy(dtype=float)
        has = group["n_author_evidence"].to_numpy() > 0
        low, high = t_interval(values, *mean_sd(values.tolist()))
        n_ev = int(has.sum())
        rows.append((source, target, len(group), int(group["n_mentions"].sum()), n_ev, n_ev / len(group),
                     float(values.mean()), float(values[has].mean()) if n_ev else 0.0, low, high,
                     stance_call(low, high, n_ev, min_evidence=min_articles)))
    columns = ["source", "target", "n_articles", "n_mentions", "n_articles_evidence", "evidence_share", "stance",
               "stance_evidence", "stance_low", "stance_high", "stance_call"]
    frame = pd.DataFrame(rows, columns=columns)
    for col in ("evidence_share", "stance", "stance_evidence", "stance_low", "stance_high"):
        frame[col] = frame[col].astype("float64").round(6) + 0.0
    return frame


def annotation_agreement(stance: pd.DataFrame, gold: pd.DataFrame, *, threshold: float = 0.1) -> dict:
    """Compare article stance with hand-coded labels (``id, target, label`` in neg/neu/pos).

    Args:
        stance: The ``stance`` table of :func:`score_stance`.
        gold: The annotations; pairs missing from ``stance`` count as stance 0.
        threshold: ``stance`` above it is ``pos``, below its negative ``neg``, else ``neu``.

    Returns:
        ``n``, ``n_agree``, ``agreement`` (same class), ``n_polar`` and ``n_direction_agree`` /
        ``direction_agreement`` (pairs coded neg or pos whose stance has that sign),
        ``spearman`` (stance vs -1/0/+1 codes), ``threshold`` and the joined ``table``.
    """
    from scipy.stats import spearmanr

    table = gold[["id", "target", "label"]].merge(stance[["id", "target", "stance"]], on=["id", "target"], how="left")
    table["stance"] = table["stance"].fillna(0.0).astype(float)
    table["predicted"] = np.where(table["stance"] > threshold, "pos", np.where(table["stance"] < -threshold, "neg", "neu"))
    agree = table["predicted"] == table["label"]
    polar = table["label"].isin(["neg", "pos"])
    direction = np.sign(table["stance"]) == table["label"].map({"neg": -1.0, "pos": 1.0})
    code = table["label"].map({"neg": -1, "neu": 0, "pos": 1}).astype(float)
    rho = spearmanr(table["stance"], code).statistic if table["stance"].nunique() > 1 and code.nunique() > 1 else float("nan")
    return {
        "n": int(len(table)),
        "n_agree": int(agree.sum()),
        "agreement": float(agree.mean()) if len(table) else float("nan"),
        "n_polar": int(polar.sum()),
        "n_direction_agree": int((direction & polar).sum()),
        "direction_agreement": float((direction & polar).sum() / polar.sum()) if polar.any() else float("nan"),
        "spearman": float(rho),
        "threshold": threshold,
        "table": table,
    }
