"""Sourcing: attribution cues and cited entities with exact offsets, organisation mentions, naming variants."""

import pandas as pd
import pytest

from analysis.text.lexicon import LexiconError
from analysis.measures.sourcing import (
    ATTRIBUTION_COLUMNS,
    attribution_table,
    cited_by_source,
    find_attributions,
    find_organisations,
    load_naming_variants,
    load_organisations,
    naming_by_source,
    naming_choices,
    naming_in_domain,
)

TEXT = (
    "According to Reuters, talks stalled. A senior Kremlin official said the plan failed. "
    "\u201cWe will not retreat,\u201d said Starmer. Officials have not said more. "
    "Zelensky has warned of costs, citing the Pentagon."
)
CORPUS = pd.DataFrame({"id": ["a", "b"], "source": ["S", "T"], "text": [TEXT, "He said nothing. The talks went on."]})


def test_attributions_exact_spans_entities_and_classes():
    out = find_attributions(CORPUS)
    assert list(out.columns) == ATTRIBUTION_COLUMNS
    rows = out.drop(columns="in_quote").values.tolist()
    assert rows == [
        ["a", 0, 20, "According to Reuters", "According to", "according_to", "Reuters", 13, 20, "named", "Reuters", "news_agency"],
        ["a", 39, 67, "senior Kremlin official said", "said", "speech", "senior Kremlin official", 39, 62, "unnamed",
         "Kremlin", "government"],
        ["a", 108, 120, "said Starmer", "said", "speech_inverted", "Starmer", 113, 120, "named", "", ""],
        ["a", 152, 171, "Zelensky has warned", "warned", "speech", "Zelensky", 152, 160, "named", "", ""],
        ["a", 182, 201, "citing the Pentagon", "citing", "by_source", "Pentagon", 193, 201, "named", "Pentagon", "government"],
        ["b", 0, 7, "He said", "said", "speech", "He", 0, 2, "pronoun", "", ""],
    ]
    # "Officials have not said more": a negated verb attributes nothing.
    assert not out["text"].str.contains("Officials").any()
    for r in out.itertuples():
        text = CORPUS.set_index("id").loc[r.id, "text"]
        assert text[r.start : r.end] == r.text and text[r.entity_start : r.entity_end] == r.entity


def test_head_before_a_joiner_decides_the_class_and_in_quote():
    c = pd.DataFrame({"id": ["x"], "text": ['She recalled: "A spokesperson for Amnesty International said it was wrong, and so on."']})
    out = find_attributions(c)
    # "recalled" is a reporting verb (analysis.text.reporting), so "She" is cited too.
    assert out[["entity", "cue", "entity_class", "organisation", "org_class", "in_quote"]].values.tolist() == [
        ["She", "recalled", "pronoun", "", "", False],
        ["spokesperson for Amnesty International", "said", "unnamed", "Amnesty International", "ngo", True],
    ]


def test_organisation_mentions_and_cited_flag():
    out = find_organisations(CORPUS)
    assert out.values.tolist() == [
        ["a", 13, 20, "Reuters", "Reuters", "news_agency", True, False],
        ["a", 46, 53, "Kremlin", "Kremlin", "government", True, False],
        ["a", 193, 201, "Pentagon", "Pentagon", "government", True, False],
    ]
    # Case-sensitive abbreviations: "UN" and "AP" match, the word "un" in "un-named" does not.
    c = pd.DataFrame({"id": ["u"], "text": ["The UN and AP reported; an un-named aide left NATO."]})
    assert find_organisations(c)[["text", "organisation", "cited"]].values.tolist() == [
        ["UN", "United Nations", False], ["AP", "Associated Press", True], ["NATO", "NATO", False],
    ]


def test_attribution_table_counts_zeros_and_shares():
    att = find_attributions(CORPUS)
    per_source = attribution_table(att, CORPUS)
    assert per_source.values.tolist() == [
        ["S", "named", 4, pytest.approx(0.8), 1], ["S", "pronoun", 0, pytest.approx(0.0), 1],
        ["S", "unnamed", 1, pytest.approx(0.2), 1],
        ["T", "named", 0, pytest.approx(0.0), 1], ["T", "pronoun", 1, pytest.approx(1.0), 1],
        ["T", "unnamed", 0, pytest.approx(0.0), 1],
    ]
    per_article = attribution_table(att, CORPUS, by="id", column="org_class")
    assert list(per_article.columns) == ["id", "source", "org_class", "n", "share", "n_articles"]
    assert per_article[per_article["id"] == "a"].set_index("org_class")["n"].to_dict() == {
        "": 2, "government": 2, "news_agency": 1,
    }
    with pytest.raises(ValueError, match="no column"):
        attribution_table(att, CORPUS, column="speaker")


