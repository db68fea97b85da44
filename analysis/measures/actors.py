"""Find the actors a corpus talks about (people, organisations, parties, countries) and write them as targets.

Offline and rule-based, so every actor leads back to the words that named it:

1. *Capitalised name sequences* in the body text: runs of capitalised words, joined by spaces,
   hyphens or lower-case name connectors ("Bank of England", "Ursula von der Leyen"), with
   initials ("George W. Bush") and abbreviated honorifics ("Sen.") kept together; a name is kept without
   periods ("George W Bush"), and its aliases hold the dotted form too ("George W. Bush"), so that the
   text's spelling is matched whole (:func:`_dotted`); it is shown with the hyphens the corpus mostly writes it
   with ("Jean-Claude Juncker", :func:`_written`), while names joined by a hyphen into a modifier are each a name
   ("the Israel-Hamas war", "the U.S.-Mexico border"; :func:`_compounds`). A possessive ("Obama's") is not part of
   the name.
   Title-case lines (headlines) are skipped. A person's
   name followed by "of" or "for" (and "the") and another name is two names: "Maria Lopez of the
   Riverside Property Owners Association" is "Maria Lopez" and "Riverside Property Owners
   Association" when the words before the connector are a person's name (two words or more, a
   given name of the Census lists first and a Census surname last that is no organisation word);
   "Bank of England", "Coalition of the Willing", "Bill of Rights" stay one name. Some runs
   are no names: a month's abbreviation before a day ("Oct. 5"), a word after a lower-case
   prefix and a hyphen ("anti-Semitism", "mid-April"; "al-Assad" is a name) and a legislator's
   party tag ("(R-Iowa)", ", D-Calif.,"). A word with an apostrophe is a contraction ("Here's"), no name,
   unless the apostrophe follows its first letter ("O'Rourke").
2. *Sentence starts*: a capitalised word that opens a sentence (or a quotation) is a name only
   if the corpus also writes it capitalised inside sentences more often than in lower case
   ("Critics said" is not an actor, "Republicans said" is). For a word alone, only the times it
   is capitalised as a name of its own or as the first or last word of a longer one count
   ("Clinton said" after "Hillary Clinton"), not those in the middle of a longer name: "Property
   owners say" is no actor "Property" because the corpus writes "Riverside Property Owners
   Association".
3. *Honorifics and role words* ("President", "Sen.", "Secretary of State", "Prime Minister",
   "Councilmember", "District Attorney", "Lieutenant General", "MP"; :data:`TITLES`)
   are cut off the name they introduce and mark it as a person; a country or demonym before
   them ("U.S. President Donald Trump", "Russian President Vladimir Putin") is a mention of
   that country, while a portfolio before an office is part of the title ("Health Commissioner
   Aisha Grant", "National Security Adviser": no actor "Health", and no person named after "Deputy").
4. *The gazetteer* (``data/lexicons/gazetteer.csv``): countries with their other names,
   demonyms, capitals and seats of government ("the Kremlin"), major international
   organisations with their acronyms, and the main parties of US and UK politics. Its aliases
   are one actor each ("Russia", "Moscow", "Kremlin"). A demonym alone is not a mention of its
   country ("Americans" are its people, "American cities" its places): the country gets its
   demonym before a noun for people or bodies acting for the state instead ("Russian
   officials", "the Russian president"; :data:`STATE_HEADS`), as the bundled targets do; a
   party's adjective likewise ("Democratic senators", not "the Democratic nomination";
   :data:`PARTY_HEADS`), a religious group's ("Muslim leaders", not "the Muslim world";
   :data:`GROUP_HEADS`; the group itself is its plural, "Muslims"), and a region's ("European leaders",
   "Western nations", not "European soil"; :data:`REGION_HEADS`; the region itself is its name, "Europe").
5. *Alias merging*: a surname alone ("Obama") joins the one full name that ends with it
   ("Barack Obama"); when several full names end with it, it joins the one named in at least
   ``dominance`` of the articles that name any of them, or else the one named in at least
   ``dominance`` of the articles that use the surname alone (and name one of them) while each
   other is named in at most ``1 - dominance`` of those ("Paddock" for Stephen Paddock, whom a
   one-article misspelling "Steven Paddock" had kept under 90%); otherwise ("Hillary Clinton",
   "Bill Clinton") the surname is its own, ambiguous actor and says so. A generational suffix makes another
   person ("Donald Trump Jr." is not "Donald Trump", and "Trump" alone never joins him), and so do different middle
   initials ("George W. Bush", "George H.W. Bush"; "George Bush" without one stays apart). Words
   the corpus capitalises only at a sentence start do not make a new name of a surname after them
   ("Egomaniac Trump doesn't care", "Fortunately for Trump"), nor does a party's or a country's
   adjective ("Republican Trump"): that surname is the person's mention, as a full name is after such an
   adjective or the name of a body ("Republican Joni Ernst", "Temple University Bill Cosby"). A short form of a given name is that
   name ("Bob Mueller" is Robert Mueller; :data:`_SHORT_FORMS`, only short forms of one name), and the note
   says so; given names spelled alike ("Keir" and "Kir") are only noted. A first name alone joins the one full
   name that starts with it. An acronym joins the one multi-word name whose initials it spells
   ("FBI", "Federal Bureau of Investigation"; "JFK", John F Kennedy, stays a person). An organisation word
   alone ("the Coalition", "the Post") joins the one longer name with that head ("Coalition of the Willing",
   "Washington Post") that nearly all the articles using it alone name (``dominance`` of them, while each other
   such name is in at most ``1 - dominance``); otherwise it stays an actor of its own.

Actors are ranked by the number of articles that mention them, counted with exactly the
matcher ``score`` uses (:class:`analysis.measures.targets.Targets`, aliases case-sensitive), so the
counts in the targets file written by :func:`actors_to_targets` are what scoring with that
file finds. (To save a pass over a large corpus, only the ``5 * top + 50`` actors named in
most articles' body text are counted that way.) Longer names that contain a kept alias but are not kept ("Washington Post"
containing "Washington") become ``IGNORE`` rows so that they do not count.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis import paths
from analysis.text.lexicon import LexiconError, read_csv_rows
from analysis.measures.targets import IGNORE, Targets
from analysis.text.tokens import cased_words, normalize_typography, sentences_plain, tokenize_plain

__all__ = [
    "ACTOR_COLUMNS",
    "Gazetteer",
    "actors_to_targets",
    "discover_actors",
    "DomainFit",
    "ENGLISH_FUNCTION_WORDS",
    "ENGLISH_MIN_ARTICLE_SHARE",
    "ENGLISH_MIN_SHARE",
    "ENGLISH_MIN_WORDS",
    "domain_fit",
    "load_gazetteer",
    "merge_notes",
    "surname_notes",
    "targets_origin",
    "write_targets",
]

ACTOR_COLUMNS = ["actor", "kind", "n_articles", "n_mentions", "aliases", "note"]

# Role words and honorifics that introduce a name (as written in news, capitalised). Multi-word
# titles are matched as word sequences; the longest one that ends right before a name wins.
_TITLES = """
President|Vice President|President-elect|Former President|Sen|Senator|Rep|Representative|Congressman|Congresswoman
Gov|Governor|Lt. Gov|Mr|Mrs|Ms|Mx|Dr|Prof|Professor|Judge|Justice|Chief Justice|Gen|General|Lt|Col|Maj|Capt|Sgt
Adm|Admiral|Cmdr|Brig|Secretary|Secretary of State|Secretary of Defense|Defense Secretary|Defence Secretary
Secretary-General|Secretary General|Homeland Security Secretary|Treasury Secretary|Press Secretary|Attorney General
Deputy Attorney General|Minister|Prime Minister|Foreign Minister|Defence Minister|Defense Minister|Finance Minister
Interior Minister|Chancellor|Speaker|House Speaker|Speaker of the House|Leader|Majority Leader|Minority Leader
Senate Majority Leader|Senate Minority Leader|House Majority Leader|House Minority Leader|Mayor|King|Queen|Prince
Princess|Crown Prince|Pope|Rev|Reverend|Sheriff|Ambassador|Commissioner|Director|FBI Director|CIA Director
Chairman|Chairwoman|Chair|CEO|Sir|Dame|Lord|Lady|Premier|Ayatollah|Supreme Leader|Sheikh|Emir|Rabbi|Bishop
Cardinal|Archbishop|Special Counsel|First Lady|Officer|Deputy|Agent|Detective|Det|Chief|Police Chief|Coach
Pres|Sec|Amb|Hon|PM|Rep.-elect|Senator-elect|Governor-elect|Mayor-elect|Counsel|Adviser|Advisor|Spokesman
Spokeswoman|Spokesperson|Rapper|Actor|Actress|Singer|Host|Anchor|Dictator|Tsar|Czar|Candidate|Nominee|POTUS
Councilmember|Councilman|Councilwoman|Councillor|Councilor|Council Member|Alderman|Alderwoman|Assemblyman|Assemblywoman
Assemblymember|Assembly Member|State Senator|Delegate|Supervisor|Comptroller|Treasurer|District Attorney|Prosecutor
Lieutenant|Lieutenant Governor|Sergeant|Captain|Colonel|Lieutenant Colonel|Major General|Lieutenant General
Brigadier General|Field Marshal|Marshal|Inspector General|Surgeon General|Solicitor General|Chief of Staff|Deputy Mayor
Lord Mayor|Deputy Prime Minister|Foreign Secretary|Home Secretary|Health Secretary|Chief Executive|Chief Executive Officer
Chief Minister|Governor General|Vice Chancellor|Superintendent|Inspector|MP|MEP
"""
TITLES = frozenset(tuple(t.replace(".", "").split()) for t in re.split(r"[|\n]", _TITLES) if t.strip())
_TITLE_WORDS = frozenset(w for t in TITLES for w in t)
_MAX_TITLE = max(len(t) for t in TITLES)
# The offices a portfolio word before them belongs to: "Health Commissioner Aisha Grant", "Education Secretary Linda
# McMahon", "Fire Chief Jane Doe" name a person with that title, not an actor "Health" or "Education" beside her.
_PORTFOLIO_TITLES = frozenset(
    "Minister Secretary Commissioner Director Chief Spokesman Spokeswoman Spokesperson Czar Tsar Adviser Advisor "
    "Officer Inspector Superintendent Representative".split()
)
# Words of a portfolio (a ministry's, a department's or an office's field), lower case; before one of
# _PORTFOLIO_TITLES they are part of the title ("Homeland Security Secretary", "Public Safety Commissioner").
# A party ("Labour") or a country ("Ukrainian Foreign Minister") before a title stays a name of its own.
_PORTFOLIO_WORDS = frozenset(
    """
    health education energy transport transportation interior justice labor commerce agriculture environment
    environmental housing culture trade economy economic economics finance financial treasury defense defence
    foreign home homeland security veterans affairs immigration public safety planning parks police fire water
    budget communications digital science technology tourism sport sports youth family families social development
    infrastructure climate works human services urban rural regional industry innovation employment welfare pensions
    equality information intelligence national revenue tax consumer food drug emergency medical nuclear research
    arts heritage fisheries forestry mines mining resources natural land lands local municipal cabinet legal external
    chief deputy assistant senior acting principal special
    """.split()
)
# Abbreviations whose dot does not end a name sequence ("Sen. Warren", "Barack H. Obama").
_DOTTED = frozenset("sen rep gov mr mrs ms mx dr prof gen lt col maj capt sgt adm cmdr brig rev det pres sec amb hon jr sr st".split())
# Lower-case words allowed inside a name between capitalised words.
_CONNECTORS = frozenset("of for de da del della di du des von van der den la le al el bin ibn the".split())
# "the" joins a name only after another connector ("Speaker of the House").
# Words that never start or end a name (and a name made only of them is dropped).
_NOT_NAMES = frozenset(
    """
    i a an the this that these those he she it we they you his her its our their my your mr mrs ms
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december today yesterday tomorrow
    """.split()
)
# Words that open sentences and are never the first word of a name.
_OPENERS = _NOT_NAMES | (frozenset(ENGLISH_STOP_WORDS) - {"bill"}) | frozenset(
    """
    despite yesterday today tomorrow meanwhile earlier later instead unlike like following according asked speaking
    critics supporters officials sources analysts experts many some several most both such while although though
    unless until since because after before during under over within without amid among as if when where whether
    why how what who which yet still also even just only now then so thus therefore however indeed perhaps maybe
    mr mrs ms dr oh
    """.split()
)
# Capitalised words and acronyms that name no actor (diseases, measures, common abbreviations, the colour adjectives
# of "Black Americans", languages that are no country's demonym, interjections, Roman numerals): alone they are no name.
_NOT_ACTORS = frozenset(
    "covid covid-19 coronavirus sars mers hiv aids ebola zika gdp ceo cfo dna ppe icu tv black white "
    "english arabic hebrew latin mandarin cantonese swahili sanskrit oh ok okay ii iii iv".split()
)
# A name with an apostrophe after its first letter ("O'Rourke", "D'Souza"); a word alone with another apostrophe is a
# contraction ("Here's", "Don't"), no name. The Census lists write such surnames without it ("ORourke").
_IRISH_NAME = re.compile(r"^[A-Z]'[A-Z][a-z]")
# A month's abbreviation before a day ("Oct. 5", "Sept 11") is a date, not a name ("Jan Smith" is one).
_MONTH_ABBREVIATIONS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
# The party letter of a US legislator's tag ("Sen. Dianne Feinstein (D-Calif.)", "Rep. Adam Schiff, D-Calif.").
_PARTY_LETTERS = frozenset("DRI")
# Words that mark a multi-word name as an organisation, not a person.
_ORG_WORDS = frozenset(
    """
    department ministry agency bureau office committee commission council court party parliament senate house
    congress assembly administration government union association federation university college school institute
    foundation corporation company inc corp ltd group bank fund service services force forces army navy police
    guard board authority network news times post journal press media network tv radio club league organization
    organisation center centre hospital church campaign movement coalition alliance front brigade cartel
    """.split()
)
# Connectors that do not occur inside a person's name ("Bank of England", "Latinos for Trump").
_NAME_BREAKERS = frozenset({"of", "for", "the"})
# Connectors after which a person's name may go on with the body or place they belong to ("Maria Lopez of the
# Riverside Property Owners Association", "David Cho for Riverside"): :func:`_split_affiliation`.
_AFFILIATION = frozenset({"of", "for"})
_BOILERPLATE_ARTICLES = 3

# Fewest articles a slice of actor discovery gets in a process of its own (:class:`_Slices`): below it a
# process costs more than it saves.
_MIN_SLICE = 500
_SURNAME_RANKS = 60_000
_SUFFIXES = frozenset({"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"})
_NAME_GAP = re.compile(r"^[ \t]?$|^-$|^[ \t]?-[ \t]?$")
_DOT_GAP = re.compile(r"^\.[ \t]$")
_QUOTE_OPENERS = set("\"'([:•*")
# A country's demonym alone is not a mention of the country, as in the bundled data/lexicons/targets.csv ("bare
# 'Ukrainian' is not a mention"): "Americans" are its people, "American cities" its places, "the American dream"
# neither, and the words around them are not aimed at the state. A demonym before a noun for people or bodies acting
# for the state is one ("American officials", "the Russian president"). A party's adjective (alias type ``adjective``
# in the gazetteer: "Democratic", "Republican", "Tory") is read the same way: "Democratic senators" are the party,
# "the Democratic nomination", "Democratic-led cities" and "Democratic voters" are not. A discovered country or party
# gets one alias per noun of HEADS[kind] after each of its demonyms or adjectives (the plural demonyms, "Americans",
# none), matched in any case ("Russian President"), and only the aliases that the corpus uses are kept.
STATE_HEADS = (
    "forces", "armed forces", "troops", "army", "military", "soldiers", "officials", "government", "authorities",
    "administration", "leadership", "leaders", "president", "chancellor", "prime minister", "ministers",
    "foreign minister", "defence minister", "defense minister", "foreign secretary", "defence secretary",
    "defense secretary", "delegation", "diplomats", "negotiators", "envoy", "policy makers", "ministry",
    "foreign ministry", "defence ministry", "defense ministry", "general staff", "state media", "spokesperson",
    "spokesman", "spokeswoman",
)
PARTY_HEADS = (
    "leaders", "leader", "leadership", "officials", "lawmakers", "lawmaker", "legislators", "senators", "senator",
    "congressmen", "congresswoman", "congressman", "representatives", "members", "MPs", "candidates", "candidate",
    "nominee", "governors", "governor", "mayors", "mayor", "establishment", "caucus", "politicians", "strategists",
    "operatives", "administration", "government", "president", "ministers", "majority", "minority",
)
# A religious group (kind ``group``: "Muslims", "Jews") is named by its plural, and by its adjective before a noun for
# its members or bodies ("Muslim leaders", "Jewish voters"); "the Muslim world", "a Catholic school" are no mention.
GROUP_HEADS = (
    "community", "communities", "leaders", "clerics", "groups", "organizations", "organisations", "activists",
    "women", "men", "voters", "students", "immigrants", "refugees", "worshippers", "worshipers", "families", "children",
)
# A region's adjective is read as a country's demonym: "European leaders", "Western officials", "European countries"
# act for the region's states (REGION_HEADS: those of a state and the nouns for several states); "European soil",
# "the Asian market" and "Western" alone are no mention. The region itself is its name ("Europe"); "the West" has
# none in the gazetteer, "West" being also a surname and part of place names.
REGION_HEADS = (*STATE_HEADS, "countries", "nations", "states", "governments", "capitals", "allies", "partners",
                "powers")
HEADS = {"country": STATE_HEADS, "party": PARTY_HEADS, "group": GROUP_HEADS, "region": REGION_HEADS}
_ADJECTIVES = frozenset({"demonym", "adjective"})  # gazetteer alias types that are no mention alone


class GazetteerError(LexiconError):
    """A gazetteer file that cannot be used; the message names the file, line and fix."""


@dataclass
class Gazetteer:
    """Known actors with their aliases: ``alias -> (actor, kind, alias_type)``."""

    aliases: dict[str, tuple[str, str, str]]
    source: str = "<gazetteer>"

    def __post_init__(self) -> None:
        # names are found with their words apart: "Guinea Bissau" is the alias "Guinea-Bissau"
        self._apart = {a.replace("-", " "): entry for a, entry in self.aliases.items() if "-" in a}

    def __len__(self) -> int:
        return len(self.aliases)

    def lookup(self, name: str) -> tuple[str, str, str] | None:
        """The gazetteer entry of ``name`` (exact, case-sensitive; an alias written with hyphens is also found with
        spaces, "Guinea Bissau" as "Guinea-Bissau"), or None."""
        found = self.aliases.get(name)
        return self._apart.get(name) if found is None else found


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Read a gazetteer CSV (``actor, kind, pattern, alias_type`` + provenance).

    Args:
        path: The CSV (default: the bundled ``data/lexicons/gazetteer.csv``).

    Raises:
        GazetteerError: Naming the file and line of a problem.
    """
    path = paths.GAZETTEER if path is None else paths.resolve(path)
    try:
        frame, lines = read_csv_rows(path)
    except LexiconError as err:
        raise GazetteerError(str(err).replace("lexicon", "gazetteer")) from None
    missing = [c for c in ("actor", "kind", "pattern") if c not in frame.columns]
    if missing:
        raise GazetteerError(f"{path}: missing column(s) {', '.join(missing)}; a gazetteer needs actor,kind,pattern.")
    aliases: dict[str, tuple[str, str, str]] = {}
    for row, line in zip(frame.itertuples(index=False), lines):
        actor, kind, pattern = (str(getattr(row, c)).strip() for c in ("actor", "kind", "pattern"))
        if not actor or not pattern:
            raise GazetteerError(f"{path}, line {line}: empty actor or pattern; fill both or remove the row.")
        if pattern in aliases:
            raise GazetteerError(f"{path}, line {line}: alias {pattern!r} is listed twice; keep one row.")
        aliases[pattern] = (actor, kind or "other", str(getattr(row, "alias_type", "") or "name").strip())
    return Gazetteer(aliases, source=str(path))


