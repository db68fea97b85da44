"""Tests for analysis.measures.actors: names, sentence starts, titles, possessives, the gazetteer, alias merging, the CLI."""

from __future__ import annotations

import csv
import re

import pandas as pd
import pytest

from analysis import paths
from analysis.measures.actors import (STATE_HEADS, actors_to_targets, discover_actors, load_gazetteer, merge_notes,
                                      surname_notes, targets_origin, write_targets)
from analysis.cli.main import main
from analysis.measures.targets import Targets, find_mentions


def corpus(*texts: str) -> pd.DataFrame:
    return pd.DataFrame({"id": [f"a{i}" for i in range(len(texts))], "source": "s", "text": list(texts)})


def found(*texts: str, **kwargs) -> list[tuple[str, str, int, int, list[str]]]:
    kwargs.setdefault("min_articles", 1)
    table = discover_actors(corpus(*texts), **kwargs)
    return [(r.actor, r.kind, r.n_articles, r.n_mentions, r.aliases) for r in table.itertuples(index=False)]


def test_honorifics_possessives_and_surnames_merge_into_one_person():
    got = found(
        "President Barack Obama spoke on Monday.",
        "Critics said Obama's plan would fail. President Obama disagreed.",
        "Sen. Elizabeth Warren replied. Warren's aides were silent.",
    )
    assert got == [
        ("Barack Obama", "person", 2, 3, ["Obama", "Barack Obama"]),
        ("Elizabeth Warren", "person", 1, 2, ["Elizabeth Warren", "Warren"]),
    ]


def test_sentence_start_words_are_not_actors_unless_written_capitalised_elsewhere():
    # "Critics", "Yesterday" and "Officials" open sentences and occur in lower case elsewhere;
    # "Republicans" is written capitalised mid-sentence and is a party in the gazetteer.
    got = found(
        "Critics attacked the plan. Yesterday Republicans met officials. Officials said critics were wrong.",
        "The vote split Republicans.",
    )
    assert got == [("Republican Party", "party", 2, 2, ["Republicans"])]


def test_ambiguous_surname_is_its_own_actor_and_says_so():
    table = discover_actors(corpus(
        "Hillary Clinton spoke in Ohio. Later, Bill Clinton joined her. Clinton said nothing.",
        "Hillary Clinton met donors. Clinton left early.",
    ), min_articles=1)
    rows = table.set_index("actor")
    assert list(table["actor"]) == ["Clinton (ambiguous)", "Hillary Clinton", "Bill Clinton", "Ohio"]
    assert rows.loc["Clinton (ambiguous)", "aliases"] == ["Clinton"]
    assert rows.loc["Clinton (ambiguous)", "n_mentions"] == 2
    assert rows.loc["Clinton (ambiguous)", "note"] == (
        "ambiguous surname: articles naming Hillary Clinton (2), Bill Clinton (1) (none has 90% of them); "
        "assign 'Clinton' to one of them or drop it"
    )


def test_the_surname_goes_to_the_name_the_articles_using_it_name():
    # 90 articles of one story (make report TARGETS=auto): a one-article misspelling "Steven Paddock" and "Marilou Danley
    # Paddock" kept Stephen Paddock's 16 articles under 90% of the names ending in "Paddock", and "Paddock" alone, the
    # shooter's name in 66 mentions, became an actor of its own beside him. Here Eric Paddock is named in 3 of the 13
    # articles naming a Paddock, but in only 1 of the 10 articles that use "Paddock" alone.
    texts = [f"Stephen Paddock opened fire on day {i}. Police said Paddock acted alone on day {i}." for i in range(9)]
    texts += ["Stephen Paddock and Eric Paddock were brothers. Paddock owned guns.",
              "Eric Paddock spoke to reporters.", "Eric Paddock gave an interview."]
    got = found(*texts)
    assert got[0] == ("Stephen Paddock", "person", 10, 20, ["Paddock", "Stephen Paddock"])
    assert got[1] == ("Eric Paddock", "person", 3, 3, ["Eric Paddock"])
    table = discover_actors(corpus(*texts), min_articles=1)
    assert table.loc[0, "note"] == "'Paddock' alone also fits: Eric Paddock"
    # named in 2 of the 10 (more than a tenth): the surname stays apart
    texts[0] += " Eric Paddock was not there."
    got = found(*texts)
    assert sorted(a for a, *_ in got) == ["Eric Paddock", "Paddock (ambiguous)", "Stephen Paddock"]


def test_dominant_full_name_takes_the_surname():
    # 9 of 10 articles name Donald Trump, 1 names Eric Trump: "Trump" alone is Donald Trump.
    texts = [f"Donald Trump spoke about plan {i}. Trump left at {i}." for i in range(9)] + ["Eric Trump spoke."]
    got = found(*texts)
    assert got[0] == ("Donald Trump", "person", 9, 18, ["Donald Trump", "Trump"])
    assert got[1] == ("Eric Trump", "person", 1, 1, ["Eric Trump"])
    assert discover_actors(corpus(*texts), min_articles=1).loc[0, "note"] == "'Trump' alone also fits: Eric Trump"


def test_full_names_of_an_ambiguous_surname_that_may_be_one_person_are_said_to_be(tmp_path):
    """On the bundled articles, "Starmer" was ambiguous between "Keir Starmer" (2 articles) and "Kir Starmer" (2, a
    transliteration): nothing said they may be one person."""
    texts = ["Prime Minister Keir Starmer spoke. Later, Starmer left.", "Keir Starmer met Macron.",
             "Prime Minister Kir Starmer spoke. Later, Starmer left.", "Kir Starmer said so."]
    table = discover_actors(corpus(*texts), min_articles=1).set_index("actor")
    assert table.loc["Starmer (ambiguous)", "note"] == (
        "ambiguous surname: articles naming Keir Starmer (2), Kir Starmer (2) (none has 90% of them); assign 'Starmer' "
        "to one of them or drop it; 'Keir Starmer' and 'Kir Starmer' may be one person (a short form, another spelling "
        "or a misspelling): if so, give both rows one target")
    path = write_targets(table.reset_index(), tmp_path / "actors.csv", origin="found")
    assert [n["alike"] for n in surname_notes(path)] == [["Keir Starmer", "Kir Starmer"]]
    alex = discover_actors(corpus("Alexander Jones spoke. Jones left.", "Alex Jones spoke. Jones left."),
                           min_articles=1)
    assert alex.set_index("actor").loc["Jones (ambiguous)", "note"].endswith(
        "; 'Alex Jones' and 'Alexander Jones' may be one person (a short form, another spelling or a misspelling): if "
        "so, give both rows one target")
    # Hillary and Bill Clinton are not alike
    clinton = discover_actors(corpus("Hillary Clinton spoke. Clinton left.", "Bill Clinton spoke. Clinton left."),
                              min_articles=1).set_index("actor")
    assert clinton.loc["Clinton (ambiguous)", "note"].endswith("assign 'Clinton' to one of them or drop it")


