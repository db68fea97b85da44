"""Tests for analysis.validate.agreement: Krippendorff's alpha on the textbook examples, Cohen's kappa, helpers."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from analysis.validate.agreement import (
    agreement_summary,
    coincidence_matrix,
    cohen_kappa,
    expected_agreement,
    krippendorff_alpha,
    percent_agreement,
    reliability_matrix,
)

N = None
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C: four observers,
# twelve units, values 1-5, missing data. The paper's results: nominal .743, ordinal .815,
# interval .849, ratio .797.
EXAMPLE_C = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]
# Example A of the same paper: two observers, binary data, ten units; alpha = .095.
EXAMPLE_A = [[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]


@pytest.mark.parametrize("level, expected", [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)])
def test_alpha_reproduces_krippendorff_2011_example_c(level, expected):
    assert round(krippendorff_alpha(EXAMPLE_C, level=level), 3) == expected


def test_alpha_reproduces_krippendorff_2011_example_a():
    assert round(krippendorff_alpha(EXAMPLE_A), 3) == 0.095


def test_coincidence_matrix_of_example_c():
    o = coincidence_matrix(EXAMPLE_C)
    # unit 12 has one value, so it is not pairable: 40 of the 41 values are
    assert o.to_numpy().sum() == pytest.approx(40)
    assert np.allclose(o.to_numpy(), o.to_numpy().T)
    assert o.loc[1, 1] == pytest.approx(7.0) and o.loc[1, 2] == pytest.approx(4 / 3)
    assert o.sum(axis=1).tolist() == pytest.approx([9, 13, 10, 5, 3])


def test_missing_values_may_be_none_nan_or_blank_and_a_table_works_too():
    nan = float("nan")
    as_nan = [[nan if v is None else v for v in row] for row in EXAMPLE_C]
    as_blank = [["" if v is None else v for v in row] for row in EXAMPLE_C]
    table = pd.DataFrame(EXAMPLE_C, index=list("ABCD")).astype(object)
    expected = krippendorff_alpha(EXAMPLE_C)
    assert krippendorff_alpha(as_nan) == pytest.approx(expected)
    assert krippendorff_alpha(as_blank) == pytest.approx(expected)
    assert krippendorff_alpha(table.where(table.notna(), None)) == pytest.approx(expected)


def test_ordinal_alpha_of_text_labels_uses_the_given_order():
    mapping = {1: "a", 2: "b", 3: "c", 4: "d", 5: "e"}
    letters = [[mapping.get(v) for v in row] for row in EXAMPLE_C]
    assert krippendorff_alpha(letters, level="ordinal", values=list("abcde")) == pytest.approx(
        krippendorff_alpha(EXAMPLE_C, level="ordinal"))
    # the order matters: reversed is the same, scrambled is not
    assert krippendorff_alpha(letters, level="ordinal", values=list("edcba")) == pytest.approx(
        krippendorff_alpha(EXAMPLE_C, level="ordinal"))
    assert krippendorff_alpha(letters, level="ordinal", values=list("aecbd")) != pytest.approx(
        krippendorff_alpha(EXAMPLE_C, level="ordinal"))


def test_alpha_extremes_and_undefined_cases():
    assert krippendorff_alpha([["neg", "neu", "pos", "neu"], ["neg", "neu", "pos", "neu"]]) == 1.0
    # systematic disagreement is below zero
    assert krippendorff_alpha([["a", "b", "a", "b"], ["b", "a", "b", "a"]]) < 0
    # no variation: expected disagreement is 0, alpha undefined
    assert math.isnan(krippendorff_alpha([["neu"] * 4, ["neu"] * 4]))
    # no unit with two values
    assert math.isnan(krippendorff_alpha([["a", None], [None, "b"]]))


def test_alpha_rejects_bad_input():
    with pytest.raises(ValueError, match="level must be one of"):
        krippendorff_alpha(EXAMPLE_A, level="cardinal")
    with pytest.raises(ValueError, match="interval alpha needs numeric values"):
        krippendorff_alpha([["a", "b"], ["a", "a"]], level="interval")
    with pytest.raises(ValueError, match="not among the given values"):
        krippendorff_alpha([["a", "z"], ["a", "a"]], values=["a", "b"])


def test_reliability_matrix_from_long_labels():
    long = pd.DataFrame({"item": [1, 1, 2, 2, 3], "coder": ["x", "y", "x", "y", "x"],
                         "label": ["neg", "neg", "neu", "pos", "pos"]})
    wide = reliability_matrix(long)
    assert wide.index.tolist() == ["x", "y"] and wide.columns.tolist() == [1, 2, 3]
    assert wide.loc["y", 3] is None
    assert krippendorff_alpha(wide) == pytest.approx(krippendorff_alpha([["neg", "neu", "pos"], ["neg", "pos", None]]))
    with pytest.raises(ValueError, match="more than once"):
        reliability_matrix(pd.concat([long, long.head(1)]))


def test_kappa_percent_and_chance_agreement_by_hand():
    a = ["neg", "neu", "neu", "pos", "neu", "neg", "neu", "neu", "pos", "neu"]
    b = ["neg", "neu", "neg", "pos", "neu", "neu", "neu", "neu", "neu", "neu"]
    p_o = 7 / 10
    # marginals: a = (2 neg, 6 neu, 2 pos), b = (2 neg, 7 neu, 1 pos)
    p_e = (2 * 2 + 6 * 7 + 2 * 1) / 100
    assert percent_agreement(a, b) == pytest.approx(p_o)
    assert expected_agreement(a, b) == pytest.approx(p_e)
    assert cohen_kappa(a, b) == pytest.approx((p_o - p_e) / (1 - p_e))
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))


def test_two_coder_helpers_skip_units_missing_for_either_coder():
    a = ["neg", None, "pos", "neu"]
    b = ["neg", "pos", "", "neu"]
    assert percent_agreement(a, b) == 1.0
    assert math.isnan(cohen_kappa(["neu", "neu"], ["neu", "neu"]))
    with pytest.raises(ValueError, match="one label per unit"):
        percent_agreement(["neg"], ["neg", "pos"])


def test_agreement_summary_for_two_coders():
    a = ["neg", "neu", "pos", "neu", "neu"]
    b = ["neg", "neu", "neu", "neu", "pos"]
    s = agreement_summary(a, b, order=["neg", "neu", "pos"])
    assert s["n_units"] == 5
    assert s["percent_agreement"] == pytest.approx(0.6)
    assert s["cohen_kappa"] == pytest.approx(cohen_kappa_score(a, b))
    assert s["alpha_nominal"] == pytest.approx(krippendorff_alpha([a, b]))
    assert s["alpha_ordinal"] == pytest.approx(krippendorff_alpha([a, b], level="ordinal", values=["neg", "neu", "pos"]))


def test_alpha_is_the_krippendorff_package_and_matches_the_formula_by_hand():
    import krippendorff
    import numpy as np

    from analysis.validate.agreement import _alpha_by_hand

    # Krippendorff (2011) example C: 4 coders, 12 units, values 1-5, missing values
    data = [[1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
            [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]]
    for level, expected in (("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)):
        ours = krippendorff_alpha(data, level=level)
        assert round(ours, 3) == expected  # Krippendorff's published values
        assert ours == pytest.approx(_alpha_by_hand(data, level=level), abs=1e-12)
        as_array = np.array([[np.nan if v is None else v for v in row] for row in data], dtype=float)
        assert ours == pytest.approx(krippendorff.alpha(reliability_data=as_array, level_of_measurement=level))
    labels = [["neg", "neu", "pos", "neu"], ["neg", "pos", "pos", "neu"]]
    order = ["neg", "neu", "pos"]
    assert krippendorff_alpha(labels, level="ordinal", values=order) == pytest.approx(
        _alpha_by_hand(labels, level="ordinal", values=order))


def test_a_missing_label_and_a_blank_answer_are_one_rule():
    """agreement.is_missing (a label) and checks.is_blank (an exercise answer, which also may be an empty collection)."""
    from analysis.classroom.checks import is_blank
    from analysis.validate.agreement import is_missing

    values = [None, float("nan"), np.float64("nan"), "", " \t", [], {}, (), set(), 0, 0.0, "neg", [1], ("a",)]
    assert [is_missing(v) for v in values] == [True] * 5 + [False] * 9
    assert [is_blank(v) for v in values] == [True] * 9 + [False] * 5