VARIANTS = pd.DataFrame(
    {
        "group": ["city", "city", "label", "label", "coalition", "distancing"],
        "variant": ["Kyiv", "Kiev", "Kyiv regime", "Zelensky's government", "Coalition of the Willing", 'so-called "coalition'],
    }
)
NAMING_TEXT = "Kiev or Kyiv? The Kyiv regime and Zelensky’s government; Zelenskyy met the so-called “coalition of the willing”."


def test_naming_choices_counts_and_spans_per_group():
    corpus = pd.DataFrame({"id": ["n", "m"], "source": ["S", "S"], "text": [NAMING_TEXT, "Nothing to see."]})
    table, spans = naming_choices(corpus, VARIANTS)
    assert table[table["id"] == "n"][["group", "variant", "n"]].values.tolist() == [
        ["city", "Kyiv", 2], ["city", "Kiev", 1], ["label", "Kyiv regime", 1], ["label", "Zelensky's government", 1],
        ["coalition", "Coalition of the Willing", 1], ["distancing", 'so-called "coalition', 1],
    ]
    assert (table[table["id"] == "m"]["n"] == 0).all() and len(table) == 12
    # "Kyiv regime" counts as a Kyiv spelling and as a label: groups are matched separately.
    assert spans.values.tolist() == [
        ["n", 0, 4, "Kiev", "city", "Kiev", False],
        ["n", 8, 12, "Kyiv", "city", "Kyiv", False],
        ["n", 18, 22, "Kyiv", "city", "Kyiv", False],
        ["n", 18, 29, "Kyiv regime", "label", "Kyiv regime", False],
        ["n", 34, 55, "Zelensky’s government", "label", "Zelensky's government", False],
        ["n", 75, 95, "so-called “coalition", "distancing", 'so-called "coalition', True],
        ["n", 86, 110, "coalition of the willing", "coalition", "Coalition of the Willing", True],
    ]
    assert len(naming_choices(corpus, VARIANTS, keep_zeros=False)[0]) == 6


def test_naming_by_source_shares():
    corpus = pd.DataFrame({"id": ["n", "m"], "source": ["S", "S"], "text": [NAMING_TEXT, "Kyiv said no."]})
    by_source = naming_by_source(naming_choices(corpus, VARIANTS)[0])
    city = by_source[by_source["group"] == "city"]
    assert city[["variant", "n", "share", "n_articles_using"]].values.tolist() == [
        ["Kyiv", 3, pytest.approx(0.75), 2], ["Kiev", 1, pytest.approx(0.25), 1],
    ]