def test_a_short_form_of_a_given_name_is_the_same_person():
    """On 296 news articles "Mueller", "Pompeo", "Grassley" and "Haig" were ambiguous surnames between a name and its
    short form ("Robert Mueller" in 10 articles, "Bob Mueller" in 2), each form an actor of its own."""
    got = discover_actors(corpus("Robert Mueller spoke. Mueller left.", "Robert Mueller met Mike Pompeo.",
                                 "Bob Mueller spoke. Mueller left.", "Secretary Michael Pompeo spoke."),
                          min_articles=1)
    assert got[["actor", "n_articles", "n_mentions", "aliases", "note"]].values.tolist() == [
        ["Robert Mueller", 3, 5, ["Mueller", "Robert Mueller", "Bob Mueller"],
         "'Bob Mueller' counted as this person (Bob: a short form of Robert)"],
        ["Michael Pompeo", 2, 2, ["Michael Pompeo", "Mike Pompeo"],
         "'Mike Pompeo' counted as this person (Mike: a short form of Michael)"],
    ]
    # a short form of several names ("Steve": Steven or Stephen) joins none; other given names are other people
    apart = discover_actors(corpus("Steve Smith spoke. Smith left.", "Stephen Smith spoke. Smith left.",
                                   "Robert Jones spoke.", "Richard Jones spoke."), min_articles=1)
    assert sorted(apart["actor"]) == ["Richard Jones", "Robert Jones", "Smith (ambiguous)", "Stephen Smith",
                                      "Steve Smith"]


def test_the_surnames_that_may_name_someone_else_are_read_back_from_the_actors_file(tmp_path):
    """The report says which actor is a surname alone kept apart ("Paddock (ambiguous)" beside "Stephen Paddock" had
    stood in a report's summary unexplained) and which surname went to one of several full names."""
    texts = ["Hillary Clinton spoke in Ohio. Later, Bill Clinton joined her. Clinton said nothing.",
             "Hillary Clinton met donors. Clinton left early."]
    texts += [f"Donald Trump spoke about plan {i}. Trump left at {i}." for i in range(9)] + ["Eric Trump spoke."]
    path = write_targets(discover_actors(corpus(*texts), min_articles=1), tmp_path / "actors.csv", origin="found")
    assert surname_notes(path) == [
        {"actor": "Donald Trump", "surname": "Trump", "ambiguous": False,
         "names": [{"name": "Eric Trump", "n_articles": None}], "dominance": None, "alike": None},
        {"actor": "Clinton (ambiguous)", "surname": "Clinton", "ambiguous": True,
         "names": [{"name": "Hillary Clinton", "n_articles": 2}, {"name": "Bill Clinton", "n_articles": 1}],
         "dominance": 0.9, "alike": None},
    ]
    assert surname_notes(paths.TARGETS) == [] and surname_notes(tmp_path / "missing.csv") == []


def test_demonyms_capitals_and_country_before_a_title():
    # A demonym is a mention of its country only before a noun for people or bodies acting for the state
    # ("Russian President", "French diplomats"); "Russians" (its people) is none.
    got = found(
        "Russian President Vladimir Putin said Moscow would respond. Russians were angry.",
        "U.S. officials met French diplomats in Paris. The Kremlin objected.",
    )
    assert got == [
        ("Russia", "country", 2, 3, ["Kremlin", "Moscow", "Russian president"]),
        ("France", "country", 1, 2, ["French diplomats", "Paris"]),
        ("United States", "country", 1, 1, ["U.S."]),
        ("Vladimir Putin", "person", 1, 1, ["Vladimir Putin"]),
    ]


def test_a_demonym_or_a_party_adjective_alone_is_no_mention():
    texts = (
        "Americans protested in American cities. American officials said the protests were peaceful.",
        "Democratic senators and Democratic Sen. Chris Murphy objected. The Democratic nomination stays open.",
        "Rioters looted American stores. Democrats said Republican lawmakers and Republicans blocked the bill.",
    )
    table = discover_actors(corpus(*texts), min_articles=1)
    got = table[["actor", "n_articles", "n_mentions", "aliases"]].values.tolist()
    assert got == [
        ["Democratic Party", 2, 2, ["Democratic senators", "Democrats"]],
        ["Republican Party", 1, 2, ["Republican lawmakers", "Republicans"]],
        ["Chris Murphy", 1, 1, ["Chris Murphy"]],
        ["United States", 1, 1, ["American officials"]],
    ]
    assert table.attrs["uncased"] == ["American officials", "Democratic senators", "Republican lawmakers"]
    rows = actors_to_targets(table)
    assert rows.loc[rows["pattern"] == "American officials", "case_sensitive"].tolist() == ["false"]
    assert rows.loc[rows["pattern"] == "Democrats", "case_sensitive"].tolist() == ["true"]
    # matched in any case, as "Russian President" is
    targets = Targets.from_frame(rows)
    assert [m.text for m in find_mentions(corpus("AMERICAN OFFICIALS and american officials met Americans."), targets)
            .itertuples()] == ["AMERICAN OFFICIALS", "american officials"]
    # "Democrat" (24 of 296 ptc-dev articles) was an actor of its own: the party's adjective in its partisan form
    assert found("Democrat lawmakers said a Democrat won. The Democrat Party met.", "Democrat senators objected.") == [
        ("Democratic Party", "party", 2, 3, ["Democrat Party", "Democrat lawmakers", "Democrat senators"])]


def test_languages_interjections_and_roman_numerals_alone_are_no_actors():
    # on 296 ptc-dev articles "English" (13 articles), "Arabic", "OK", "Oh" and "II" had been actors
    assert found("She spoke English and Arabic, not Hebrew. Oh, he said OK. Pope John Paul II spoke.",
                 "English speakers met. OK said Jane Smith. Vatican II ended. Oh Jane, Pope John Paul II said.") == [
        ("John Paul II", "person", 2, 2, ["John Paul II"]), ("Jane Smith", "person", 1, 2, ["Jane", "Jane Smith"]),
        ("Vatican II", "other", 1, 1, ["Vatican II"])]


def test_a_region_is_its_name_or_its_adjective_before_a_noun_for_its_states():
    """"European" and "Western" alone had been actors of their own (kind other: on the bundled articles, "European"
    in 3 of 5), made of "European soil" and "Western front" as much as of "European leaders"."""
    texts = (
        "European leaders met in Paris. Western officials said European soil was safe.",
        "Europe sent aid. Western nations agreed, and European countries paid. The Western front held.",
        "Europeans and Westerners watched the Asian markets while Asian governments waited.",
    )
    table = discover_actors(corpus(*texts), min_articles=1)
    assert table[["actor", "kind", "n_articles", "n_mentions", "aliases"]].values.tolist() == [
        ["Europe", "region", 2, 3, ["Europe", "European countries", "European leaders"]],
        ["the West", "region", 2, 2, ["Western nations", "Western officials"]],
        ["Asia", "region", 1, 1, ["Asian governments"]],
        ["France", "country", 1, 1, ["Paris"]],  # its capital
    ]