@dataclass
class _Candidate:
    """Everything seen of one surface name: where, how often, with what evidence."""

    name: str
    articles: set = field(default_factory=set)
    n: int = 0
    titled: int = 0  # times introduced by a person title
    titles: Counter = field(default_factory=Counter)  # which titles ("Pope")
    after_the: int = 0  # times preceded by "the"


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


_FUNCTION_WORDS = frozenset(
    "a an and are as at be but by for from has have he in into is it its of on or over says she that the "
    "their they to was were will with after before about against amid".split()
)


def _headline(sent: str, tokens: Sequence, words: Sequence[str], caps: Sequence[int]) -> bool:
    """A title-case line (a headline): capitalised function words, or mostly capitalised words and no final period.

    ``caps``: the positions of the words that start with a capital letter. A period inside a closing bracket ends a
    sentence too: the sentence splitter ends one at "Senator Dianne Feinstein (D-Calif.)" before a capitalised word
    ("... (D-Calif.) The vote was close."), which is no headline.
    """
    if sum(1 for k in caps if k and tokens[k].norm in _FUNCTION_WORDS) >= 2:
        return True
    if sent.rstrip("\"' )]").endswith("."):
        return False
    long = [w for w in words if len(w) > 3 and w[0].isalpha()]
    return len(long) >= 3 and sum(1 for w in long if w[0].isupper()) / len(long) >= 0.7


def _sequences(sent: str, tokens: Sequence, words: Sequence[str], caps: Sequence[int]):
    """Yield ``(words, first_is_initial, preceded_by_the, hyphened)`` for each run of name words in a sentence.

    ``tokens`` are the sentence's, ``words`` their text and ``caps`` the positions of those that start
    with a capital letter; ``hyphened[k]``: words ``k`` and ``k + 1`` are written with a hyphen between them
    and nothing else ("Ocasio-Cortez").
    """
    n = len(tokens)
    i = 0
    for i0 in caps:
        if i0 < i or words[i0][0].isdigit() or _word_end(sent, tokens, words, i0):
            continue
        i = j = i0
        while j + 1 < n:
            gap = sent[tokens[j].end : tokens[j + 1].start]
            nxt = words[j + 1]
            dotted = _DOT_GAP.match(gap) and (words[j].lower() in _DOTTED or (len(words[j]) == 1 and words[j].isupper()))
            if not (_NAME_GAP.match(gap) or dotted):
                break
            if nxt[0].isupper():
                j += 1
                continue
            # a lower-case connector, followed (after plain gaps) by a capitalised word
            k = j + 1
            while (k < n and words[k] in _CONNECTORS and (words[k] != "the" or k > j + 1)
                   and _NAME_GAP.match(sent[tokens[k - 1].end : tokens[k].start])):
                k += 1
            if k < n and k > j + 1 and words[k][0].isupper() and _NAME_GAP.match(sent[tokens[k - 1].end : tokens[k].start]):
                j = k
                continue
            break
        after = j + 1  # where the next run may start
        if words[j].lower() in _MONTH_ABBREVIATIONS and after < n and words[after][0].isdigit() and \
                sent[tokens[j].end : tokens[after].start] in (" ", ". ", "."):
            j -= 1  # "Oct. 5"
        if j < i or _party_tag(sent, tokens, words, i, j):
            i = after
            continue
        if i == 0:
            initial = True
        else:
            b = tokens[i].start  # the last character before the run that is not a space
            while b and sent[b - 1].isspace():
                b -= 1
            initial = sent[b - 1 : b] in _QUOTE_OPENERS if b else False
        the = i > 0 and tokens[i - 1].norm == "the" and _NAME_GAP.match(sent[tokens[i - 1].end : tokens[i].start])
        yield (tuple(words[i : j + 1]), initial, bool(the),
               tuple([sent[tokens[k].end : tokens[k + 1].start] == "-" for k in range(i, j)]) if j > i else ())
        i = after


