"""Domain packs: the core lexicon plus packs, chosen by name or by the corpus's vocabulary (exact spans)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import paths
from analysis.cli.main import main
from analysis.measures.domains import PACKS, DomainError, choose_domains, detect_domains, parse_domains, with_packs
from analysis.text.lexicon import Lexicon, LexiconError
from analysis.measures.loaded import score_loaded

CORE = Lexicon.from_frame(pd.DataFrame({
    "pattern": ["plummet*", "deadly", "reckless"],
    "category": ["exaggeration", "fear_appeal", "loaded_wording"],
    "weight": [1.0, 1.0, 1.5],
}), source="<core>")


def write_pack(folder, name, rows):
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.csv").write_text("pattern,category,weight,provenance\n" + rows, encoding="utf-8")


@pytest.fixture()
def packs(tmp_path):
    folder = tmp_path / "domains"
    write_pack(folder, "economy", "plummet*,neutral,,curated\ntax grab,loaded_wording,1.2,curated\n")
    write_pack(folder, "health", "deadly,neutral,,curated\n")
    (folder / "indicators.csv").write_text("domain,pattern\neconomy,inflation\neconomy,prices\nhealth,vaccine*\nwar,troops\n",
                                           encoding="utf-8")
    return folder


def spans(lexicon, text):
    _, s = score_loaded(pd.DataFrame({"id": ["a"], "source": ["s"], "text": [text]}), lexicon, scare_quotes=False)
    return s[["start", "end", "text", "category"]].values.tolist()


TEXT = "Prices plummeted after a deadly outbreak and a reckless tax grab."


def test_core_alone(packs):
    assert spans(CORE, TEXT) == [[7, 16, "plummeted", "exaggeration"], [25, 40, "deadly outbreak", "fear_appeal"],
                                 [47, 59, "reckless tax", "loaded_wording"]]


def test_a_pack_makes_its_plain_words_neutral_and_adds_its_terms(packs):
    economy = with_packs(CORE, ["economy"], folder=packs)
    assert spans(economy, TEXT) == [[25, 40, "deadly outbreak", "fear_appeal"], [47, 64, "reckless tax grab", "loaded_wording"]]
    both = with_packs(CORE, ["economy", "health"], folder=packs)
    assert spans(both, TEXT) == [[47, 64, "reckless tax grab", "loaded_wording"]]
    assert both.categories == ("loaded_wording",) and len(both) == 4  # reckless + the three pack rows


def test_parse_domains():
    assert parse_domains("auto") is None and parse_domains("") is None
    assert parse_domains("core") == [] and parse_domains("none") == []
    assert parse_domains("health, war") == ["war", "health"]
    with pytest.raises(DomainError, match="unknown pack.*sport.*write auto, core"):
        parse_domains("sport")


def test_detect_domains_from_vocabulary(packs):
    texts = ["Inflation rose and prices rose.", "Troops moved."]  # 7 words: economy 2, war 1
    chosen, rates = detect_domains(texts, min_per_1k=200, folder=packs)
    assert chosen == ["economy"]
    assert rates == {"war": pytest.approx(1000 / 7), "politics": 0.0, "economy": pytest.approx(2000 / 7), "health": 0.0}
    assert detect_domains(texts, min_per_1k=100, folder=packs)[0] == ["war", "economy"]


def test_a_bad_pack_names_its_file(tmp_path):
    write_pack(tmp_path, "war", "deadly,neutral,,x\nbad,loaded_wording,9,x\n")
    with pytest.raises(LexiconError, match=r"war.csv, line 3: weight '9'"):
        with_packs(CORE, ["war"], folder=tmp_path)


def test_bundled_packs_combine_with_the_bundled_lexicon():
    core = Lexicon.from_csv(paths.LOADED_LEXICON)
    for name in PACKS:
        combined = with_packs(core, [name])
        assert len(combined) >= len(core) - 10
    economy = with_packs(core, ["economy"])
    assert spans(core, "Prices plummeted.") == [[7, 16, "plummeted", "exaggeration"]]
    assert spans(economy, "Prices plummeted.") == []
    health = with_packs(core, ["health"])
    assert spans(health, "A deadly virus spread.") == []


def test_score_states_the_packs_it_uses(tmp_path, capsys):
    corpus = tmp_path / "c.csv"
    pd.DataFrame({"id": ["a", "b"], "source": ["s", "s"],
                  "text": ["Prices plummeted as inflation hit investors.", "Prices and taxes rose."]}).to_csv(corpus, index=False)
    assert main(["score", str(corpus), "--out", str(tmp_path / "auto"), "--no-progress"]) == 0
    err = capsys.readouterr().err
    assert "lexicon: core + economy (auto: domain vocabulary per 1,000 words" in err
    assert pd.read_csv(tmp_path / "auto" / "spans.csv").empty
    assert main(["score", str(corpus), "--out", str(tmp_path / "core"), "--no-progress", "--domain", "core"]) == 0
    assert "lexicon: core (chosen with --domain)" in capsys.readouterr().err
    assert pd.read_csv(tmp_path / "core" / "spans.csv")["text"].tolist() == ["plummeted"]


def test_domain_packs_leave_the_stance_model_on_the_lexicon_it_was_trained_with(recwarn):
    from analysis.tables.score import Scorer
    import pandas as pd

    core = Scorer.load()
    packed = Scorer.load(domains=["war"])
    assert packed.stance_lexicon is core.lexicon and len(packed.lexicon.entries) > len(core.lexicon.entries)
    corpus = pd.DataFrame({"id": ["a"], "source": ["s"], "text": ["Critics called Russia's plan a meat grinder."]})
    tables = packed(corpus)
    assert not [w for w in recwarn if "trained with other lexicons" in str(w.message)]
    assert tables["spans"]["text"].tolist() == ["meat grinder"]


def test_choose_domains_says_which_packs_and_why():
    assert choose_domains("core", ["Shares fell."]) == ([], "lexicon: core (chosen with --domain)")
    assert choose_domains("health,war", []) == (["war", "health"], "lexicon: core + war + health (chosen with --domain)")
    packs, line = choose_domains("auto", ["Shares fell as inflation rose."])  # 2 economy words of 5
    assert packs == ["economy"]
    assert line == ("lexicon: core + economy (auto: domain vocabulary per 1,000 words war 0.0, politics 0.0, economy 400.0, "
                    "health 0.0; a pack is used from 3)")
    with pytest.raises(DomainError, match="unknown pack"):
        choose_domains("sports", [])