def test_a_religious_group_is_its_plural_or_its_adjective_before_a_noun_for_its_members():
    texts = (
        "Muslims gathered to pray. Muslim leaders condemned the attack on the Muslim world.",
        "Jewish voters backed the plan. Black Americans marched in Washington.",
    )
    got = discover_actors(corpus(*texts), min_articles=1)[["actor", "kind", "n_articles", "n_mentions", "aliases"]].values.tolist()
    # "the Muslim world" is no mention; "Black" alone names no actor, "Black Americans" is a name of its own
    assert got == [
        ["Muslims", "group", 1, 2, ["Muslim leaders", "Muslims"]],
        ["Black Americans", "other", 1, 1, ["Black Americans"]],
        ["Jews", "group", 1, 1, ["Jewish voters"]],
        ["United States", "country", 1, 1, ["Washington"]],
    ]
    assert discover_actors(corpus("Black voters and White voters met. Black spoke."), min_articles=1).empty


def test_the_bundled_targets_follow_the_state_heads():
    # The bundled targets list a country's demonym only before a noun of STATE_HEADS (the rule discovered actors
    # follow; "European leaders" and "European partners", a region's, they give to the Coalition of the Willing).
    frame = pd.read_csv(paths.TARGETS)
    g = load_gazetteer()
    heads = set(STATE_HEADS)
    with_demonym = [p for p in frame["pattern"] if (hit := g.lookup(p.split(" ", 1)[0])) and hit[2] == "demonym"
                    and hit[1] == "country" and g.lookup(p) is None]  # not a name of its own ("Russian Federation")
    assert len(with_demonym) == 100
    assert {p.split(" ", 1)[1].lower() for p in with_demonym} <= heads
    assert not [p for p in frame["pattern"] if (hit := g.lookup(p)) and hit[2] in ("demonym", "adjective")]


def test_acronym_joins_its_long_form_and_longer_names_are_ignored():
    table = discover_actors(corpus(
        "The Federal Bureau of Investigation opened a case. The FBI declined to comment.",
        "The FBI said Washington had asked. The Washington Post reported it.",
    ), min_articles=2)
    assert table[["actor", "n_articles", "n_mentions", "aliases"]].values.tolist() == [
        ["Federal Bureau of Investigation", 2, 3, ["FBI", "Federal Bureau of Investigation"]],
    ]
    # "Washington" (1 article) is below min_articles; nothing else to ignore
    assert table.attrs["ignore"] == []
    kept = discover_actors(corpus("Washington objected.", "Washington agreed. The Washington Post reported it."), min_articles=2)
    assert kept["actor"].tolist() == ["United States"]
    assert kept.loc[0, "n_mentions"] == 2  # not the "Washington" inside "Washington Post"
    assert kept.attrs["ignore"] == ["Washington Post"]


def test_initials_of_a_person_keep_the_person_a_person():
    # "JFK" expands to John F Kennedy as "FBI" does to its long form; the actor was made an organisation
    got = found("John F Kennedy spoke in Dallas. JFK was shot.", "Historians still study JFK and Kennedy.")
    assert got[0] == ("John F Kennedy", "person", 2, 4, ["JFK", "John F Kennedy", "John F. Kennedy", "Kennedy"])


def test_dates_hyphenated_words_and_party_tags_are_no_names():
    # On 296 news articles "Oct", "Sept", "Nov" and "Feb" (dates), "Semitism", "Semitic" and "Semite" (of
    # "anti-Semitism") and "D Calif" and "R Iowa" (a legislator's tag: "(R-Iowa)", ", D-Calif.,") had been
    # actors of their own
    got = found(
        "On Oct. 5 the anti-Semitism of Senator Dianne Feinstein (D-Ohio) was alleged. Sept 11 changed Washington.",
        "Since Oct. 5 Jan Smith has spoken of anti-Semitic remarks, with Senator John Kerry (R-Iowa) in mid-April.",
        "Senator Dianne Feinstein, D-Ohio, wrote.",
    )
    assert got == [("Dianne Feinstein", "person", 2, 2, ["Dianne Feinstein"]),
                   ("Jan Smith", "person", 1, 1, ["Jan Smith"]), ("John Kerry", "person", 1, 1, ["John Kerry"]), ("United States", "country", 1, 1, ["Washington"])]
    # the name after a prefixed word still counts ("pro-Russian Putin"); an Arabic article is no prefix
    assert found("Critics of pro-Russian Putin fans met al-Assad's allies. Assad left.") == [
        ("Assad", "other", 1, 2, ["Assad"]), ("Putin", "other", 1, 1, ["Putin"])]


def test_an_organisation_word_alone_joins_the_longer_name_its_articles_use():
    """With TARGETS=auto on the bundled articles, "Coalition" (the article that writes "The Coalition is standing
    ready" after "the Coalition of the Willing") was an actor apart from "Coalition of the Willing"."""
    got = found("The Coalition of the Willing met. The Coalition is standing ready.",
                "The Coalition of the Willing met again. Later the Coalition left.",
                "The Coalition of the Willing spoke.",
                "The City Council met. The Student Council objected. The Council adjourned.")
    # two councils in the article that writes "the Council": it stays apart
    assert got == [("Coalition of the Willing", "organisation", 3, 5, ["Coalition of the Willing", "Coalition"]),
                   ("City Council", "organisation", 1, 1, ["City Council"]),
                   ("Council", "organisation", 1, 1, ["Council"]),
                   ("Student Council", "organisation", 1, 1, ["Student Council"])]
    table = discover_actors(corpus("The Coalition of the Willing met. The Coalition is standing ready."),
                            min_articles=1)
    assert table.loc[0, "note"] == ("'Coalition' alone counted as Coalition of the Willing, named in the one article "
                                    "that uses it")


def test_the_names_joined_as_short_forms_or_organisation_words_are_read_back_from_the_actors_file(tmp_path):
    """The report's method names each such join, so that a reader can check it."""
    texts = ["Robert Mueller spoke. Mueller left.", "Robert Mueller met the Coalition of the Willing.",
             "Bob Mueller spoke. The Coalition of the Willing met. The Coalition is standing ready."]
    path = write_targets(discover_actors(corpus(*texts), min_articles=1), tmp_path / "actors.csv", origin="found")
    assert merge_notes(path) == [
        {"actor": "Robert Mueller", "name": "Bob Mueller", "why": "Bob: a short form of Robert"},
        {"actor": "Coalition of the Willing", "name": "Coalition", "why": "named in the one article that uses it"}]
    assert merge_notes(paths.TARGETS) == [] and merge_notes(tmp_path / "missing.csv") == []