def _word_end(sent: str, tokens: Sequence, words: Sequence[str], i: int) -> bool:
    """A capitalised word after a lower-case prefix and a hyphen ends a word, and starts no name.

    "anti-Semitism", "mid-April", "un-American", "pro-Russian" (the name after it still counts: "pro-Russian
    Putin fans"); an Arabic article is no prefix ("al-Assad").
    """
    return (i > 0 and sent[tokens[i - 1].end : tokens[i].start] == "-" and words[i - 1][0].islower()
            and words[i - 1] not in _CONNECTORS)


def _party_tag(sent: str, tokens: Sequence, words: Sequence[str], i: int, j: int) -> bool:
    """``words[i : j + 1]`` is a legislator's party letter and state, in parentheses or after a comma ("(D-Calif.)",
    "Rep. Adam Schiff, D-Calif., said")."""
    return (words[i] in _PARTY_LETTERS and j > i and sent[tokens[i].end : tokens[i + 1].start] in ("-", "–")
            and sent[: tokens[i].start].rstrip().endswith(("(", ",")))


def _is_title(bare: list[str]) -> bool:
    """Whether words (without periods) are a title alone, no name: one of :data:`TITLES`, or an office after its
    portfolio ("National Security Adviser", "Deputy Health Secretary")."""
    return tuple(bare) in TITLES or (len(bare) > 1 and bare[-1] in _PORTFOLIO_TITLES
                                     and all(w.lower() in _PORTFOLIO_WORDS for w in bare[:-1]))


def _split_title(words: list[str]) -> tuple[list[str], list[str], list[str]]:
    """``(prefix, title, name)``: the rightmost title that is followed by a name.

    A title that begins a longer title ending the run is followed by no name ("CIA Inspector General"
    is no "Inspector" named "General"), nor is one followed by a word that names a body ("the Justice
    Department" is no "Department" with the title "Justice"). The portfolio before an office is part of its
    title ("Health Commissioner Aisha Grant", "Homeland Security Secretary Kristi Noem"; :data:`_PORTFOLIO_WORDS`).
    """
    bare = [w.rstrip(".") for w in words]
    best = None
    for end in range(len(words) - 1, 0, -1):
        for size in range(min(_MAX_TITLE, end), 0, -1):
            if tuple(bare[end - size : end]) in TITLES:
                if tuple(bare[end - size :]) not in TITLES:
                    best = (end - size, end)
                break
        if best:
            break
    if best is None:
        return [], [], words
    if bare[best[1] - 1] in _PORTFOLIO_TITLES:  # "Health Commissioner": the portfolio is part of the title
        start = best[0]
        while start > 0 and bare[start - 1].lower() in _PORTFOLIO_WORDS:
            start -= 1
        best = (start, best[1])
    if words[best[1]] in _CONNECTORS:  # "Secretary of State": the rest belongs to the title
        return words[: best[0]], words[best[0] :], []
    if words[best[1]].lower() in _ORG_WORDS:  # "Justice Department", "Police Board": a body, no title and name
        return [], [], words
    return words[: best[0]], words[best[0] : best[1]], words[best[1] :]


def _split_affiliation(words: tuple[str, ...]) -> tuple[tuple[tuple[str, ...], bool], ...]:
    """``((words, after_the), ...)``: a person's name and the body or place after "of"/"for" as two names.

    "Maria Lopez of the Riverside Property Owners Association" is "Maria Lopez" and "Riverside Property
    Owners Association" (``after_the``: it followed "the"). The run is split at its first "of" or "for"
    when the words before it are a person's name (two words or more, leading sentence-opening words such
    as "Yesterday" aside: a given name first, a Census surname last that is not an organisation word) and
    a capitalised word follows the connector (after "the"). Otherwise the run is one name: "Bank of
    England", "Coalition of the Willing", "Bill of Rights", "Church of Jesus Christ of ...".
    """
    whole = ((words, False),)
    k = next((i for i, w in enumerate(words) if w in _AFFILIATION), None)  # a run never starts with one
    if k is None:
        return whole
    i = 0
    while i < k and _edge_word(words[i]):
        i += 1
    last = words[k - 1].lower()
    if (k - i < 2 or words[i].lower() not in given_names() or last.replace("'", "") not in surnames()
            or last in _ORG_WORDS):
        return whole
    rest = words[k + 1 :]
    the = rest[:1] == ("the",)
    if the:
        rest = rest[1:]
    if not rest or not rest[0][:1].isupper():
        return whole
    return ((words[:k], False), (rest, the))


def _pieces(seq: tuple[str, ...]) -> tuple[tuple[tuple[str, ...], str, bool, bool], ...]:
    """The names a run of name words stands for: ``((words, title, lead, after_the), ...)``.

    A title is cut off the name it introduces (``title``: its words, for that name only; the words
    before the title are a name of their own), and a person's name is cut off the organisation or
    place after "of" or "for" (:func:`_split_affiliation`). ``lead``: the piece opens the run (it keeps
    the run's sentence start and the "the" before the run); ``after_the``: a piece that does not open
    the run follows "the". Whether a piece is a name is for :func:`_name` to decide.
    """
    prefix, title, name = _split_title(list(seq))
    out = []
    if title:
        if prefix:
            out += [(w, "", k == 0, the) for k, (w, the) in enumerate(_split_affiliation(tuple(prefix)))]
        if name:
            joined = _join(title)
            out += [(w, joined if k == 0 else "", False, the) for k, (w, the) in enumerate(_split_affiliation(tuple(name)))]
    else:
        out += [(w, "", k == 0, the) for k, (w, the) in enumerate(_split_affiliation(tuple(name)))]
    return tuple(out)


def _join(words: Sequence[str]) -> str:
    return " ".join(words)


def _dotted(name: str) -> str | None:
    """A name as it is written with a period after its initials and abbreviations ("George W. Bush", "J. K. Rowling",
    "St. Louis"), or None when it has none before its last word.

    A name's words are kept without periods ("George W Bush"); an alias so written does not match "George W. Bush",
    so the discovered actor's aliases hold both forms (the matcher reads "H. W." and "H.W." alike).

    Example:
        >>> _dotted("George W Bush"), _dotted("George H W Bush"), _dotted("St Louis"), _dotted("Barack Obama")
        ('George W. Bush', 'George H. W. Bush', 'St. Louis', None)
        >>> _dotted("Martin Luther King Jr"), _dotted("AT T") is None
        (None, True)
    """
    words = name.split()
    if len(words) < 2 or not any(_abbreviated(w) for w in words[:-1]) or any(len(w) > 1 and w.isupper() for w in words):
        return None
    return " ".join(f"{w}." if k < len(words) - 1 and _abbreviated(w) else w for k, w in enumerate(words))


def _abbreviated(word: str) -> bool:
    """An initial ("W") or a word of :data:`_DOTTED` that is written with a period ("St", "Jr")."""
    return (len(word) == 1 and word.isupper()) or (word[:1].isupper() and word.lower() in _DOTTED)


def _middle_initial(name: str) -> bool:
    """A name of a given name, one or two initials and a surname ("Antony J Blinken", "George H W Bush").

    Example:
        >>> [_middle_initial(n) for n in ("Antony J Blinken", "George H W Bush", "Barack Obama", "Class A Shares",
        ...                               "J K Rowling", "World War I")]
        [True, True, False, True, False, False]
    """
    words = name.split()
    return (3 <= len(words) <= 4 and len(words[0]) > 1 and len(words[-1]) > 1
            and all(len(w) == 1 and w.isupper() for w in words[1:-1]))


_DOTTED_RUN = re.compile(r"[A-Z]|(?:[A-Z]\.)+[A-Z]?\.?")  # "W", "H.W.", "H.W"


def _middle_initials(name: str) -> tuple[str, ...]:
    """The initials between a person's first and last name ("George H W Bush" and "George H.W. Bush": ``("H", "W")``;
    a suffix is no name).

    Example:
        >>> _middle_initials("George H W Bush"), _middle_initials("George H.W. Bush"), _middle_initials("George W Bush Jr")
        (('H', 'W'), ('H', 'W'), ('W',))
        >>> _middle_initials("Barack Obama"), _middle_initials("Martin Luther King")
        ((), ())
    """
    words = [w for w in name.split() if w not in _SUFFIXES]
    return tuple(letter for w in words[1:-1] if _DOTTED_RUN.fullmatch(w) for letter in w.replace(".", ""))


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if _is_cap(w) and w not in _SUFFIXES)


def _edge_word(word: str) -> bool:
    """A word that never starts or ends a name (acronyms such as "WHO" excepted)."""
    if len(word) > 1 and word.isupper():
        return False
    return word.lower() in _OPENERS or word in _CONNECTORS


def _trim(words: list[str]) -> list[str]:
    while words and _edge_word(words[0]):
        words = words[1:]
    while words and _edge_word(words[-1]):
        words = words[:-1]
    return words


def _scan(split: list[tuple[str, str]], spans: list, boilerplate: frozenset, skipped: dict[str, list[tuple[int, int]]],
          known: frozenset = frozenset()):
    """The name sequences and word case counts of some articles (``split``: id and typography-normalized
    text; ``spans``: their sentences; ``known``: the gazetteer's names, :func:`_compounds`), leaving out the
    sentences of ``boilerplate``: ``(cap_mid, cap_edge,
    lower, found, hyphens)`` of :func:`_collect`. The sentences left out are added to ``skipped`` (per article id),
    whose mentions :func:`_count` leaves out."""
    hyphens: dict = {}  # (word, next word of a name) -> times written with a hyphen minus times without
    cap_mid: Counter = Counter()
    cap_edge: Counter = Counter()
    lower: Counter = Counter()
    found: list[tuple[str, tuple[str, ...], bool, bool, str]] = []  # (id, words, initial, the, title)
    pieces: dict[tuple[str, ...], tuple] = {}  # _pieces of each name sequence, once
    for (ident, plain), sp in zip(split, spans):
        for a, b in sp:
            sent = plain[a:b]
            if sent in boilerplate:
                skipped.setdefault(ident, []).append((a, b))
                continue
            toks = tokenize_plain(sent)
            if not toks:
                continue
            words = cased_words(sent, toks)
            # A token's key is its word lower-cased; words that start with a capital, by position.
            lower.update([t.norm for t, w in zip(toks, words) if w[0].islower()])
            caps = [k for k, w in enumerate(words) if w[0].isupper()]
            for k in caps:
                if k:
                    j = toks[k].start  # the last character before the word that is not a space
                    while j and sent[j - 1].isspace():
                        j -= 1
                    if sent[j - 1 : j] not in _QUOTE_OPENERS:
                        cap_mid[words[k]] += 1
            if _headline(sent, toks, words, caps):
                # no names are collected from a headline, but its runs of name words count as case evidence
                for seq, initial, _, _ in _sequences(sent, toks, words, caps):
                    if not initial:
                        cap_edge[seq[0]] += 1
                    if len(seq) > 1:
                        cap_edge[seq[-1]] += 1
                continue
            for run, run_initial, run_the, hyphened in _sequences(sent, toks, words, caps):
                if hyphened:  # a name of several words
                    for pair, joined in zip(zip(run, run[1:]), hyphened):
                        hyphens[pair] = hyphens.get(pair, 0) + (1 if joined else -1)
                for k, seq in enumerate(_compounds(run, hyphened, known) if True in hyphened else (run,)):
                    initial, the = (run_initial, run_the) if k == 0 else (False, False)
                    parts = pieces.get(seq)
                    if parts is None:
                        parts = pieces[seq] = _pieces(seq)
                    for name, title, lead, after_the in parts:
                        if lead:
                            found.append((ident, name, initial, the, title))
                            if not initial:
                                cap_edge[name[0]] += 1
                        else:
                            found.append((ident, name, False, after_the, title))
                            cap_edge[name[0]] += 1
                        if len(name) > 1:
                            cap_edge[name[-1]] += 1
    return cap_mid, cap_edge, lower, found, hyphens