def test_bundled_variant_and_organisation_files_load(tmp_path):
    variants = load_naming_variants()
    assert {"kyiv_spelling", "zelenskyy_spelling", "ukraine_government_label", "coalition_label",
            "coalition_distancing"} <= set(variants["group"])
    assert (variants["note"].str.strip() != "").all()
    orgs = load_organisations()
    assert {"Reuters", "RIA Novosti", "TASS", "Associated Press", "BBC", "Amnesty International"} <= set(orgs["organisation"])
    bad = tmp_path / "variants.csv"
    bad.write_text("group,variant,note\nkyiv,Kyiv,\nkyiv,kyiv,\nkyiv,so*called,\n", encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        load_naming_variants(bad)
    assert "line 3" in str(err.value) and "line 4" in str(err.value)


def test_naming_windows_give_the_same_matches_as_the_whole_text():
    from analysis.text.lexicon import PatternMatcher

    patterns = ["Kyiv", "Kyiv regime", "regime change", "so-called"]
    text = "Kyiv regime change in Kyiv. Kyiv Kyiv regime; so called regime change, regime-change Kyiv"
    variants = pd.DataFrame({"group": ["g"] * len(patterns), "variant": patterns})
    _, spans = naming_choices(pd.DataFrame({"id": ["w"], "text": [text]}), variants)
    whole = [(m.start, m.end, patterns[m.index]) for m in PatternMatcher(patterns).find(text)]
    assert list(zip(spans["start"], spans["end"], spans["variant"])) == whole
    assert [text[a:b] for a, b, _ in whole] == [
        "Kyiv regime", "Kyiv", "Kyiv", "Kyiv regime", "so called", "regime change", "regime-change", "Kyiv",
    ]


def test_auxiliaries_adverbs_names_and_negation():
    c = pd.DataFrame({"id": list("abcd"), "text": [
        "Theresa May said no.",  # "May" is a name here, not an auxiliary
        "An ally quietly warned them.",  # -ly adverb skipped
        "Officials have never confirmed it.",  # negated: no attribution
        "The minister will probably say more, experts now argue.",
    ]})
    out = find_attributions(c)
    assert out[["id", "entity", "cue", "entity_class"]].values.tolist() == [
        ["a", "Theresa May", "said", "named"], ["b", "ally", "warned", "unnamed"],
        ["d", "minister", "say", "unnamed"], ["d", "experts", "argue", "unnamed"],
    ]


def test_cited_by_source_leaves_out_pronouns_and_sorts_by_count_then_name():
    corpus = pd.DataFrame({"id": ["a", "b", "c"], "source": ["S", "S", "T"], "text": [
        "He said no. Officials said yes. anna said so. Bob said so.",
        "They told us. Officials said more. Bob said again.",
        "She said nothing. I said nothing.",
    ]})
    attributions = find_attributions(corpus)
    assert sorted(attributions.loc[attributions["entity_class"] == "pronoun", "entity"]) == ["He", "I", "She", "They"]
    cited = cited_by_source(attributions, corpus)
    # T cites only pronouns: no row; ties ("anna", "Bob" twice vs "Officials") alphabetical ignoring case
    assert cited.values.tolist() == [["S", "Bob", 2], ["S", "Officials", 2]]
    assert cited_by_source(attributions, corpus, top=1).values.tolist() == [["S", "Bob", 2]]


def test_naming_variants_apply_only_to_a_corpus_about_the_war():
    war = pd.DataFrame({"id": ["a"], "text": ["Russian troops shelled Kyiv as the war and the invasion went on; "
                                              "the army said missiles hit the front."]})
    applies, rate = naming_in_domain(war)
    assert applies is True and rate >= 3
    politics = pd.DataFrame({"id": ["a"], "text": ["The mayor's price war with the unions is a conflict of interest, "
                                                   "the council said on Tuesday."]})
    assert naming_in_domain(politics)[0] is False


def test_score_writes_the_attributions_and_naming_spans_of_each_article():
    import pickle

    from analysis.measures.sourcing import Sourcing, naming_table
    from analysis.tables.score import Scorer, score_corpus

    corpus = pd.DataFrame({"id": ["b", "a", "n"], "source": ["T", "S", "S"],
                           "text": [CORPUS.at[1, "text"], TEXT, "Officials in Kiev said the Kyiv regime fell."]})
    scorer = Scorer.load()
    scorer = pickle.loads(pickle.dumps(scorer))  # what the Dask engine sends to its workers
    tables = score_corpus(corpus, scorer)
    found = tables["attributions"]
    assert list(found.columns) == ATTRIBUTION_COLUMNS
    assert found[["id", "start", "entity", "entity_class"]].values.tolist() == [
        ["a", 0, "Reuters", "named"], ["a", 39, "senior Kremlin official", "unnamed"], ["a", 108, "Starmer", "named"],
        ["a", 152, "Zelensky", "named"], ["a", 182, "Pentagon", "named"], ["b", 0, "He", "pronoun"],
        ["n", 0, "Officials in Kiev", "unnamed"],  # the officials speak; "in Kiev" says where (it was "Kiev")
    ]
    pd.testing.assert_frame_equal(found, find_attributions(corpus).reset_index(drop=True))
    spans = tables["naming_spans"]
    assert spans[["id", "start", "text", "group", "variant"]].values.tolist() == [
        ["a", 152, "Zelensky", "zelenskyy_spelling", "Zelensky"],
        ["n", 13, "Kiev", "kyiv_spelling", "Kiev"],
        ["n", 27, "Kyiv", "kyiv_spelling", "Kyiv"],
        ["n", 27, "Kyiv regime", "ukraine_government_label", "Kyiv regime"],
    ]
    table, expected_spans = naming_choices(corpus)
    pd.testing.assert_frame_equal(spans, expected_spans)
    # the counts per article come back from the spans alone, zeros included, in the corpus's order
    pd.testing.assert_frame_equal(naming_table(spans, corpus), table)
    pd.testing.assert_frame_equal(naming_table(spans, corpus, keep_zeros=False), naming_choices(corpus, keep_zeros=False)[0])
    assert isinstance(scorer.sourcing, Sourcing)


def test_sourcing_by_source_reads_the_tables_and_names_a_missing_one():
    from analysis.compare.summaries import sourcing_by_source

    table, spans = naming_choices(CORPUS)
    out = sourcing_by_source(CORPUS, find_attributions(CORPUS), spans)
    assert out["cited"].values.tolist() == [["S", "Pentagon", 1], ["S", "Reuters", 1], ["S", "senior Kremlin official", 1],
                                            ["S", "Starmer", 1], ["S", "Zelensky", 1]]  # "he said" names no one
    assert out["naming_applies"] is False and out["names"].empty  # a corpus this short is not about the war
    with pytest.raises(ValueError, match="no naming_spans.csv .* score again"):
        sourcing_by_source(CORPUS, find_attributions(CORPUS), None)


def test_the_day_a_speaker_spoke_is_not_the_speaker():
    """"X on Friday condemned": the backward scan stopped at "on" and cited "Friday", losing the speaker (a weekday
    was the entity of 25 of 472 attributions in BABE's sentences joined into articles by their outlets, 14 of 3,037
    in ptc-dev's articles)."""
    c = pd.DataFrame({"id": list("abcdefgh"), "text": [
        "The U.N. Security Council on Friday condemned the attack.",
        "The German government on Monday said it would act.",
        "Officials Tuesday night said the talks failed.",
        "Trump on March 3 said the deal was done.",
        "The council on Friday also condemned the strike.",  # an adverb after the day
        "The minister yesterday said nothing.",
        "The senator in an interview on Tuesday mocked the plan.",  # no speaker right before the day: none, not "Tuesday"
        "The council, on Friday, condemned the strike.",  # commas: not one clause with its subject, as before
    ]})
    out = find_attributions(c)
    assert out[["id", "entity", "cue"]].values.tolist() == [
        ["a", "U.N. Security Council", "condemned"], ["b", "German government", "said"], ["c", "Officials", "said"],
        ["d", "Trump", "said"], ["e", "council", "condemned"], ["f", "minister", "said"]]
    # a day with no subject joined before it, a day alone before a cue's "for", a sentence-initial "By": no source;
    # a newspaper named after a day is one
    c = pd.DataFrame({"id": list("abcdef"), "text": [
        "Judge Ana Ruiz in Austin, Texas, on Friday said the rule was void.",
        "Voters turned on Sen. Tom Lee, R-Utah, Sunday for vowing to act.",
        "By claiming victory early, the party lost votes.",
        "The Sunday Times reported the deal.",
        "Friday said nothing.",
        '"We are ready," said Sunday.',
    ]})
    assert find_attributions(c)[["id", "entity"]].values.tolist() == [["d", "Sunday Times"]]


def test_a_speaker_in_a_place_is_the_speaker_not_the_place():
    c = pd.DataFrame({"id": ["x", "y"], "text": ["Experts in Paris described the plan as reckless.",
                                                 "Macron in Paris said the plan was reckless."]})
    out = find_attributions(c)
    assert out[["id", "entity", "entity_class"]].values.tolist() == [
        ["x", "Experts in Paris", "unnamed"],  # was "Paris", named
        ["y", "Macron in Paris", "named"],
    ]


def test_the_groups_that_speak_in_news_on_any_topic_are_unnamed_sources():
    # Before, the speaker's words had to be capitalised or a word of war and diplomacy reporting: "Property owners in
    # Riverside say" cited "Riverside", "Local farmers said" cited no one and "Landlords say" was a named source. A
    # capitalised head after another word names an organisation ("World Health Organization"), not a group
    c = pd.DataFrame({"id": list("abcdef"), "text": [
        "Property owners in Riverside say the cap hurts.", "The mayor's office admitted the forms were late.",
        "Landlords say the rules are unclear.", "Local farmers said prices fell.",
        "The World Health Organization warned of a new wave.", "Prosecutors said the case was strong."]})
    assert find_attributions(c)[["id", "entity", "entity_class"]].values.tolist() == [
        ["a", "Property owners in Riverside", "unnamed"], ["b", "mayor's office", "unnamed"], ["c", "Landlords", "unnamed"],
        ["d", "Local farmers", "unnamed"], ["e", "World Health Organization", "named"], ["f", "Prosecutors", "unnamed"]]


def test_a_group_before_a_name_is_no_title_and_an_inverted_speaker_ends_its_clause():
    # "the very families Alvarez claims": the plural group is no title of the name after it (a singular role is:
    # "attorney John Zwerling"); after an inverted verb the speaker must end its clause, or go on with a preposition
    # or a time: ", said families deserve homes" and ", says police officers were there" cite no one
    c = pd.DataFrame({"id": list("abcdefg"), "text": [
        "This is a betrayal of the very families Alvarez claims to protect.",
        "Alvarez, who backed the cap, said families deserve homes.",
        "But the owner, MGM, says police officers were there.",
        '"We will not retreat," said Starmer on Tuesday.',
        '"It failed," said a senior official, adding that talks would go on.',
        '"Nothing," said officials familiar with the talks.',
        "Defense attorney John Zwerling said the case was weak."]})
    assert find_attributions(c)[["id", "entity", "kind"]].values.tolist() == [
        ["a", "Alvarez", "speech"], ["d", "Starmer", "speech_inverted"], ["e", "senior official", "speech_inverted"],
        ["f", "officials", "speech_inverted"], ["g", "Defense attorney John Zwerling", "speech"]]


def test_a_document_cites_who_issued_it_when_the_text_names_them():
    """"according to a report by X": the entity was "report" (the cue's run stopped at "by"), or "statement from X"
    with "statement" as its head, an unnamed source; the issuer is the source cited. A document with no issuer named,
    a month after "in", a reader after "for" and a subject after "of" leave the document the entity."""
    c = pd.DataFrame({"id": [f"a{k:02d}" for k in range(12)], "text": [
        "Grain prices fell, according to a report by Reuters.",
        "Grain prices fell, according to a statement from the Elysee Palace.",
        "Grain prices fell, according to a statement issued by the Dutch Foreign Ministry on Monday.",
        "Grain prices fell, according to a survey in Le Monde.",
        "Grain prices fell, according to data compiled by the World Bank.",
        "A memo from the Treasury warned that grain prices fell.",
        "Grain prices fell, according to a statement released on Saturday.",
        "Grain prices fell, according to a report in March.",
        "Grain prices fell, according to a report for Parliament.",
        "Grain prices fell, according to estimates by the farmers.",
        "Grain prices fell, according to a survey of bakers.",
        "Grain prices fell, according to a study of Kenya.",
    ]})
    out = find_attributions(c)
    assert out[["id", "text", "entity", "entity_class"]].values.tolist() == [
        ["a00", "according to a report by Reuters", "Reuters", "named"],
        ["a01", "according to a statement from the Elysee Palace", "Elysee Palace", "named"],
        ["a02", "according to a statement issued by the Dutch Foreign Ministry", "Dutch Foreign Ministry", "named"],
        ["a03", "according to a survey in Le Monde", "Le Monde", "named"],
        ["a04", "according to data compiled by the World Bank", "World Bank", "named"],
        ["a05", "Treasury warned", "Treasury", "named"],
        ["a06", "according to a statement", "statement", "unnamed"],
        ["a07", "according to a report", "report", "unnamed"],
        ["a08", "according to a report for Parliament", "report for Parliament", "unnamed"],
        ["a09", "according to estimates by the farmers", "farmers", "unnamed"],
        ["a10", "according to a survey", "survey", "unnamed"],
        ["a11", "according to a study of Kenya", "study of Kenya", "unnamed"],
    ]
    assert all(t == c.set_index("id").loc[i, "text"][s:e] for i, s, e, t in out[["id", "start", "end", "text"]].values)


def test_report_as_a_noun_is_no_attribution_cue():
    """"report" and "reports" are reporting verbs and nouns: "the UN report was false", "all FBI reports on the
    interviews" and "the Drudge Report" were read as the UN, the FBI and Drudge reporting (75 of 3,030 attributions in
    ptc-dev's articles, every one a noun). The verb keeps its speaker."""
    c = pd.DataFrame({"id": [f"a{k:02d}" for k in range(16)], "text": [
        "Xinhua reports that the bridge reopened.",  # verbs
        "The Irish Times reports the bridge reopened.",
        "She reports that the bridge reopened.",
        "We will report on the bridge tomorrow.",
        "Officials report that the bridge reopened.",
        "A Harris poll reports that voters agree.",
        "The Pilot Report said the bridge reopened.",  # nouns
        "The WHO report was wrong.",
        "All NATO reports on the bridge were sealed.",
        "He read six NATO reports.",
        "Intelligence reports that the bridge had reopened were wrong.",
        "Dutch media reports say the bridge reopened.",
        "Garcia's report blames the engineers.",
        "A police report was filed.",
        "They read the Senate report on Tuesday.",
        "The Weekly Bridge Report is read by engineers.",
    ]})
    out = find_attributions(c)
    assert out[["id", "text", "entity", "cue"]].values.tolist() == [
        ["a00", "Xinhua reports", "Xinhua", "reports"],
        ["a01", "Irish Times reports", "Irish Times", "reports"],
        ["a02", "She reports", "She", "reports"],
        ["a03", "We will report", "We", "report"],
        ["a04", "Officials report", "Officials", "report"],
        ["a05", "Harris poll reports", "Harris poll", "reports"],
        ["a06", "Pilot Report said", "Pilot Report", "said"],  # the verb is "said"
        ["a11", "Dutch media reports say", "Dutch media reports", "say"],
    ]


def test_a_month_is_a_time_not_a_speaker():
    """"appeared in a video in October urging ..." cited "October" (ptc-dev: "February told", "February posted"); a
    month or a day before a source noun is no part of it ("Sunday police said"). "May" stays a name."""
    c = pd.DataFrame({"id": [f"a{k}" for k in range(8)], "text": [
        "The mayor spoke in a video in November urging calm.",
        "The council in September rejected the plan.",
        "In November engineers said the bridge was safe.",
        "Sunday police said the road was closed.",
        "May said the vote would go ahead.",
        "The August Review reported the vote.",
        "Last February told a different story.",
        "The Sunday Times reported the vote.",
    ]})
    assert find_attributions(c)[["id", "text", "entity"]].values.tolist() == [
        ["a1", "council in September rejected", "council"],
        ["a3", "police said", "police"],
        ["a4", "May said", "May"],
        ["a5", "August Review reported", "August Review"],
        ["a7", "Sunday Times reported", "Sunday Times"],
    ]


def test_a_paragraph_repeated_in_three_articles_of_a_source_is_cited_once():
    """"Article posted with permission from ..." closed 48 of ptc-dev's articles and made "Article" a top cited source;
    a line repeated word for word in 3 or more articles of one source counts once for it (boilerplate, or a recycled
    background paragraph), in the first of them. Two copies, or copies in different sources, count as before."""
    footer = "\nStory shared with permission, officials said."
    c = pd.DataFrame({"id": ["a1", "a2", "a3", "a4", "b1", "b2"], "source": ["S", "S", "S", "S", "T", "T"], "text": [
        "Talks failed, Anna Berg said." + footer,
        "Talks resumed, Anna Berg said." + footer,
        "Talks ended." + footer.replace("  ", " ").replace("Story", "Story "),  # white space differs: the same line
        "Talks ended, Anna Berg said.\nLawmakers said the plan failed.",
        "Talks failed, Anna Berg said." + footer,
        "Lawmakers said the plan failed." + footer,
    ]})
    assert cited_by_source(find_attributions(c), c).values.tolist() == [
        ["S", "Anna Berg", 3], ["S", "Lawmakers", 1], ["S", "officials", 1],
        ["T", "officials", 2], ["T", "Anna Berg", 1], ["T", "Lawmakers", 1]]


def test_posted_with_permission_is_no_speaker():
    """"Article posted with permission from ..." closed 48 of ptc-dev's articles and cited "Article"."""
    c = pd.DataFrame({"id": ["a", "b", "c"], "text": [
        "Story posted with permission from Jane Roe.", "Lena Park posted on her blog that talks failed.",
        "Officials said with permission from the court that the files were sealed."]})
    assert find_attributions(c)[["id", "entity", "cue"]].values.tolist() == [
        ["b", "Lena Park", "posted"], ["c", "Officials", "said"]]