def test_a_full_name_after_a_party_adjective_or_a_body_is_the_persons_mention():
    # NewsMTSC's development articles: "Republican Joni Ernst" and "Temple University Bill Cosby" were actors of their
    # own beside Joni Ernst and Bill Cosby ("Republican Trump" already was the surname's mention)
    assert found("The candidate, Republican Joni Ernst, spoke. Ernst left. Sen. Joni Ernst won.",
                 "Temple University Bill Cosby spoke. Bill Cosby left.") == [
        ("Joni Ernst", "person", 1, 3, ["Ernst", "Joni Ernst"]), ("Bill Cosby", "person", 1, 2, ["Bill Cosby"])]


def test_a_surname_with_an_apostrophe_after_its_first_letter_is_a_name():
    # "O'Rourke" alone was dropped as if it were a contraction ("Here's"), and "Sandra Day O'Connor" was no person
    # (the Census lists write "OCONNOR"); on the 296 ptc-dev articles Sean O'Malley (5 articles) was no actor
    assert found("Senator Beto O’Rourke spoke. Later, O’Rourke left. Here's why.",
                 "Sandra Day O'Connor wrote. O'Connor retired.", "Don't go, O'Rourke said.") == [
        ("Beto O'Rourke", "person", 2, 3, ["O'Rourke", "Beto O'Rourke"]),
        ("Sandra Day O'Connor", "person", 1, 2, ["O'Connor", "Sandra Day O'Connor"])]


def test_headlines_in_title_case_are_skipped():
    got = found("Trump Says He Will Veto The Bill\nThe president spoke to Nancy Pelosi.")
    assert got == [("Nancy Pelosi", "person", 1, 1, ["Nancy Pelosi"])]
    assert found("Trump Visits Ohio Rally Today (Video)\nThe president spoke to Nancy Pelosi.") == got
    # the sentence splitter ends a sentence at "(D-Calif.)" before a capital: its words were skipped as a headline's
    assert found("Senator Dianne Feinstein (D-Calif.) The vote was close. Feinstein left.") == [
        ("Dianne Feinstein", "person", 1, 2, ["Dianne Feinstein", "Feinstein"])]


def test_targets_table_is_a_valid_targets_file_with_counts(tmp_path):
    table = discover_actors(corpus("President Barack Obama spoke.", "Obama's plan failed in Russia."), min_articles=1)
    out = actors_to_targets(table)
    assert out.columns.tolist() == ["target", "pattern", "case_sensitive", "kind", "n_articles", "n_mentions", "note"]
    assert out[["target", "pattern", "n_articles"]].values.tolist() == [
        ["Barack Obama", "Barack Obama", 2], ["Barack Obama", "Obama", 2], ["Russia", "Russia", 1],
    ]
    assert out.loc[0, "note"] == "person; 2 articles, 2 mentions; aliases: Barack Obama | Obama"
    targets = Targets.from_frame(out)
    assert targets.names == ("Barack Obama", "Russia")
    # discovered aliases are case-sensitive: "bush" is not "Bush"
    assert [m.target for m in targets.find("obama and Obama")] == ["Barack Obama"]


def test_gazetteer_has_countries_demonyms_capitals_and_organisations():
    g = load_gazetteer()
    assert g.lookup("Ukrainian") == ("Ukraine", "country", "demonym")
    assert g.lookup("Kyiv") == ("Ukraine", "country", "capital")
    assert g.lookup("Kremlin") == ("Russia", "country", "seat")
    assert g.lookup("NATO") == ("North Atlantic Treaty Organization", "organisation", "acronym")
    assert g.lookup("GOP") == ("Republican Party", "party", "acronym")
    assert g.lookup("Georgia") is None  # usually the US state in English-language news
    assert sum(1 for a in g.aliases.values() if a[2] == "name" and a[1] == "country") >= 195