def _compounds(run: tuple[str, ...], hyphened: tuple[bool, ...], known: frozenset) -> list[tuple[str, ...]]:
    """The names a run of name words stands for when hyphens join names into a modifier: "the Israel-Hamas war" names
    Israel and Hamas, "the U.S.-Mexico border" the United States and Mexico (the whole run had been an actor
    "Israel-Hamas", which took the mentions of Israel in it). The run is cut at each hyphen when the whole is no
    gazetteer name (``known``: its aliases but demonyms) and a part between hyphens is one; otherwise it is one name
    ("Alexandria Ocasio-Cortez", "Jean-Claude Juncker", "African-American").

    Example:
        >>> _compounds(("Israel", "Hamas"), (True,), frozenset({"Israel"}))
        [('Israel',), ('Hamas',)]
        >>> _compounds(("Alexandria", "Ocasio", "Cortez"), (False, True), frozenset({"Israel"}))
        [('Alexandria', 'Ocasio', 'Cortez')]
        >>> _compounds(("Guinea", "Bissau"), (True,), frozenset({"Guinea", "Guinea-Bissau"}))
        [('Guinea', 'Bissau')]
    """
    if not any(hyphened) or _join(run) in known or _hyphenated(run, hyphened) in known:  # "Guinea-Bissau" is a country, not Guinea
        return [run]
    cuts = [k + 1 for k, joined in enumerate(hyphened) if joined]
    parts = [run[a:b] for a, b in zip([0, *cuts], [*cuts, len(run)])]
    return parts if any(_join(_trim(list(part))) in known for part in parts) else [run]  # "The Israel-Hamas war"


def _collect(slices: "_Slices", gazetteer: Gazetteer):
    """Candidate names per surface form, the words written capitalised and in lower case inside sentences
    at least half as often (``common``), how often each word is capitalised inside a sentence (``cap_mid``), and
    for two words next to each other in a name, how many times more they are written with a hyphen between them
    than without (``hyphens``; :func:`_written`).

    The names are decided with a third count, of the times each word is capitalised inside a sentence
    as a name of one word or as the first or last word of a longer one (``cap_edge``; a name's pieces
    after a title or a person's affiliation is cut off, :func:`_pieces`; in a headline, its runs of
    name words): the evidence :func:`_name` asks of a word alone at a sentence start.

    ``slices`` runs the passes over the articles (:func:`_passes`), in this process or several; the counts
    of the slices are added in article order, so the result does not depend on how many there are.
    """
    # Sentences that recur word for word in several articles are site boilerplate ("Privacy
    # Policy", "Terms of Use"): their names are not collected.
    seen_in: Counter = Counter()
    for part in slices.step(None):
        seen_in.update(part)
    boilerplate = frozenset(s for s, k in seen_in.items() if k >= _BOILERPLATE_ARTICLES)
    # the gazetteer's names, capitals and acronyms, which a hyphen cuts off a name (_compounds); a demonym does not:
    # "African-American" and "Cuban-Americans" stay names, as before
    known = frozenset(name for name, (_actor, _kind, how) in gazetteer.aliases.items() if how not in ("demonym", "adjective"))
    del seen_in
    cap_mid: Counter = Counter()
    cap_edge: Counter = Counter()
    lower: Counter = Counter()
    hyphens: Counter = Counter()
    found: list[tuple[str, tuple[str, ...], bool, bool, str]] = []  # (id, words, initial, the, title)
    for part_mid, part_edge, part_lower, part_found, part_hyphens in slices.step((boilerplate, known)):
        cap_mid.update(part_mid)
        cap_edge.update(part_edge)
        lower.update(part_lower)
        found += part_found
        hyphens.update(part_hyphens)
    cands: dict[str, _Candidate] = {}
    names: dict[tuple, str | None] = {}  # the name a sequence stands for (None: no name), decided once
    for ident, words, initial, the, title in found:
        titled = bool(title)
        key = (words, initial, titled)
        if key in names:
            name = names[key]
        else:
            name = names[key] = _name(list(words), initial, titled, gazetteer, lower, cap_mid, cap_edge)
        if name is None:
            continue
        c = cands.get(name)
        if c is None:
            c = cands[name] = _Candidate(name)
        c.articles.add(ident)
        c.n += 1
        c.titled += titled
        if title:
            c.titles[title.replace(".", "")] += 1
        c.after_the += the
    # words the corpus writes in lower case at least half as often as capitalised inside sentences
    common = {w for w in cap_mid if lower[w.lower()] * 2 >= cap_mid[w]}
    return cands, common, cap_mid, hyphens


def _written(name: str, hyphens: Counter) -> str:
    """A name as the corpus writes it: words joined by a hyphen where it mostly writes them so
    ("Alexandria Ocasio-Cortez", "Bashar al-Assad"). Names are found and merged with their words apart (the matcher
    reads a hyphen and a space alike); only the name shown and written to the targets file is joined again.

    Example:
        >>> _written("Bashar al Assad", Counter({("al", "Assad"): 3, ("Bashar", "al"): -3}))
        'Bashar al-Assad'
    """
    words = name.split(" ")
    return _hyphenated(words, [hyphens[pair] > 0 for pair in zip(words, words[1:])])


def _hyphenated(words: Sequence[str], joined: Sequence[bool]) -> str:
    """Words joined by a hyphen where ``joined[k]`` (between words ``k`` and ``k + 1``), by a space elsewhere."""
    return "".join(w + ("-" if j else " ") for w, j in zip(words, joined)) + words[-1]


def _name(words: list[str], initial: bool, titled: bool, gazetteer: Gazetteer, lower: Counter, cap_mid: Counter,
          cap_edge: Counter) -> str | None:
    """The candidate name a run of name words stands for (None: none), given the corpus's word case counts.

    ``cap_mid``: how often each word is capitalised inside a sentence; ``cap_edge``: how often as a name
    of its own or the first or last word of a longer one (not in its middle).
    """
    if initial and not titled:
        # A sentence-initial word is a name when the corpus writes it capitalised inside
        # sentences more often than in lower case; a word never seen elsewhere counts as a
        # name only when more name words follow it ("Hillary Clinton said", not "Critics said").
        # A word alone counts only the times it is capitalised as a name of its own or at the edge of
        # one ("Republicans", "Hillary Clinton"), not in the middle of a longer name ("Property owners
        # say", though the corpus writes "Riverside Property Owners Association").
        while words and gazetteer.lookup(_join(words)) is None:
            first = words[0]
            low, cap = lower[first.lower()], (cap_edge if len(words) == 1 else cap_mid)[first]
            if first.lower() in _OPENERS or low > cap or (low == cap == 0 and len(words) == 1):
                words = words[1:]
            else:
                break
    words = _trim(list(words))
    # a leading word the corpus mostly writes in lower case is not part of the name
    while len(words) > 1 and gazetteer.lookup(_join(words)) is None and lower[words[0].lower()] > 2 * cap_mid[words[0]]:
        words = _trim(words[1:])
    if not words:
        return None
    if len(words) == 1 and gazetteer.lookup(words[0]) is None and (
        ("'" in words[0] and not _IRISH_NAME.match(words[0]))
        or (lower[words[0].lower()] > cap_mid[words[0]] and not titled)
    ):
        return None
    name = _join(words)
    if _is_title([w.rstrip(".") for w in words]) or (len(words) == 1 and (len(name) < 2 or name.lower() in _NOT_ACTORS)):
        return None
    return name


@dataclass
class _Actor:
    name: str
    kind: str
    aliases: list[str]
    note: str = ""
    uncased: set = field(default_factory=set)  # aliases matched in any case (a demonym or adjective and a noun of HEADS)
    demonyms: list = field(default_factory=list)  # the demonyms and adjectives seen, for the first ranking (not aliases)


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Lower-cased English given names: the US Census 1990 first-name lists shipped by the ``names`` package."""
    from importlib.resources import files

    out = set()
    for name in ("dist.male.first", "dist.female.first"):
        text = files("names").joinpath(name).read_text(encoding="utf-8")
        out.update(line.split()[0].lower() for line in text.splitlines() if line.strip())
    return frozenset(out)


def _sole_name(articles: set, keys: list, group_articles: dict, dominance: float):
    """The full name a surname alone stands for in the articles that use it (``articles``): the one of ``keys`` named
    in at least ``dominance`` of those of its articles that name any of them, while each other is named in at most
    ``1 - dominance`` of them ("Paddock" alone in 14 articles, each naming Stephen Paddock, one also Steven Paddock and
    one Marilou Danley Paddock: Stephen Paddock); else None ("Clinton" alone in 2 articles, both naming Hillary
    Clinton, one also Bill Clinton).

    Example:
        >>> groups = {"stephen": set(range(14)), "steven": {3}, "marilou": {7}}
        >>> _sole_name(set(range(14)), ["stephen", "steven", "marilou"], groups, 0.9)
        'stephen'
        >>> _sole_name({0, 1}, ["hillary", "bill"], {"hillary": {0, 1}, "bill": {0}}, 0.9) is None
        True
    """
    named = [a for a in articles if any(a in group_articles[k] for k in keys)]
    if not named:
        return None
    shares = sorted(((sum(a in group_articles[k] for a in named) / len(named), -i, k) for i, k in enumerate(keys)),
                    reverse=True)
    best, rest = shares[0], shares[1:]
    if best[0] >= dominance - 1e-9 and all(share <= 1 - dominance + 1e-9 for share, _i, _k in rest):  # 1 - 0.9 < 0.1
        return best[2]
    return None


def _spelled_alike(names: list[str]) -> str:
    """``"; 'Keir Starmer' and 'Kir Starmer' may be one person ..."`` for the first pair of full names of one surname
    whose given names are alike (spelled alike, or one the start of the other), else ``""``.

    Example:
        >>> _spelled_alike(["Keir Starmer", "Kir Starmer"]).split(" (")[0]
        "; 'Keir Starmer' and 'Kir Starmer' may be one person"
        >>> _spelled_alike(["Anita Hill", "Katie Hill", "Alexander Hill", "Alex Hill"]).split(" (")[0]
        "; 'Alexander Hill' and 'Alex Hill' may be one person"
        >>> _spelled_alike(["Hillary Clinton", "Bill Clinton"]), _spelled_alike(["Al Gore", "Alan Gore"])
        ('', '')
    """
    for k, a in enumerate(names):
        for b in names[k + 1 :]:
            one, two = sorted((a.split()[0].lower(), b.split()[0].lower()), key=len)
            if difflib.SequenceMatcher(None, one, two).ratio() >= 0.8 or (len(one) >= 3 and two.startswith(one)):
                return (f"; '{a}' and '{b}' may be one person (a short form, another spelling or a misspelling): if so, "
                        "give both rows one target")
    return ""


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Lower-cased surnames: the 60,000 most frequent of the US Census 1990 list shipped by the ``names`` package.

    The rarest names of the full list (88,799) include common words ("State", "Catholic").
    """
    from importlib.resources import files

    text = files("names").joinpath("dist.all.last").read_text(encoding="utf-8")
    rows = [line.split() for line in text.splitlines() if line.strip()]
    return frozenset(r[0].lower() for r in rows if int(r[3]) <= _SURNAME_RANKS)


