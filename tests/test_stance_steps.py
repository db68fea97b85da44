"""The named steps of the stance scorer's sentence analysis (analysis.measures.stance._analyze_sentence)."""

from analysis.measures.stance import (
    StanceParams,
    _attribute,
    _bilateral,
    _own_subjects,
    _cue_roles,
    _find_voices,
    _locate_mentions,
    _split_clauses,
    load_stance_resources,
)
from analysis.text.quotes import QuoteIndex, find_quotes
from analysis.text.tokens import normalize_typography, tokenize

RES = load_stance_resources(lexicon=False)


def prepare(text, names):
    """Tokens, norms, gaps and the mention spans of ``names`` (first occurrence each)."""
    plain = normalize_typography(text)
    toks = tokenize(text)
    norms = [t.norm for t in toks]
    gaps = [plain[toks[i - 1].end : toks[i].start] if i else "" for i in range(len(toks))]
    spans = [(text.index(name), text.index(name) + len(name)) for name in names]
    mentions = _locate_mentions([t.start for t in toks], spans)
    return plain, toks, norms, gaps, mentions


def test_mentions_are_token_ranges():
    _, _, norms, _, mentions = prepare("Russian officials accused Kyiv of atrocities.", ["Russian officials", "Kyiv"])
    assert norms == ["russian", "officials", "accused", "kyiv", "of", "atrocities"]
    assert mentions.of == [0, 0, -1, 1, -1, -1]
    assert (mentions.first, mentions.last) == ([0, 3], [1, 3])


def test_clauses_split_at_punctuation_and_contrast_weighs_more():
    plain, toks, norms, gaps, mentions = prepare("Russia attacked, but Kyiv held the line.", ["Russia", "Kyiv"])
    clauses = _split_clauses(norms, gaps, mentions.of, StanceParams(), plain, toks)
    assert clauses.of == [0, 0, 1, 1, 1, 1, 1]
    assert clauses.first == [0, 2]
    assert clauses.contrast == 1
    assert clauses.weight == [0.5, 1.5]
    plain, toks, norms, gaps, mentions = prepare("Kyiv has yet to comment.", ["Kyiv"])
    clauses = _split_clauses(norms, gaps, mentions.of, StanceParams(), plain, toks)
    assert clauses.of == [0, 0, 0, 0, 0] and clauses.contrast is None  # "yet" without a comma is no contrast


def test_voices_mark_indirect_speech_and_its_speaker():
    text = "The Kremlin said Ukrainian forces committed atrocities."
    plain, toks, norms, gaps, mentions = prepare(text, ["The Kremlin", "Ukrainian forces"])
    clauses = _split_clauses(norms, gaps, mentions.of, StanceParams(), plain, toks)
    voices = _find_voices(toks, norms, QuoteIndex(find_quotes(text)), clauses, mentions)
    assert voices.region == [-1, -1, -1, 0, 0, 0, 0]
    assert voices.speakers == ["<0>"]  # the first mention of the sentence speaks
    assert voices.of(toks, None, 6, 6) == "reported" and voices.of(toks, None, 0, 1) == "author"


def cue_roles(text, names, cue):
    plain, toks, norms, gaps, mentions = prepare(text, names)
    clauses = _split_clauses(norms, gaps, mentions.of, StanceParams(), plain, toks)
    (match,) = [m for m in RES.cues.matcher.find(text, toks) if text[m.start : m.end] == cue]
    i = norms.index(cue.lower())
    m_clause = [clauses.of[f] for f in mentions.first]
    return _cue_roles(i, i, match.index, norms, plain, toks, clauses, mentions, m_clause, RES)


def test_cue_roles_active_passive_and_by():
    assert cue_roles("Russia accused Kyiv of atrocities.", ["Russia", "Kyiv"], "accused") == [(1, "patient", 1), (0, "agent", 1)]
    assert cue_roles("Kyiv was accused by Russia of atrocities.", ["Kyiv", "Russia"], "accused") == [
        (1, "agent", 2), (0, "patient", 2)]
    assert cue_roles("Kyiv was accused of atrocities.", ["Kyiv"], "accused") == [(0, "patient", 2)]