def test_cli_writes_a_targets_file_and_prints_a_table(tmp_path, capsys):
    src = tmp_path / "c.csv"
    corpus("President Barack Obama spoke.", "Obama's plan failed in Russia.", "Russia objected.").to_csv(src, index=False)
    out = tmp_path / "targets.csv"
    assert main(["actors", str(src), "--top", "1", "--out", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["target"], r["pattern"], r["n_articles"]) for r in rows] == [
        ("Barack Obama", "Barack Obama", "2"), ("Barack Obama", "Obama", "2"),
    ]
    assert targets_origin(out) == "discovered"
    assert targets_origin(paths.TARGETS) == "bundled"
    # the first note ends with a checksum of the rows: an edit of them (an actor left out) shows
    written = out.read_text(encoding="utf-8")
    assert re.search(r"; rows checksum [0-9a-f]{12} \(an edit of the rows changes it\)\"\n", written)
    edited = tmp_path / "edited.csv"
    edited.write_text(written.replace("Barack Obama,Obama,true", "Barack Obama,Obama,false"), encoding="utf-8")
    assert targets_origin(edited) == "edited"
    edited.write_text(written.replace("mentions; aliases", "mentions (checked); aliases"), encoding="utf-8")
    assert targets_origin(edited) == "discovered"  # a note is no row
    capsys.readouterr()
    assert main(["actors", str(src)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[1].split()[:4] == ["Barack", "Obama", "person", "2"]
    assert printed[2].split()[:3] == ["Russia", "country", "2"]
    assert main(["actors", str(src), "--min-articles", "9"]) == 1
    assert "no actor is mentioned in 9 or more articles" in capsys.readouterr().err
    # with 1 (what make asks for) there is nothing to lower: the error says what to do instead
    bare = tmp_path / "bare.csv"
    corpus("the talks went on.", "nobody spoke to the press.").to_csv(bare, index=False)
    assert main(["actors", str(bare), "--min-articles", "1"]) == 1
    assert capsys.readouterr().err.strip() == (
        f"error: {bare}: no actor found: no article names a person, organisation or country with a capitalised name "
        "outside sentences that recur in many articles (those are left out as boilerplate); write a targets file by "
        "hand (docs/researchers.md) and pass it, with make: TARGETS=my_targets.csv")


def test_cli_reads_other_id_and_text_columns_in_another_encoding(tmp_path, capsys):
    src = tmp_path / "c.csv"
    rows = ["doc,body,note", "1,“President Barack Obama spoke.”,x", "2,Obama’s plan failed in Russia.,y", "3,Russia objected.,z"]
    src.write_bytes("\n".join(rows).encode("windows-1252") + b"\n")
    assert main(["actors", str(src), "--id-column", "doc", "--text-column", "body", "--encoding", "windows-1252"]) == 0
    assert capsys.readouterr().out.splitlines()[1].split()[:4] == ["Barack", "Obama", "person", "2"]
    assert main(["actors", str(src), "--text-column", "body"]) == 1  # not UTF-8, and no `id` column
    assert capsys.readouterr().err.startswith(f"error: {src}: ")


@pytest.mark.parametrize("args", [["--top", "0"], ["--min-articles", "0"]])
def test_cli_rejects_bad_numbers(tmp_path, capsys, args):
    src = tmp_path / "c.csv"
    corpus("Obama spoke.").to_csv(src, index=False)
    assert main(["actors", str(src), *args]) == 1
    assert "at least 1" in capsys.readouterr().err


def test_domain_fit_counts_default_actors_and_vocabulary_use():
    from analysis.text.lexicon import Lexicon
    from analysis.measures.targets import Targets as T

    lex = Lexicon.from_frame(pd.DataFrame({"pattern": ["regime", "brutal", "unused"], "category": "x", "weight": 1}))
    frames = Lexicon.from_frame(pd.DataFrame({"pattern": ["talks", "war"], "category": ["d", "w"], "weight": 1}))
    fit = __import__("analysis.measures.actors", fromlist=["domain_fit"]).domain_fit(
        corpus("Kyiv held talks with the brutal regime.", "The Senate voted on taxes."),
        targets=T.from_dict({"Ukraine": ["Kyiv"], "NATO": ["NATO"]}), lexicon=lex, frames=frames,
    )
    assert fit["actors"] == [{"actor": "Ukraine", "n_articles": 1, "share": 0.5}, {"actor": "NATO", "n_articles": 0, "share": 0.0}]
    assert fit["any_actor"] == {"n_articles": 1, "share": 0.5}
    assert {k: fit["lexicon"][k] for k in ("n_entries", "n_used", "n_matches", "share_articles")} == {
        "n_entries": 3, "n_used": 2, "n_matches": 2, "share_articles": 0.5}
    assert fit["lexicon"]["per_1k"] == pytest.approx(1000 * 2 / 12)  # 7 + 5 words
    assert (fit["frames"]["n_used"], fit["frames"]["n_matches"]) == (1, 1)


def test_domain_fit_says_whether_the_texts_look_english():
    from analysis.measures.actors import domain_fit

    english = ("The government said on Tuesday that troops would be sent to the country after the ceasefire, and the "
               "allies welcomed it. ") * 3
    french = ("Le gouvernement a annoncé mardi que les troupes seraient envoyées dans le pays après le cessez-le-feu, "
              "selon un communiqué. Les alliés ont salué la décision. ") * 3
    german = ("Die Regierung kündigte am Dienstag an, dass Truppen nach einem Waffenstillstand in das Land geschickt "
              "werden sollen. Die Verbündeten begrüßten die Entscheidung. ") * 3
    fit = domain_fit(corpus(english, english, french))["english"]
    # an English sentence: 11 of its 21 words in the list (the x4, said, on, that, be, to, and, it); the French one: 1
    # of 27 (the French verb "a"); the German one: 2 of 22 ("an", "in"); each text is its sentence three times
    assert fit["share"] == pytest.approx((33 + 33 + 3) / (63 + 63 + 81))
    assert fit["looks_english"] is True and fit["n_unlike"] == 1 and fit["unlike_ids"] == ["a2"]
    fit = domain_fit(corpus(french, german))["english"]
    assert fit["looks_english"] is False and fit["n_unlike"] == 2 and fit["share"] < 0.1
    assert (fit["min_share"], fit["article_min_share"], fit["article_min_words"]) == (0.15, 0.10, 50)
    # a short English headline is never "not English" (fewer than 50 words)
    assert domain_fit(corpus("Kyiv talks resume"))["english"]["n_unlike"] == 0


def test_score_targets_auto_and_frames_auto(tmp_path, capsys):
    src = tmp_path / "c.csv"
    corpus("President Barack Obama spoke in Texas.", "Obama's plan failed in Russia.", "Russia objected to taxes.").to_csv(src, index=False)
    out = tmp_path / "out"
    assert main(["score", str(src), "--out", str(out), "--targets", "auto", "--n-actors", "2", "--frames", "auto", "--no-progress"]) == 0
    assert "--targets auto: the 2 actors mentioned in most articles (Barack Obama, Russia)" in capsys.readouterr().err
    stance = pd.read_csv(out / "stance.csv", dtype={"id": str})
    assert sorted(set(stance["target"])) == ["Barack Obama", "Russia"]
    assert targets_origin(out / "targets_discovered.csv") == "discovered"
    articles = pd.read_csv(out / "articles.csv")
    assert "frame_economic" in articles.columns and "frame_legality" in articles.columns  # the policy frames
    assert int(articles["frame_economic_n"].sum()) == 1  # "taxes"
    # the bundled corpus keeps its curated targets and frames
    bundled = tmp_path / "bundled"
    assert main(["score", str(paths.RAW), "--out", str(bundled), "--targets", "auto", "--frames", "auto", "--no-progress"]) == 0
    assert sorted(set(pd.read_csv(bundled / "stance.csv")["target"])) == ["Coalition", "NATO", "Russia", "Ukraine", "United States"]
    assert "frame_military_operations" in pd.read_csv(bundled / "articles.csv").columns
    assert not (bundled / "targets_discovered.csv").exists()


@pytest.mark.skipif(__import__("shutil").which("make") is None, reason="make is not installed")
@pytest.mark.parametrize(("corpus_arg", "targets", "frames"), [
    ("data/raw", "--targets 'data/lexicons/targets.csv'", "--frames 'data/lexicons/frames.csv'"),
    ("tests/fixtures/synthetic_corpus.csv", "--targets '/tmp/no-such-build/targets_discovered.csv'",
     "--frames 'data/lexicons/frames_policy.csv'"),
])
def test_make_chooses_targets_and_frames_by_corpus(corpus_arg, targets, frames):
    import subprocess
    import sys

    run = subprocess.run(["make", "-n", "scores", f"PYTHON={sys.executable}", f"CORPUS={corpus_arg}", "BUILD=/tmp/no-such-build"],
                         cwd=paths.ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert targets in run.stdout and frames in run.stdout
    assert ("-m analysis actors" in run.stdout) == (corpus_arg != "data/raw")


def test_title_only_sequences_single_names_and_surnames_outside_the_census_list():
    got = found(
        "Pope Francis met the Secretary of State. Later Francis prayed. Pope Francis left.",
        "Julian Assange spoke. Assange's lawyers agreed. Julian Assange appealed.",
        "Julian Assange lost. Critics cheered. Assange objected.",
    )
    # "Secretary of State" is a title with no name after it, not an actor "State"; a one-name person
    # mostly introduced by one title is named with it; "Assange" (not a Census surname) joins
    # "Julian Assange" because the corpus also uses it alone.
    assert got == [
        ("Julian Assange", "person", 2, 5, ["Julian Assange", "Assange"]),
        ("Pope Francis", "person", 1, 3, ["Francis"]),
    ]


def test_a_portfolio_before_an_office_is_part_of_the_title():
    # Before: actors "Health" and "Education" (the words before the title were a name of their own) and a person
    # "National Security Adviser" (a title with no name after it, taken as the name after "Deputy").
    got = found(
        "The council met on Monday, and Health Commissioner Aisha Grant said admissions rose. Grant left.",
        "On Tuesday Education Secretary Linda McMahon and Homeland Security Secretary Kristi Noem met Apple CEO Tim Cook.",
        "Trump named a new Deputy National Security Adviser on Friday. Ukrainian Foreign Minister Andrii Sybiha objected.",
    )
    # a company or a country before a title stays a name of its own
    assert got == [
        ("Aisha Grant", "person", 1, 2, ["Aisha Grant", "Grant"]),
        ("Andrii Sybiha", "person", 1, 1, ["Andrii Sybiha"]),
        ("Apple", "other", 1, 1, ["Apple"]),
        ("Kristi Noem", "person", 1, 1, ["Kristi Noem"]),
        ("Linda McMahon", "person", 1, 1, ["Linda McMahon"]),
        ("Tim Cook", "person", 1, 1, ["Tim Cook"]),
        ("Ukraine", "country", 1, 1, ["Ukrainian foreign minister"]),
    ]


def test_a_name_is_written_with_the_hyphens_the_corpus_mostly_writes_it_with():
    # Names had lost their hyphens ("Jean Claude Juncker", "Alexandria Ocasio Cortez") in the table and the targets
    # file; the words are still found and merged apart, so the counts are those of the unhyphenated name.
    got = found(
        "President Bashar al-Assad fled on Monday. Jean-Claude Juncker said Assad had lost.",
        "Rep. Alexandria Ocasio-Cortez spoke. Critics of Bashar al-Assad cheered. Juncker left.",
        "Bashar al Assad and Jean-Claude Juncker met.",
    )
    assert got == [
        ("Bashar al-Assad", "person", 3, 4, ["Bashar al-Assad", "Assad"]),
        ("Jean-Claude Juncker", "person", 3, 3, ["Jean-Claude Juncker", "Juncker"]),
        ("Alexandria Ocasio-Cortez", "person", 1, 1, ["Alexandria Ocasio-Cortez"]),
    ]
    # written as often with a hyphen as without: apart
    assert found("Jean-Claude Juncker spoke. Jean Claude Juncker left.")[0][0] == "Jean Claude Juncker"


def test_names_joined_by_a_hyphen_into_a_modifier_are_each_a_mention():
    # "the Israel-Hamas war" had been an actor "Israel-Hamas", in every article, which took the mentions of Israel in it
    got = found(
        "The Israel-Hamas war entered its third month. Israel said it would continue. Hamas rejected the plan.",
        "Talks to end the Israel-Hamas war stalled, and the Russia-Ukraine war went on.",
        "Diplomats said the Israel-Hamas war had spread. The U.S.-Mexico border was closed. African-American voters and "
        "Alexandria Ocasio-Cortez objected.",
    )
    # a name written with a hyphen, and a demonym's compound, stay one name
    assert got == [
        ("Hamas", "other", 3, 4, ["Hamas"]),
        ("Israel", "country", 3, 4, ["Israel"]),
        ("African-American", "other", 1, 1, ["African-American"]),
        ("Alexandria Ocasio-Cortez", "person", 1, 1, ["Alexandria Ocasio-Cortez"]),
        ("Mexico", "country", 1, 1, ["Mexico"]),
        ("Russia", "country", 1, 1, ["Russia"]),
        ("Ukraine", "country", 1, 1, ["Ukraine"]),
        ("United States", "country", 1, 1, ["U.S."]),
    ]
    # a country whose name has a hyphen is that country, not the one named by its first part (it had been an actor
    # "Guinea Bissau" of kind other, unknown to the gazetteer that writes it "Guinea-Bissau")
    assert found("Troops from Guinea-Bissau arrived. Timor-Leste and Congo-Brazzaville voted.") == [
        ("Guinea-Bissau", "country", 1, 1, ["Guinea-Bissau"]),
        ("Republic of the Congo", "country", 1, 1, ["Congo-Brazzaville"]),
        ("Timor-Leste", "country", 1, 1, ["Timor-Leste"]),
    ]


def test_a_candidate_is_the_person_named_after_the_word():
    corpus = pd.DataFrame({"id": ["a", "b", "c"], "text": ["Candidate Maria Lopez promised new bus routes.",
                                                           "Maria Lopez spoke on Tuesday.", "Lopez won the vote."]})
    found = discover_actors(corpus, min_articles=1)
    assert found[["actor", "kind", "n_articles", "n_mentions", "aliases"]].values.tolist() == [
        ["Maria Lopez", "person", 3, 3, ["Maria Lopez", "Lopez"]]]


def test_a_longer_name_contains_an_alias_only_as_a_whole_name():
    from analysis.measures.actors import _contains_any

    assert _contains_any("Washington Post", {"Obama", "Washington"})
    assert _contains_any("New U.S. Army", {"U.S."})
    assert not _contains_any("Washingtonian Post", {"Washington"})  # not before a word character
    assert not _contains_any("U.S.A Today", {"S.A"})  # not right after a dot
    assert not _contains_any("Post", set())


def test_a_son_with_a_suffix_is_not_his_father():
    # "Donald Trump Jr." is a person of his own: "Trump" alone still joins Donald Trump, and the
    # "Trump" inside the son's name is not counted for the father.
    texts = [f"Donald Trump spoke about plan {i}. Trump left at {i}." for i in range(6)]
    table = discover_actors(corpus(*texts, "Donald Trump Jr. spoke. Later Donald Trump Jr. left."), min_articles=1)
    assert table[["actor", "kind", "n_articles", "n_mentions", "aliases"]].values.tolist() == [
        ["Donald Trump", "person", 6, 12, ["Donald Trump", "Trump"]],
        ["Donald Trump Jr", "person", 1, 2, ["Donald Trump Jr"]],
    ]
    top = discover_actors(corpus(*texts, "Donald Trump Jr. spoke. Later Donald Trump Jr. left."), min_articles=1, top=1)
    assert top.loc[0, "n_mentions"] == 12 and top.attrs["ignore"] == ["Donald Trump Jr"]



def test_a_full_name_with_a_middle_initial_is_a_person_whatever_its_given_name():
    # "Antony" is no given name of the Census lists; the middle initial makes the name a person's, and the surname
    # alone joins it (before, "Blinken" alone and "Antony J Blinken" were two actors)
    got = found("Deputy envoy Antony J. Blinken spoke in Paris. Blinken left.", "Later Blinken said the talks went well.")
    assert got[0] == ("Antony J Blinken", "person", 2, 3, ["Blinken", "Antony J Blinken", "Antony J. Blinken"])


def test_full_names_with_different_middle_initials_are_different_people():
    # George W. Bush and his father George H.W. Bush share a first and a last name: their initials keep them apart;
    # one initial beside none is still one person (Barack H. Obama, Barack Obama)
    texts = ["President George W. Bush spoke. His father George H.W. Bush listened.", "George W. Bush left Texas.",
             "George H. W. Bush died in 2018.", "President Barack H. Obama spoke.", "Barack Obama left."]
    assert [row[:4] + (row[4],) for row in found(*texts) if row[0] != "Texas"] == [
        ("Barack H Obama", "person", 2, 2, ["Barack H Obama", "Barack H. Obama", "Barack Obama"]),
        ("George H W Bush", "person", 2, 2, ["George H W Bush", "George H. W. Bush", "George H.W. Bush"]),
        ("George W Bush", "person", 2, 2, ["George W Bush", "George W. Bush"]),
    ]


def test_a_name_with_initials_matches_as_it_is_written():
    # A name's words are kept without periods ("George W Bush"); the actor's aliases hold the dotted form too, so
    # "George W. Bush" in the text is the person's mention, not "George W" and a surname apart
    texts = ["Former President George W. Bush spoke. Bush left.", "George W. Bush met J.K. Rowling in St. Louis.",
             "President George W Bush spoke.", "As for George W, he stayed."]
    table = discover_actors(corpus(*texts), min_articles=1)
    assert table[["actor", "kind", "n_articles", "n_mentions", "aliases"]].values.tolist()[:2] == [
        ["George W Bush", "person", 3, 4, ["George W Bush", "George W. Bush", "Bush"]],
        ["George W", "other", 1, 1, ["George W"]],
    ]
    mentions = find_mentions(corpus(*texts), Targets.from_frame(actors_to_targets(table)))
    spans = [(m.id, texts[int(m.id[1:])][m.start : m.end])
             for m in mentions.itertuples() if m.target == "George W Bush"]
    assert spans == [("a0", "George W. Bush"), ("a0", "Bush"), ("a1", "George W. Bush"), ("a2", "George W Bush")]

def test_words_capitalised_only_at_a_sentence_start_do_not_hide_a_surname():
    # "Egomaniac" and "Fortunately" are capitalised only where a sentence starts: "Egomaniac Trump" is
    # no name of its own (nor an IGNORE row) and its "Trump" is a mention of Donald Trump. A given name
    # before the surname is another person ("Melania Trump"), and a word the corpus capitalises inside
    # sentences too may be part of another name ("Trump Tower"): both stay ignored.
    texts = [f"Donald Trump spoke about plan {i}. Trump left at {i}." for i in range(20)] + [
        "Egomaniac Trump doesn't care about you.", "Fortunately for Trump, the vote was late.",
        "Melania Trump spoke. Later Melania Trump left.", "He met Melania Trump at Trump Tower."]
    table = discover_actors(corpus(*texts), min_articles=2, top=1)
    assert table[["actor", "n_articles", "n_mentions"]].values.tolist() == [["Donald Trump", 22, 42]]
    assert table.attrs["ignore"] == ["Melania Trump", "Trump Tower"]


def test_a_party_adjective_or_potus_before_a_surname_is_no_name_of_its_own():
    # "Republican Trump" and "POTUS Trump" were IGNORE rows that hid a mention of Donald Trump: a party's or a country's
    # adjective of the gazetteer before a person's surname makes no name, and "POTUS" is a title.
    texts = [f"Donald Trump spoke about plan {i}. Trump left at {i}." for i in range(20)] + [
        "The rally cheered Republican Trump on Monday.", "Critics say POTUS Trump was late."]
    table = discover_actors(corpus(*texts), min_articles=2, top=1)
    assert table[["actor", "n_articles", "n_mentions"]].values.tolist() == [["Donald Trump", 22, 42]]
    assert table.attrs["ignore"] == []


def test_local_government_and_military_titles_introduce_a_person():
    # Without these titles "Councilmember David Cho" was one actor of kind "other", and "Council Member
    # Ana Ruiz" an organisation (its "Council").
    got = found(
        "Councilmember David Cho voted against the plan. Council Member Ana Ruiz voted for it.",
        "Assemblywoman Grace Park and District Attorney Alvin Bragg spoke. Cho left early.",
        "Lieutenant General Mark Cole and Supervisor Ruth Ng met Deputy Mayor Ann Vance.",
    )
    assert got == [
        ("David Cho", "person", 2, 2, ["Cho", "David Cho"]),
        ("Alvin Bragg", "person", 1, 1, ["Alvin Bragg"]),
        ("Ana Ruiz", "person", 1, 1, ["Ana Ruiz"]),
        ("Ann Vance", "person", 1, 1, ["Ann Vance"]),
        ("Grace Park", "person", 1, 1, ["Grace Park"]),
        ("Mark Cole", "person", 1, 1, ["Mark Cole"]),
        ("Ruth Ng", "person", 1, 1, ["Ruth Ng"]),
    ]
    # "Chief of Staff" introduces a name (it used to swallow it); a title that begins a longer title ending the
    # run introduces none ("Inspector" before "General"), so "House Inspector General" stays a name
    assert found("Chief of Staff Susie Wiles spoke. Wiles left. The House Inspector General objected.") == [
        ("Susie Wiles", "person", 1, 2, ["Susie Wiles", "Wiles"]),
        ("House Inspector General", "organisation", 1, 1, ["House Inspector General"]),
    ]
    # a title word before a word that names a body is part of the body's name: no "Department" with the title "Justice"
    assert found("The Justice Department sued. Justice Department lawyers objected. Justice Amy Barrett wrote.") == [
        ("Justice Department", "organisation", 1, 2, ["Justice Department"]),
        ("Amy Barrett", "person", 1, 1, ["Amy Barrett"]),
    ]


def test_a_person_of_an_organisation_is_two_names():
    # "Maria Lopez of the ..." is a person (given name, Census surname) and the body she speaks for; names
    # whose words before "of" are no person's name stay whole.
    got = found(
        "Maria Lopez of the Riverside Property Owners Association called the ordinance a disaster.",
        "The Riverside Property Owners Association objected. Maria Lopez spoke. Mayor Elena Alvarez of Riverside spoke.",
        "The Bank of England and the Coalition of the Willing met the Church of England.",
        "The Church of Jesus Christ of Latter Day Saints and the Bill of Rights.",
    )
    assert got == [
        ("Maria Lopez", "person", 2, 2, ["Maria Lopez"]),
        ("Riverside Property Owners Association", "organisation", 2, 2, ["Riverside Property Owners Association"]),
        ("Bank of England", "organisation", 1, 1, ["Bank of England"]),
        ("Bill of Rights", "organisation", 1, 1, ["Bill of Rights"]),
        ("Church of England", "organisation", 1, 1, ["Church of England"]),
        ("Church of Jesus Christ of Latter Day Saints", "organisation", 1, 1, ["Church of Jesus Christ of Latter Day Saints"]),
        ("Coalition of the Willing", "organisation", 1, 1, ["Coalition of the Willing"]),
        ("Elena Alvarez", "person", 1, 1, ["Elena Alvarez"]),
        ("Riverside", "other", 1, 1, ["Riverside"]),
    ]


def test_a_sentence_start_needs_the_word_capitalised_alone_or_at_the_edge_of_a_name():
    # "Property" is capitalised inside sentences only in the middle of "Riverside Property Owners Association":
    # no evidence that "Property owners" starts with a name. "Acme" (alone) and "Clinton" (the last word of
    # "Hillary Clinton") are capitalised where they are names, so their sentence starts count.
    got = found(
        "Property owners in Riverside say the cap hurts. The Riverside Property Owners Association agreed.",
        "Acme said the plan works. The plan was praised by Acme. Hillary Clinton spoke.",
        "Clinton said nothing.",
    )
    assert got == [
        ("Hillary Clinton", "person", 2, 2, ["Clinton", "Hillary Clinton"]),
        ("Acme", "other", 1, 2, ["Acme"]),
        ("Riverside", "other", 1, 1, ["Riverside"]),
        ("Riverside Property Owners Association", "organisation", 1, 1, ["Riverside Property Owners Association"]),
    ]
    # a headline's runs of name words count too (no names are collected from it): "Acme" ends one
    assert found("Jobs Are Cut At Acme\nAcme said the plan works.") == [("Acme", "other", 1, 2, ["Acme"])]


# Several processes (workers): the same actors as one, boilerplate counted over the whole corpus.

SLICED = (
    "President Barack Obama spoke in Ohio. Privacy Policy of Acme Media Group.",
    "Critics said Obama's plan would fail. Senator Elizabeth Warren disagreed.",
    "Warren met Ohio voters. Privacy Policy of Acme Media Group.",
    "Hillary Clinton spoke in Ohio. Later, Bill Clinton joined her. Clinton said nothing.",
    "Russia objected. Privacy Policy of Acme Media Group.",
    "Russian officials met Obama. Hillary Clinton left early.",
)


@pytest.fixture
def small_slices(monkeypatch):
    from analysis.measures import actors

    monkeypatch.setattr(actors, "_MIN_SLICE", 1)  # a process for every article if asked


@pytest.mark.parametrize("workers", [2, 3, 6])
def test_workers_find_the_same_actors_as_one_process(small_slices, workers):
    one = discover_actors(corpus(*SLICED), min_articles=1)
    # "Privacy Policy of Acme Media Group." is in three articles, each in another process with 3 or 6:
    # boilerplate, counted over the whole corpus.
    assert "Acme Media Group" not in set(one["actor"])
    assert list(one["actor"]) == ["Barack Obama", "Ohio", "Elizabeth Warren", "Hillary Clinton", "Russia", "Bill Clinton",
                                  "Clinton (ambiguous)"]
    many = discover_actors(corpus(*SLICED), min_articles=1, workers=workers)
    pd.testing.assert_frame_equal(many, one)
    assert many.attrs == one.attrs
    assert actors_to_targets(many).equals(actors_to_targets(one))


def test_a_failing_worker_is_an_error_that_says_so(small_slices, monkeypatch):
    import os

    from analysis.measures import actors

    parent, scan = os.getpid(), actors._scan

    def broken(*args):
        if os.getpid() != parent:
            raise KeyError("broken in a worker")
        return scan(*args)

    monkeypatch.setattr(actors, "_scan", broken)
    with pytest.raises(actors.WorkerError, match=r"a worker process failed \(a bug(.|\n)*KeyError: 'broken in a worker'"):
        discover_actors(corpus(*SLICED), min_articles=1, workers=2)


def test_a_worker_that_dies_is_an_error_that_says_what_to_do(small_slices, monkeypatch):
    import os

    from analysis.measures import actors

    parent, scan = os.getpid(), actors._scan

    def killed(*args):
        if os.getpid() != parent:
            os._exit(9)
        return scan(*args)

    monkeypatch.setattr(actors, "_scan", killed)
    with pytest.raises(actors.WorkerError, match=r"ended without a result .*run again with fewer workers \(actors --workers 1"):
        discover_actors(corpus(*SLICED), min_articles=1, workers=2)


def test_cli_workers_write_the_same_targets_file(tmp_path, small_slices, capsys):
    src = tmp_path / "c.csv"
    corpus(*SLICED).to_csv(src, index=False)
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    assert main(["actors", str(src), "--top", "3", "--out", str(one)]) == 0
    assert main(["actors", str(src), "--top", "3", "--out", str(two), "--workers", "2"]) == 0
    assert two.read_bytes() == one.read_bytes()
    assert [r["target"] for r in csv.DictReader(one.open(encoding="utf-8"))][:2] == ["Barack Obama", "Barack Obama"]
    with pytest.raises(SystemExit) as stop:
        main(["actors", str(src), "--workers", "0"])
    assert stop.value.code == 2
    assert "--workers: '0' must be at least 1" in capsys.readouterr().err


def test_one_long_article_makes_no_empty_slice(small_slices):
    # The last article holds most of the text: the cut for two processes falls after it, and no process gets nothing.
    texts = (*SLICED[:3], " ".join([SLICED[3]] * 50))
    from analysis.measures.actors import _Slices

    with _Slices(corpus(*texts), 2) as slices:
        assert len(slices._children) == 0  # one slice: all in this process
    with _Slices(corpus(*SLICED), 2) as slices:
        assert len(slices._children) == 1
    pd.testing.assert_frame_equal(discover_actors(corpus(*texts), min_articles=1, workers=2),
                                  discover_actors(corpus(*texts), min_articles=1))


def test_workers_started_by_spawn_find_the_same_actors(small_slices, monkeypatch):
    # macOS and Windows start processes by spawning a fresh interpreter, not by forking this one.
    import multiprocessing

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    pd.testing.assert_frame_equal(discover_actors(corpus(*SLICED), min_articles=1, workers=2),
                                  discover_actors(corpus(*SLICED), min_articles=1))


def test_mentions_in_boilerplate_sentences_are_not_counted():
    # a copyright line under every article of an agency named the agency in all of them: it ranked as the
    # corpus's second actor (44 articles of 120, 7 of them its own mentions); its sentences are now left out
    # of the counts as they are of the names
    line = " Copyright 2024 The Associated Press. All rights reserved."
    got = found("Kyiv met the Associated Press on Monday." + line, "Kyiv objected." + line, "Moscow waited." + line,
                "Moscow and Kyiv met.")
    assert got == [("Ukraine", "country", 3, 3, ["Kyiv"]), ("Russia", "country", 2, 2, ["Moscow"]),
                   ("Associated Press", "organisation", 1, 1, ["Associated Press"])]


def test_a_name_written_with_an_invisible_character_is_the_same_actor():
    # a soft hyphen (HTML's &shy;) inside "Zelenskyy" in half the articles made a second actor whose name looked the
    # same on screen; it is read as part of the word and left out of the name
    got = found("President Volodymyr Zelen\u00adskyy spoke on Monday.", "Critics said Zelenskyy's plan would fail.",
                "Volodymyr Zelenskyy met Zelen\u00adskyy's aides in Kyiv.")
    assert got == [("Volodymyr Zelenskyy", "person", 3, 4, ["Volodymyr Zelenskyy", "Zelenskyy"]),
                   ("Ukraine", "country", 1, 1, ["Kyiv"])]