# Short forms of English given names that stand for one formal name ("Bob Mueller" is Robert Mueller): general
# usage, not drawn from any corpus. Left out: short forms of several names ("Ted": Theodore or Edward, "Ed": Edward,
# Edwin or Edmund, "Chris": Christopher or Christine, "Steve": Steven or Stephen) and short forms that are also names
# of their own ("Drew", "Beth", "Jack").
_SHORT_FORMS = {
    short: formal
    for formal, shorts in (
        ("robert", "bob bobby rob robbie"), ("michael", "mike mikey"), ("william", "bill billy will willie"),
        ("james", "jim jimmy"), ("joseph", "joe joey"), ("thomas", "tom tommy"), ("richard", "dick rick ricky rich"),
        ("charles", "chuck charlie"), ("david", "dave davey"), ("daniel", "dan danny"), ("donald", "don donnie"),
        ("douglas", "doug"), ("gregory", "greg"), ("kenneth", "ken kenny"), ("lawrence", "larry"), ("matthew", "matt"),
        ("mitchell", "mitch"), ("nicholas", "nick"), ("peter", "pete"), ("ronald", "ron ronnie"),
        ("timothy", "tim timmy"), ("anthony", "tony"), ("vincent", "vince"), ("andrew", "andy"),
        ("benjamin", "ben benny bibi"), ("frederick", "fred freddie"), ("bernard", "bernie"), ("jeffrey", "jeff"),
        ("jonathan", "jon"), ("leonard", "len lenny"), ("raymond", "ray"), ("stanley", "stan"), ("vladimir", "vlad"),
        ("elizabeth", "liz lizzie betsy betty"), ("margaret", "maggie meg peggy"), ("jennifer", "jen jenny"),
        ("susan", "sue susie"), ("deborah", "debbie deb"), ("rebecca", "becky"), ("barbara", "barb"),
        ("abigail", "abby"), ("amanda", "mandy"), ("victoria", "vicky"),
    )
    for short in shorts.split()
}


def _bare_heads(cands: list[_Candidate], dominance: float) -> dict[str, tuple[str, str]]:
    """Organisations named by their head word alone ("the Coalition" after "the Coalition of the Willing"): the word
    alone (an organisation word such as "Coalition", "Council", "Post") and the one longer name with that head ("X of
    ...", "... X") named in at least ``dominance`` of the articles that use the word alone, where every other such
    name is named in at most ``1 - dominance`` of them; with the note that says so.

    Example:
        >>> a = _Candidate("Coalition", {"a1", "a2"}); b = _Candidate("Coalition of the Willing", {"a1", "a2", "a3"})
        >>> for bare, (name, note) in _bare_heads([a, b, _Candidate("Coalition Avenue", {"a9"})], 0.9).items():
        ...     print(bare, "->", name); print(note)
        Coalition -> Coalition of the Willing
        'Coalition' alone counted as Coalition of the Willing, named in 2 of the 2 articles that use it
        >>> _bare_heads([_Candidate("Council", {"a1", "a2"}), _Candidate("Security Council", {"a1"}),
        ...              _Candidate("European Council", {"a2"})], 0.9)
        {}
    """
    by_head: dict[str, list[_Candidate]] = defaultdict(list)
    for c in cands:
        words = c.name.split()
        if len(words) > 1:
            by_head[words[-1]].append(c)
            if words[1] in _AFFILIATION:
                by_head[words[0]].append(c)
    out = {}
    for c in cands:
        if " " in c.name or c.name.lower() not in _ORG_WORDS or c.name not in by_head:
            continue
        shares = sorted(((len(c.articles & x.articles), x.name) for x in by_head[c.name]), key=lambda t: (-t[0], t[1]))
        top, name = shares[0]
        if top >= dominance * len(c.articles) and all(k <= (1 - dominance) * len(c.articles) for k, _ in shares[1:]):
            where = "the one article" if len(c.articles) == 1 else f"{top} of the {len(c.articles)} articles"
            uses = "uses" if len(c.articles) == 1 else "use"
            out[c.name] = (name, f"'{c.name}' alone counted as {name}, named in {where} that {uses} it")
    return out


def _formal_key(key: tuple[str, str]) -> tuple[str, str]:
    """A person's key (:func:`_person_key`) with the formal name of a short given name, lower-cased ("robert",
    "Mueller")."""
    return _SHORT_FORMS.get(key[0].lower(), key[0].lower()), key[1]


def _short_forms(groups: dict[tuple[str, str], list]) -> dict[tuple[str, str], str]:
    """Join the groups of full names whose given names are one name and its short form ("Bob Mueller" to
    "Robert Mueller", "Mike Pompeo" to "Michael R Pompeo"), in place, into the group named in most articles.

    ``groups``: ``(first word, last word)`` to candidates, those named in most articles first. Returns the note of
    each group that took another: ``"'Bob Mueller' counted as this person (Bob: a short form of Robert)"``.
    """
    formal: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for k in groups:
        formal[_formal_key(k)].append(k)
    notes = {}
    for ks in formal.values():
        if len(ks) < 2:
            continue
        ks.sort(key=lambda k: (-len(set().union(*(c.articles for c in groups[k]))), groups[k][0].name))
        top, said = ks[0], []
        for k in ks[1:]:
            short, full = sorted((k[0], top[0]), key=lambda w: w.lower() in _SHORT_FORMS, reverse=True)
            said.append(f"'{groups[k][0].name}' counted as this person ({short}: a short form of {full})")
            groups[top] += groups.pop(k)
        groups[top].sort(key=lambda c: (-len(c.articles), -c.n, c.name))
        notes[top] = "; ".join(said)
    return notes


def _person_key(name: str) -> tuple[str, str] | None:
    """``(first word, last word)`` of a person's name, or None when ``name`` cannot be one.

    A generational suffix stays with the surname: "Donald Trump Jr." is not "Donald Trump"
    (keys ``("Donald", "Trump Jr.")`` and ``("Donald", "Trump")``), so "Trump" alone never joins the son.
    """
    split = name.split()
    suffix = split[-1] if len(split) > 2 and split[-1] in _SUFFIXES else ""
    words = [w for w in split if w not in _SUFFIXES]
    if len(words) < 2 or any(w.lower() in _ORG_WORDS for w in words) or not all(_is_cap(w) for w in (words[0], words[-1])):
        return None
    # an acronym makes no person's name ("US Army"), dotted initials in its middle do ("George H.W. Bush")
    if any(w.isupper() and len(w) > 1 and not (0 < i < len(words) - 1 and _DOTTED_RUN.fullmatch(w))
           for i, w in enumerate(words)) or any(w in _NAME_BREAKERS for w in words):
        return None
    return words[0], f"{words[-1]} {suffix.rstrip('.')}" if suffix else words[-1]