def test_attribution_nearest_in_clause_ties_share_orphans_go_back():
    plain, toks, norms, gaps, mentions = prepare("Russia and Kyiv were reckless, sadly.", ["Russia", "Kyiv"])
    clauses = _split_clauses(norms, gaps, mentions.of, StanceParams(), plain, toks)
    m_clause = [clauses.of[f] for f in mentions.first]
    p = StanceParams()
    reckless, sadly = norms.index("reckless"), norms.index("sadly")
    assert _attribute(reckless, reckless, clauses.of[reckless], mentions, m_clause, None, p) == [(1, 1.0 / 1.2, 1.0)]
    assert _attribute(sadly, sadly, clauses.of[sadly], mentions, m_clause, None, p) == [(1, 0.3, 1.0)]  # orphan
    assert _attribute(0, 0, 0, mentions, m_clause, None, p) == [(0, 1.0, 1.0)]  # inside a mention


def own_subjects(text, aliases):
    plain, toks, norms, gaps, mentions = prepare(text, aliases)
    clauses = _split_clauses(norms, gaps, mentions.of, StanceParams(), plain, toks)
    m_clause = [clauses.of[f] for f in mentions.first]
    return sorted(_own_subjects(norms, gaps, clauses, mentions, m_clause)), clauses.first


def test_own_subjects_open_a_clause_but_an_apposition_does_not():
    # after "and", a semicolon, at the sentence's start and after a fronted clause: a noun phrase of its own
    assert own_subjects("Russia met Turkey, and the crowds were angry.", ["Russia"]) == ([1], [0, 3])
    assert own_subjects("Russia met Turkey; a storm raged.", ["Russia"]) == ([1], [0, 3])
    assert own_subjects("The talks were grim, and Russia left.", ["Russia"]) == ([0], [0, 4])
    assert own_subjects("After Russia left, the talks collapsed.", ["Russia"]) == ([1], [0, 3])
    # an apposition after a comma, one right after the actor, an agent or a deed: not
    assert own_subjects("Russia hit the rescuers, a cruel tactic.", ["Russia"]) == ([], [0, 4])
    assert own_subjects("Russia, a reckless state, and the crowds met.", ["Russia"]) == ([2], [0, 1, 4])
    assert own_subjects("Russia met Turkey, and the president left.", ["Russia"]) == ([], [0, 3])
    assert own_subjects("Russia met Turkey, and the reckless attack began.", ["Russia"]) == ([], [0, 3])


def test_a_subordinator_before_a_determiner_opens_a_clause():
    plain, toks, norms, gaps, mentions = prepare("Biden pledged to act after a gunman shot them.", ["Biden"])
    assert _split_clauses(norms, gaps, mentions.of, StanceParams(), plain, toks).first == [0, 4]
    plain, toks, norms, gaps, mentions = prepare("Biden pledged to act after he shot them.", ["Biden"])
    assert _split_clauses(norms, gaps, mentions.of, StanceParams(), plain, toks).first == [0]


def test_bilateral_pairs_before_a_noun_but_not_before_an_agent_or_a_verb():
    def pairs(text, aliases):
        plain, toks, norms, _gaps, mentions = prepare(text, aliases)
        return sorted(_bilateral(norms, plain, toks, mentions))

    assert pairs("The savage Russia-Ukraine war raged.", ["Russia", "Ukraine"]) == [0, 1]
    assert pairs("The Russia-Ukraine forces advanced.", ["Russia", "Ukraine"]) == []  # an agent noun
    assert pairs("Russia-Ukraine remains tense.", ["Russia", "Ukraine"]) == []  # a verb after the pair
    assert pairs("The Russia - Ukraine war raged.", ["Russia", "Ukraine"]) == []  # spaces: no pair
    assert pairs("Russia and Ukraine met.", ["Russia", "Ukraine"]) == []