def _merge(cands: dict[str, _Candidate], gazetteer: Gazetteer, *, dominance: float, common: set[str] = frozenset(),
           cap_mid: Counter | None = None) -> list[_Actor]:
    actors: dict[str, _Actor] = {}
    owner: dict[str, str] = {}

    def add(actor: str, kind: str, alias: str, note: str = "") -> None:
        a = actors.setdefault(actor, _Actor(actor, kind, [], note))
        if alias not in a.aliases:
            a.aliases.append(alias)
        owner[alias] = actor

    ordered = sorted(cands.values(), key=lambda c: (-len(c.articles), -c.n, c.name))
    # 1. the gazetteer (a demonym or an adjective: the nouns of HEADS[kind] after it, not the word alone)
    rest = []
    for c in ordered:
        hit = gazetteer.lookup(c.name)
        if hit is None:
            rest.append(c)
        elif hit[2] in _ADJECTIVES and hit[1] in HEADS:
            owner[c.name] = hit[0]
            a = actors.setdefault(hit[0], _Actor(hit[0], hit[1], []))
            a.demonyms.append(c.name)
            plural = c.name.endswith("s") and gazetteer.lookup(c.name[:-1]) == hit
            for head in () if plural else HEADS[hit[1]]:
                add(hit[0], hit[1], f"{c.name} {head}")
                a.uncased.add(f"{c.name} {head}")
        else:
            add(hit[0], hit[1], c.name)
    # 2. full names of people, grouped by first and last word
    # A multi-word name is a person's when its first word is a known given name or when it (or
    # another form with the same first and last word) follows a title ("President").
    first_names, last_names = given_names(), surnames()
    keys = {c.name: _person_key(c.name) for c in rest}
    key_articles: dict[tuple[str, str], set] = defaultdict(set)
    for c in rest:
        if keys[c.name] is not None:
            key_articles[keys[c.name]] |= c.articles
    # ... or when its surname alone follows a title ("President Macron") after a given name
    # (not "Egomaniac Trump", not "anti-Semitic Farrakhan")
    # A surname outside the Census list still counts after a given name when the corpus also uses it
    # alone and it ends more names than it starts ("Julian Assange" ... "Assange", not "Roman
    # Catholic" ... "Catholic Church").
    starts: Counter = Counter(c.name.split()[0] for c in rest if " " in c.name)
    ends: Counter = Counter(c.name.split()[-1] for c in rest if " " in c.name)

    def used_alone(k: tuple[str, str]) -> bool:
        last = k[1].split()[0]  # without a suffix ("Trump Jr": "Trump")
        return last in cands and len(key_articles[k]) >= 2 and starts[last] < ends[last]

    # ... or when it has a middle initial ("Antony J. Blinken", "Brian J. Karem"), whatever its given name
    initialled = {k for c in rest if (k := keys[c.name]) is not None and _middle_initial(c.name) and k[0] not in common}

    def person(k: tuple[str, str], titled: int) -> bool:
        last = k[1].split()[0]
        # a common word is no surname ("Islamic State": "state" is mostly written in lower case)
        return gazetteer.lookup(k[0]) is None and last not in common and (
            (k[0].lower() in first_names and (last.lower().replace("'", "") in last_names or used_alone(k))) or titled
            or (last in cands and cands[last].titled and k[0].lower() in first_names) or k in initialled)

    valid = {k for c in rest if (k := keys[c.name]) is not None and person(k, c.titled)}
    # a short form of a person's given name ("Mike Pompeo" beside "Secretary Michael Pompeo") names that person
    formal = {_formal_key(k) for k in valid}
    valid |= {k for c in rest if (k := keys[c.name]) is not None and _formal_key(k) in formal}
    groups: dict[tuple[str, str], list[_Candidate]] = defaultdict(list)
    singles = []
    for c in rest:
        if keys[c.name] in valid:
            groups[keys[c.name]].append(c)
        else:
            singles.append(c)
    # Full names with different middle initials are different people ("George W. Bush", "George H. W. Bush"): a group
    # whose names carry two or more different initials is split by them, and a name without one stays apart
    for k in [k for k, cs in groups.items() if len({_middle_initials(c.name) for c in cs} - {()}) > 1]:
        for c in groups.pop(k):
            groups[(" ".join((k[0], *_middle_initials(c.name))), k[1])].append(c)
    short_forms = _short_forms(groups)
    group_articles = {k: set().union(*(c.articles for c in cs)) for k, cs in groups.items()}
    group_name = {k: cs[0].name for k, cs in groups.items()}  # most articles first
    for k, cs in groups.items():
        for c in cs:
            add(group_name[k], "person", c.name)
        if k in short_forms:
            actors[group_name[k]].note = short_forms[k]
    person_names = {c.name for cs in groups.values() for c in cs}
    by_last: dict[str, list[tuple[str, str]]] = defaultdict(list)
    by_first: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for k in groups:
        by_last[k[1]].append(k)
        by_first[k[0]].append(k)
    # 3. single names and other sequences
    initials: dict[str, list[str]] = defaultdict(list)
    for c in rest:
        if " " in c.name:
            initials[_initials(c.name)].append(c.name)
    heads = _bare_heads(singles, dominance)
    for c in singles:
        name = c.name
        if name in heads:
            continue
        words = name.split()
        if (cap_mid is not None and len(words) > 1 and words[-1] in by_last
                and all(w in _CONNECTORS or (cap_mid[w] == 0 and w.lower() not in first_names)
                        or (gazetteer.lookup(w) or ("", "", ""))[2] in _ADJECTIVES for w in words[:-1])):
            # A person's surname after words the corpus capitalises only where a sentence starts ("Egomaniac
            # Trump doesn't care", "Fortunately for Trump") or after a party's or a country's adjective ("Republican
            # Trump"): no name of its own, and the surname inside it counts.
            continue
        if any(" ".join(words[k:]) in person_names and (
                all((gazetteer.lookup(w) or ("", "", ""))[2] in _ADJECTIVES for w in words[:k])
                or words[k - 1].lower() in _ORG_WORDS) for k in range(1, len(words) - 1)):
            # A person's full name after a party's or a country's adjective ("Republican Joni Ernst") or after the name
            # of a body ("Temple University Bill Cosby"): no name of its own, and the person's name inside it counts.
            continue
        keys = sorted(by_last.get(name, []), key=lambda k: (-len(group_articles[k]), group_name[k]))
        if keys:
            total = sum(len(group_articles[k]) for k in keys)
            top = keys[0]
            if len(keys) > 1 and len(group_articles[top]) < dominance * total:
                # no name dominates the corpus: the one the articles using the surname alone name (None: ambiguous)
                top = _sole_name(c.articles, keys, group_articles, dominance)
            if top is not None:
                also = [group_name[k] for k in keys if k != top]
                add(group_name[top], "person", name)
                if also:
                    a = actors[group_name[top]]
                    a.note = "; ".join(filter(None, (a.note, f"'{name}' alone also fits: " + ", ".join(also))))
            else:
                listed = ", ".join(f"{group_name[k]} ({len(group_articles[k])})" for k in keys)
                add(f"{name} (ambiguous)", "person", name,
                    note=f"ambiguous surname: articles naming {listed} (none has {dominance:.0%} of them); "
                         f"assign '{name}' to one of them or drop it" + _spelled_alike([group_name[k] for k in keys]))
            continue
        firsts = by_first.get(name, [])
        if len(firsts) == 1 and name not in by_last and c.n <= sum(x.n for x in groups[firsts[0]]) * 3:
            add(group_name[firsts[0]], "person", name)
            continue
        expands = initials.get(name, []) if name.isupper() and len(name) >= 2 else []
        if len(expands) == 1 and gazetteer.lookup(expands[0]) is None:
            target = owner.get(expands[0], expands[0])
            add(target, "organisation", expands[0])
            add(target, "organisation", name)
            if actors[target].kind != "person":  # "JFK" is John F Kennedy's initials, still a person
                actors[target].kind = "organisation"
            continue
        if name in owner:
            continue
        words = name.split()
        if c.titled * 2 >= c.n and c.titled:
            kind = "person"
        elif any(w.lower() in _ORG_WORDS for w in words) or (name.isupper() and len(name) > 1) or c.after_the * 2 >= c.n:
            kind = "organisation"
        else:
            kind = "other"
        add(name, kind, name)
    for bare, (long, note) in heads.items():
        if owner.get(long, long) in actors:
            add(owner.get(long, long), "organisation", bare)
            a = actors[owner.get(long, long)]
            a.note = "; ".join(filter(None, (a.note, note)))
        else:
            add(bare, "organisation", bare)
    out = []
    for a in actors.values():
        if a.kind == "other" and any(cands[x].titled for x in a.aliases if x in cands):
            a.kind = "person"
        # a person known by one name and mostly introduced by the same title is named with it ("Pope Francis")
        c = cands.get(a.name)
        if a.kind == "person" and " " not in a.name and c is not None and c.titles:
            title, k = c.titles.most_common(1)[0]
            if k >= 2 and 2 * k >= c.titled and f"{title} {a.name}" not in actors:
                a.name = f"{title} {a.name}"
        out.append(a)
    return out


def _count(ids: Sequence[str], texts: Sequence[str], targets: Targets,
           skip: dict[str, list[tuple[int, int]]] | None = None) -> tuple[dict[str, tuple[set, int]], Counter]:
    """Per target, the articles that mention it and its number of mentions; per alias, its number of mentions.

    ``skip``: per article id, the sentences (start, end) whose mentions are not counted, the boilerplate ones
    (an agency named in a copyright line under every article of its source is not an actor of the corpus).
    """
    seen: dict[str, tuple[set, int]] = {}
    by_alias: Counter = Counter()
    skip = skip or {}
    for ident, text in zip(ids, texts):
        left_out = skip.get(ident)
        for m in targets.find(text):
            if left_out and any(a <= m.start < b for a, b in left_out):
                continue
            arts, n = seen.get(m.target, (set(), 0))
            arts.add(ident)
            seen[m.target] = (arts, n + 1)
            by_alias.update(m.alias.split(" + "))
    return seen, by_alias


def _passes(ids: list[str], texts: list[str]):
    """The passes of :func:`discover_actors` over some articles, as a generator its caller drives (:class:`_Slices`).

    It yields the number of these articles each sentence occurs in; is sent the boilerplate
    sentences and the gazetteer's names and yields :func:`_scan`'s counts; is sent a targets table (``target, pattern,
    case_sensitive``) and yields :func:`_count`'s, or None and ends.
    """
    split = [(i, normalize_typography(t)) for i, t in zip(ids, texts)]
    spans = [sentences_plain(plain) for _, plain in split]
    seen_in: Counter = Counter()
    for (_, plain), sp in zip(split, spans):
        seen_in.update({plain[a:b] for a, b in sp})
    boilerplate, known = yield seen_in
    del seen_in
    skip: dict[str, list[tuple[int, int]]] = {}
    frame = yield _scan(split, spans, boilerplate, skip, known)
    del split, spans
    if frame is not None:
        yield _count(ids, texts, Targets.from_frame(frame, source="<discovered actors>"), skip)


def _serve(conn, others: list, ids: list[str], texts: list[str]) -> None:
    """A worker process of :class:`_Slices`: runs :func:`_passes` on its articles, one message per pass, until told
    to stop. ``others``: the parent's ends of the pipes, which a forked process holds copies of and closes (so that
    a parent gone away ends the pipe)."""
    import traceback

    for other in others:
        other.close()
    try:
        passes = _passes(ids, texts)
        conn.send(("ok", next(passes)))
        while True:
            what, message = conn.recv()
            if what == "stop":
                break
            try:
                result = passes.send(message)
            except StopIteration:
                break
            conn.send(("ok", result))
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises
        try:
            conn.send(("error", traceback.format_exc()))
        except (OSError, ValueError):
            pass
    finally:
        conn.close()


class WorkerError(ValueError):
    """A process of ``discover_actors(..., workers=N)`` failed or ended without its result; the message says what to do."""


class _Slices:
    """:func:`_passes` over the articles of a corpus cut into ``workers`` runs of consecutive articles of about
    equal length: the first in this process, each other in a process of its own, so the passes run side by
    side. :meth:`step` sends each slice the same message and returns the slices' results in article order.
    Use it as a context manager: leaving it stops the processes."""

    def __init__(self, corpus: pd.DataFrame, workers: int = 1) -> None:
        ids = corpus["id"].astype(str).tolist()
        texts = corpus["text"].tolist()
        workers = max(1, min(int(workers), len(ids) // _MIN_SLICE or 1))
        cuts = [0]
        if workers > 1:
            total = sum(map(len, texts))
            done, k = 0, 1
            for i, t in enumerate(texts):
                done += len(t)
                if k < workers and done * workers >= total * k:
                    cuts.append(i + 1)
                    k += 1
        cuts.append(len(ids))
        cuts = sorted(set(cuts))  # no empty slice (one long article can hold half the text)
        if len(cuts) < 2:
            cuts.append(0)
        self._children: list = []  # (process, connection)
        self._first_message = True
        if len(cuts) > 2:
            import multiprocessing

            context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
            try:
                for lo, hi in zip(cuts[1:-1], cuts[2:]):
                    mine, theirs = context.Pipe()
                    others = [c for _, c in self._children] + [mine]
                    process = context.Process(target=_serve, args=(theirs, others, ids[lo:hi], texts[lo:hi]), daemon=True)
                    process.start()
                    theirs.close()
                    self._children.append((process, mine))
            except BaseException:
                self.close(now=True)
                raise
        self._local = _passes(ids[: cuts[1]], texts[: cuts[1]])

    def step(self, message) -> list:
        """Run the next pass of every slice (the first pass takes no message: pass None)."""
        if not self._first_message:
            for _, conn in self._children:
                conn.send(("step", message))
        results = [next(self._local) if self._first_message else self._local.send(message)]
        self._first_message = False
        for process, conn in self._children:
            try:
                status, result = conn.recv()
            except (EOFError, OSError):
                raise WorkerError(
                    f"actor discovery: worker process {process.pid} ended without a result (was it killed, or out of "
                    "memory?); run again with fewer workers (actors --workers 1, make SCORE_WORKERS=1)"
                ) from None
            if status != "ok":
                raise WorkerError(f"actor discovery: a worker process failed (a bug: please report it with this message):\n{result}")
            results.append(result)
        return results

    def close(self, *, now: bool = False) -> None:
        """Stop the worker processes: each ends when its connection closes; ``now``: at once (an error, an interrupt)."""
        for process, conn in self._children:
            if now:
                process.terminate()
            else:
                try:
                    conn.send(("stop", None))
                except (OSError, ValueError):
                    pass
            conn.close()
        for process, _ in self._children:
            process.join(timeout=10)
            if process.is_alive():
                process.terminate()
                process.join()
        self._children = []

    def __enter__(self) -> "_Slices":
        return self

    def __exit__(self, exc_type, *_) -> None:
        self.close(now=exc_type is not None)


def _targets_frame(actors: Iterable[_Actor], ignore: Iterable[str] = ()) -> pd.DataFrame:
    rows = [(a.name, alias, alias not in a.uncased) for a in actors for alias in a.aliases]
    rows += [(IGNORE, name, True) for name in ignore]
    return pd.DataFrame(rows, columns=["target", "pattern", "case_sensitive"])


def discover_actors(
    corpus: pd.DataFrame,
    *,
    top: int | None = None,
    min_articles: int = 2,
    gazetteer: Gazetteer | str | Path | None = None,
    dominance: float = 0.9,
    workers: int = 1,
) -> pd.DataFrame:
    """Find the actors a corpus mentions and rank them by the number of articles that mention them.

    Args:
        corpus: The corpus table (``id``, ``text``).
        top: Keep the ``top`` actors (all when None).
        min_articles: Leave out actors mentioned in fewer articles.
        gazetteer: Countries and organisations (default: the bundled gazetteer).
        dominance: A surname alone joins the most named full name ending with it when that
            name's articles are at least this share of the articles of all the full names
            ending with it (summed), or the full name named in at least this share of the articles
            using the surname alone that name any of them, each other in at most ``1 - dominance``;
            otherwise the surname is an actor of its own, marked ambiguous.
        workers: Processes that read the articles (this one and ``workers - 1`` more, each with a
            run of consecutive articles; at least 500 articles each); the result is the same for any number.

    Returns:
        One row per actor, most articles first (then most mentions, then name): ``actor, kind,
        n_articles, n_mentions, aliases, note``. ``kind`` is ``person``, ``organisation``,
        ``country``, ``party``, ``group`` (a religious group) or ``other``; ``aliases`` is a list, most frequent first; the
        counts are those of :meth:`analysis.measures.targets.Targets.find` with the aliases (and the
        ``IGNORE`` rows) of the returned actors, outside the sentences found word for word in
        ``_BOILERPLATE_ARTICLES`` (3) or more articles (site boilerplate, whose names are not collected either).

    Example:
        >>> corpus = pd.DataFrame({"id": ["a", "b"], "text": ["President Barack Obama spoke.",
        ...     "Critics said Obama's plan failed in Russia."]})
        >>> discover_actors(corpus, min_articles=1)[["actor", "n_articles", "aliases"]].values.tolist()
        [['Barack Obama', 2, ['Barack Obama', 'Obama']], ['Russia', 1, ['Russia']]]
    """
    missing = [c for c in ("id", "text") if c not in corpus.columns]
    if missing:
        raise ValueError(f"corpus: missing column(s) {', '.join(missing)}; pass the corpus table from analysis.corpus.load_corpus.")
    if not isinstance(gazetteer, Gazetteer):
        gazetteer = load_gazetteer(gazetteer)
    with _Slices(corpus, workers) as slices:
        cands, common, cap_mid, hyphens = _collect(slices, gazetteer)
        actors = _merge(cands, gazetteer, dominance=dominance, common=common, cap_mid=cap_mid)
        for a in actors:  # "George W Bush" is written "George W. Bush" too
            a.aliases += [d for x in a.aliases if (d := _dotted(x)) is not None and d not in a.aliases]
        # A pool of candidates is chosen by the articles whose body text names them (headlines are
        # skipped), then counted exactly, with the matcher `score` uses, over the whole text but its boilerplate.
        seen = {a.name: _articles_and_mentions([cands[x] for x in (*a.aliases, *a.demonyms) if x in cands]) for a in actors}
        ranked = sorted(actors, key=lambda a: (-seen[a.name][0], -seen[a.name][1], a.name))
        pool = ranked if top is None else ranked[: 5 * top + 50]
        pool_ignore = _ignored(ranked, pool)
        counts: dict[str, tuple[set, int]] = {}
        alias_counts: Counter = Counter()
        if pool:
            # this process's slice counts before the workers' results are read: a problem with the table is raised here
            for part_counts, part_aliases in slices.step(_targets_frame(pool, pool_ignore)):
                for target, (arts, n) in part_counts.items():
                    have = counts.get(target)
                    counts[target] = (arts, n) if have is None else (have[0] | arts, have[1] + n)
                alias_counts.update(part_aliases)
    for a in pool:  # of the nouns after a demonym, only those the corpus uses
        if a.uncased:
            a.aliases = [x for x in a.aliases if x not in a.uncased or alias_counts[x]]
            a.uncased = {x for x in a.uncased if alias_counts[x]}
    kept = sorted((a for a in pool if len(counts.get(a.name, (set(), 0))[0]) >= min_articles),
                  key=lambda a: (-len(counts[a.name][0]), -counts[a.name][1], a.name))
    if top is not None:
        kept = kept[:top]
    ignore = _ignored(ranked, kept)
    alias_n: Counter = Counter({name: c.n for name, c in cands.items()})
    for a in kept:  # a dotted form beside its name ("George W Bush", "George W. Bush")
        alias_n.update({d: alias_n[x] for x in a.aliases if (d := _dotted(x)) is not None and d not in cands})
    rows = []
    for a in kept:
        arts, n = counts.get(a.name, (set(), 0))
        aliases = sorted(a.aliases, key=lambda x: (-(alias_counts[x] if x in a.uncased else alias_n[x]), x))
        written = {x: w for x in (a.name, *aliases) if (w := _written(x, hyphens)) != x}
        note = a.note
        for x in sorted(written, key=len, reverse=True):  # the note names them as the table does
            note = note.replace(x, written[x])
        rows.append((written.get(a.name, a.name), a.kind, len(arts), n, [written.get(x, x) for x in aliases], note))
    table = pd.DataFrame(rows, columns=ACTOR_COLUMNS)
    table = table.sort_values(["n_articles", "n_mentions", "actor"], ascending=[False, False, True], kind="stable")
    table = table.reset_index(drop=True)
    table.attrs["ignore"] = ignore
    table.attrs["uncased"] = sorted(_written(x, hyphens) for a in kept for x in a.uncased)  # as the aliases are written
    return table


def _articles_and_mentions(found: list[_Candidate]) -> tuple[int, int]:
    """The number of articles that name any of ``found`` and the number of times they are named.

    (Most actors have one alias: its own set of articles is counted, not a union copied from it.)
    """
    articles = found[0].articles if len(found) == 1 else set().union(*(c.articles for c in found))
    return len(articles), sum(c.n for c in found)


def _ignored(ranked: list[_Actor], kept: list[_Actor]) -> list[str]:
    """Names that contain a kept alias but are not kept ("Washington Post" for "Washington").

    They become ``IGNORE`` rows, so that the alias inside them does not count.
    """
    kept_names = {a.name for a in kept}
    kept_aliases = {x for a in kept for x in a.aliases}
    return sorted(
        name for a in ranked if a.name not in kept_names for name in a.aliases
        if " " in name and name not in kept_aliases and _contains_any(name, kept_aliases)
    )


# Where a name may start inside a longer one (not right after a word character or a dot) and
# where it may end (not right before a word character).
_NAME_START = re.compile(r"(?<![\w.])")
_NAME_END = re.compile(r"(?![\w])")


def _contains_any(longer: str, names: set[str]) -> bool:
    """True when one of ``names`` occurs in ``longer`` as a whole name ("Washington" in "Washington Post").

    The same as searching ``longer`` for each name between the boundaries :data:`_NAME_START` and
    :data:`_NAME_END`, done the other way round: each piece of ``longer`` from a possible start to
    a possible end is looked up in ``names`` (a short name has few pieces; the kept aliases are many).

    Example:
        >>> _contains_any("Washington Post", {"Washington"}), _contains_any("U.S.A", {"S.A"})
        (True, False)
    """
    starts = [m.start() for m in _NAME_START.finditer(longer)]
    ends = [m.start() for m in _NAME_END.finditer(longer)]
    return any(longer[s:e] in names for s in starts for e in ends if e > s)


def actors_to_targets(actors: pd.DataFrame, *, origin: str = "") -> pd.DataFrame:
    """A targets table (the ``targets.csv`` format) from :func:`discover_actors`, ready to edit.

    One row per alias: ``target, pattern, case_sensitive`` (true: discovered names are matched
    with their case, so "Bush" is not "bush"; false for a demonym or an adjective before a noun
    of :data:`HEADS`, "Russian President" as "Russian president"), then ``kind, n_articles, n_mentions, note``.
    The note of an actor's first row lists its aliases and counts; ``IGNORE`` rows (names
    that contain an alias but are not the actor) come last.
    """
    rows = []
    for a in actors.itertuples(index=False):
        for k, alias in enumerate(a.aliases):
            if k == 0:
                note = f"{a.kind}; {a.n_articles} articles, {a.n_mentions} mentions; aliases: {' | '.join(a.aliases)}"
                if a.note:
                    note += f"; {a.note}"
                if origin:
                    note += f"; {origin}"
            else:
                note = "alias"
            cased = "false" if alias in actors.attrs.get("uncased", ()) else "true"
            rows.append((a.actor, alias, cased, a.kind, a.n_articles, a.n_mentions, note))
    for name in actors.attrs.get("ignore", []):
        rows.append((IGNORE, name, "true", "", "", "", "not an actor of this list: contains an alias of one"))
    return pd.DataFrame(rows, columns=["target", "pattern", "case_sensitive", "kind", "n_articles", "n_mentions", "note"])


_CHECKSUM_NOTE = re.compile(r"rows checksum ([0-9a-f]{12})")


def _rows_checksum(frame: pd.DataFrame) -> str:
    """12 hex digits of SHA-256 over the ``target, pattern, case_sensitive`` of every row, in order."""
    cells = frame[["target", "pattern", "case_sensitive"]].astype(str)
    text = "\n".join("\t".join((t.strip(), p.strip(), c.strip().lower())) for t, p, c in cells.itertuples(index=False))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def write_targets(actors: pd.DataFrame, path: str | Path, *, origin: str = "") -> Path:
    """Write :func:`actors_to_targets` to ``path`` (UTF-8 CSV, replaced atomically).

    The first row's note ends with a checksum of the rows (:func:`_rows_checksum`), so that
    :func:`targets_origin` can tell the list as found from one edited since.
    """
    from analysis.tables.io import write_csv

    path = Path(path)
    table = actors_to_targets(actors, origin=origin)
    if len(table):
        table.loc[0, "note"] += f"; rows checksum {_rows_checksum(table)} (an edit of the rows changes it)"
    write_csv(table, path)
    return path


def targets_origin(path: str | Path | None) -> str:
    """Where a targets file came from: ``bundled``; ``discovered`` (written by ``actors``); ``edited`` (written by
    ``actors``, its rows changed since: its first note's checksum no longer fits them); or ``user``."""
    if path is None:
        return "bundled"
    p = paths.resolve(path)
    if p.resolve() == paths.TARGETS.resolve():
        return "bundled"
    try:
        frame, _ = read_csv_rows(p)
    except LexiconError:
        return "user"
    if {"kind", "n_articles", "n_mentions"} <= set(frame.columns):
        notes = frame["note"].astype(str) if "note" in frame.columns else pd.Series(dtype=str)
        found = [m.group(1) for m in map(_CHECKSUM_NOTE.search, notes) if m]
        if not found:  # written before the checksum, or its note rewritten: as found
            return "discovered"
        complete = {"target", "pattern", "case_sensitive"} <= set(frame.columns)
        return "discovered" if complete and found[0] == _rows_checksum(frame) else "edited"
    return "user"


_AMBIGUOUS_NOTE = re.compile(r"ambiguous surname: articles naming (.+?)(?: \(none has (\d+)% of them\))?; "
                             r"assign '(.+?)' to one of them or drop it")
_ALSO_FITS_NOTE = re.compile(r"'(.+?)' alone also fits: (.+?)(?:; |$)")
_NAME_COUNT = re.compile(r"^(.+) \((\d+)\)$")
_SHORT_FORM_NOTE = re.compile(r"'(.+?)' counted as this person \((.+?)\)")
_BARE_HEAD_NOTE = re.compile(r"'(.+?)' alone counted as .+?, (named in .+? that uses? it)")
_ALIKE_NOTE = re.compile(r"; '(.+?)' and '(.+?)' may be one person")


def _notes(path: str | Path) -> list[tuple[str, str]]:
    """``(target, note)`` of each row of a targets file with a ``note`` column; ``[]`` for any other file."""
    try:
        frame, _ = read_csv_rows(paths.resolve(path))
    except LexiconError:
        return []
    if not {"target", "note"} <= set(frame.columns):
        return []
    return list(frame[["target", "note"]].astype(str).itertuples(index=False, name=None))


def surname_notes(path: str | Path) -> list[dict]:
    r"""The actors of a list written by ``python -m analysis actors`` whose surname alone may name another person.

    Read from the note of each actor's first row (:func:`actors_to_targets`): a surname that no full name
    dominates (:func:`discover_actors`'s ``dominance``) is an actor of its own, "Paddock (ambiguous)"
    (``ambiguous`` true, ``names`` the full names ending with it and their articles, most first, ``dominance``
    the share of those articles none of them reached, None in a list written before it was noted); a surname
    joined to one full name though others end with it too has ``ambiguous`` false (``n_articles`` and
    ``dominance`` None). ``alike``: two of the full names of an ambiguous surname whose given names are alike
    ("Keir Starmer", "Kir Starmer"), which may be one person, or None. Any other file, or one without such
    notes, gives ``[]``.

    Returns:
        ``[{"actor", "surname", "ambiguous", "names": [{"name", "n_articles"}], "dominance", "alike"}]`` in the
        file's order.

    Example:
        >>> import tempfile
        >>> path = Path(tempfile.mkdtemp()) / "actors.csv"
        >>> _ = path.write_text(
        ...     "target,pattern,case_sensitive,kind,n_articles,n_mentions,note\n"
        ...     "Paddock (ambiguous),Paddock,true,person,14,66,\"person; 14 articles, 66 mentions; aliases: Paddock; "
        ...     "ambiguous surname: articles naming Stephen Paddock (16), Steven Paddock (1) (none has 90% of them); "
        ...     "assign 'Paddock' to one of them or drop it; 'Stephen Paddock' and 'Steven Paddock' may be one "
        ...     "person (a short form, another spelling or a misspelling): if so, give both rows one target; "
        ...     "discovered by actors\"\n"
        ...     "Barack Obama,Barack Obama,true,person,9,20,\"person; 9 articles, 20 mentions; aliases: Barack Obama | "
        ...     "Obama; 'Obama' alone also fits: Michelle Obama; discovered by actors\"\n"
        ...     "Barack Obama,Obama,true,person,9,20,alias\n", encoding="utf-8")
        >>> for n in surname_notes(path):
        ...     print(n["actor"], n["surname"], n["ambiguous"], [tuple(x.values()) for x in n["names"]], n["dominance"],
        ...           n["alike"])
        Paddock (ambiguous) Paddock True [('Stephen Paddock', 16), ('Steven Paddock', 1)] 0.9 ['Stephen Paddock', 'Steven Paddock']
        Barack Obama Obama False [('Michelle Obama', None)] None None
    """
    found = []
    for target, note in _notes(path):
        if (m := _AMBIGUOUS_NOTE.search(note)) is not None:
            names = [_NAME_COUNT.match(part) for part in m.group(1).split(", ")]
            found.append({"actor": target.strip(), "surname": m.group(3), "ambiguous": True,
                          "names": [{"name": n.group(1), "n_articles": int(n.group(2))} for n in names if n],
                          "dominance": None if m.group(2) is None else int(m.group(2)) / 100,
                          "alike": list(alike.groups()) if (alike := _ALIKE_NOTE.search(note)) else None})
        elif (m := _ALSO_FITS_NOTE.search(note)) is not None:
            found.append({"actor": target.strip(), "surname": m.group(1), "ambiguous": False,
                          "names": [{"name": name, "n_articles": None} for name in m.group(2).split(", ")],
                          "dominance": None, "alike": None})
    return found


def merge_notes(path: str | Path) -> list[dict]:
    r"""The names a list written by ``python -m analysis actors`` joined to an actor other than by a surname or the
    gazetteer: a short form of a given name ("Bob Mueller" to Robert Mueller) and an organisation word alone
    ("Coalition" to Coalition of the Willing), read from the note of each actor's first row.

    Returns:
        ``[{"actor", "name", "why"}]`` in the file's order; ``[]`` for any other file.

    Example:
        >>> import tempfile
        >>> path = Path(tempfile.mkdtemp()) / "actors.csv"
        >>> _ = path.write_text(
        ...     "target,pattern,case_sensitive,note\n"
        ...     "Robert Mueller,Robert Mueller,true,\"person; 3 articles; 'Bob Mueller' counted as this person "
        ...     "(Bob: a short form of Robert); discovered by actors\"\n"
        ...     "Coalition of the Willing,Coalition of the Willing,true,\"organisation; 'Coalition' alone counted "
        ...     "as Coalition of the Willing, named in the one article that uses it; discovered by actors\"\n",
        ...     encoding="utf-8")
        >>> for n in merge_notes(path):
        ...     print(n)
        {'actor': 'Robert Mueller', 'name': 'Bob Mueller', 'why': 'Bob: a short form of Robert'}
        {'actor': 'Coalition of the Willing', 'name': 'Coalition', 'why': 'named in the one article that uses it'}
    """
    return [{"actor": target.strip(), "name": m.group(1), "why": m.group(2)}
            for target, note in _notes(path)
            for pattern in (_SHORT_FORM_NOTE, _BARE_HEAD_NOTE) for m in pattern.finditer(note)]


def domain_fit(corpus: pd.DataFrame, *, targets=None, lexicon=None, frames=None) -> dict:
    """How much of the study's actors and vocabularies a corpus uses (are they about this corpus?).

    Args:
        corpus: The corpus table (``id``, ``text``).
        targets: A :class:`~analysis.measures.targets.Targets` or a targets CSV (default: the bundled
            actors of ``data/lexicons/targets.csv``).
        lexicon: The loaded-language lexicon or its CSV (default: the bundled lexicon).
        frames: A frames lexicon or its CSV (default: the bundled ``frames.csv``).

    Returns:
        ``{"n_articles", "actors": [{"actor", "n_articles", "share"}], "any_actor": {"n_articles",
        "share"}, "lexicon": {...}, "frames": {...}, "english": {...}}``; each vocabulary entry has
        ``n_entries``, ``n_used`` (entries matched at least once), ``share_used``, ``n_matches``,
        ``per_1k`` (matches per 1,000 words) and ``share_articles`` (articles with at least one
        match). ``english`` says whether the texts look like English, which every lexicon and model
        here reads: ``share`` of the words that are among :data:`ENGLISH_FUNCTION_WORDS` (English news
        about a third; French, Spanish or German text under a tenth), ``looks_english`` (``share``
        at least :data:`ENGLISH_MIN_SHARE`), and the articles of at least :data:`ENGLISH_MIN_WORDS`
        words below :data:`ENGLISH_MIN_ARTICLE_SHARE` (``n_unlike``, the first ten in ``unlike_ids``).
        :class:`DomainFit` gives the same while another pass over the texts tokenizes them.
    """
    from analysis.text.lexicon import prepare_text

    fit = DomainFit(targets=targets, lexicon=lexicon, frames=frames)
    for ident, text in zip(corpus["id"].astype(str), corpus["text"]):
        fit.add(ident, text, prepare_text(text))  # tokenized once for the three matchers
    return fit.result()


# The commonest English function words. Their share of a text's words tells English from other languages: about a
# third in English news (31% in the bundled articles, 34% in PTC's, 31% in BABE's sentences), 4% in French or
# Spanish news sentences and 9% in German ones (measured with tokenize; tests/test_actors.py).
ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to a in is that for it on was with as by at be are this from he said has have not an his they but were "
    "had".split())
ENGLISH_MIN_SHARE = 0.15  # a corpus below: "does not look like English"
ENGLISH_MIN_ARTICLE_SHARE = 0.10  # an article below (of at least ENGLISH_MIN_WORDS words): "may not be English"
ENGLISH_MIN_WORDS = 50


class DomainFit:
    """:func:`domain_fit`, one article at a time: ``add`` each article's prepared text, then ``result()``.

    For a pass over the corpus that tokenizes each text for other ends too
    (:func:`analysis.corpus.describe.describe_corpus`), so that the texts are tokenized once.
    """

    def __init__(self, *, targets=None, lexicon=None, frames=None) -> None:
        from analysis.text.lexicon import Lexicon

        if not isinstance(targets, Targets):
            targets = Targets.from_csv(paths.TARGETS if targets is None else paths.resolve(targets))
        self.targets = targets
        self.vocabularies = {}
        for key, value, default in (("lexicon", lexicon, paths.LOADED_LEXICON), ("frames", frames, paths.FRAMES)):
            self.vocabularies[key] = value if isinstance(value, Lexicon) else Lexicon.from_csv(default if value is None else paths.resolve(value))
        self.n = 0
        self.per_actor: dict[str, set] = {name: set() for name in targets.names}
        self.used = {key: set() for key in self.vocabularies}
        self.matches = {key: 0 for key in self.vocabularies}
        self.with_match = {key: 0 for key in self.vocabularies}
        self.n_words = 0
        self.n_function = 0
        self.unlike: list[str] = []

    def add(self, ident: str, text: str, prepared) -> None:
        """Count one article: ``prepared`` is :func:`analysis.text.lexicon.prepare_text` of ``text``."""
        self.n += 1
        n_tokens = len(prepared.tokens)
        self.n_words += n_tokens
        function = sum(t.norm in ENGLISH_FUNCTION_WORDS for t in prepared.tokens)
        self.n_function += function
        if n_tokens >= ENGLISH_MIN_WORDS and function < ENGLISH_MIN_ARTICLE_SHARE * n_tokens:
            self.unlike.append(ident)
        for m in self.targets.find(text, prepared=prepared):
            self.per_actor[m.target].add(ident)
        for key, vocab in self.vocabularies.items():
            found = vocab.find(text, prepared=prepared)
            self.used[key].update(m.index for m in found)
            self.matches[key] += len(found)
            self.with_match[key] += bool(found)

    def result(self) -> dict:
        """The dictionary :func:`domain_fit` returns, for the articles added."""
        n, n_words, targets = self.n, self.n_words, self.targets
        any_actor = set().union(*self.per_actor.values()) if self.per_actor else set()

        def share(k: int) -> float:
            return k / n if n else 0.0

        out = {
            "n_articles": n,
            "targets_path": targets.source if targets.source.startswith("<") else paths.display(targets.source),
            "actors": [{"actor": a, "n_articles": len(ids), "share": share(len(ids))} for a, ids in self.per_actor.items()],
            "any_actor": {"n_articles": len(any_actor), "share": share(len(any_actor))},
        }
        for key, vocab in self.vocabularies.items():
            entries, used, matches = len(vocab.entries), self.used[key], self.matches[key]
            out[key] = {
                "path": vocab.source if vocab.source.startswith("<") else paths.display(vocab.source),
                "n_entries": entries, "n_used": len(used), "share_used": len(used) / entries if entries else 0.0,
                "n_matches": matches, "per_1k": 1000.0 * matches / n_words if n_words else 0.0,
                "share_articles": share(self.with_match[key]),
            }
        english = self.n_function / n_words if n_words else 0.0
        out["english"] = {"share": english, "looks_english": bool(n_words == 0 or english >= ENGLISH_MIN_SHARE),
                          "min_share": ENGLISH_MIN_SHARE, "n_unlike": len(self.unlike), "unlike_ids": self.unlike[:10],
                          "article_min_share": ENGLISH_MIN_ARTICLE_SHARE, "article_min_words": ENGLISH_MIN_WORDS}
        return out
