"""Agreement between human coders: percent agreement, Cohen's kappa and Krippendorff's alpha.

Krippendorff's alpha follows Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability"
(Annenberg School for Communication, Departmental Papers 43): values are tabulated in a
coincidence matrix (each pair of values that two coders gave to the same unit, weighted
``1 / (m_u - 1)`` where ``m_u`` is the number of values of the unit), and

    alpha = 1 - D_o / D_e = 1 - (n - 1) * sum_ck o_ck d2_ck / sum_ck n_c n_k d2_ck

with the difference function ``d2`` of the level of measurement (nominal, ordinal, interval,
ratio). Any number of coders; missing values (``None``, NaN, ``""``) are allowed, units with
fewer than two values are not pairable and are left out. Alpha is computed by the
``krippendorff`` package (labels coded by their position in the ordered values); the coincidence
matrix is tabulated here too, for display, and a by-hand alpha from it checks the package in the
tests. Cohen's kappa (Cohen 1960) is
scikit-learn's ``cohen_kappa_score``; it takes exactly two coders and no missing values.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import krippendorff
import numpy as np
import pandas as pd

__all__ = [
    "LEVELS",
    "agreement_summary",
    "coincidence_matrix",
    "cohen_kappa",
    "expected_agreement",
    "is_missing",
    "krippendorff_alpha",
    "percent_agreement",
    "reliability_matrix",
]

LEVELS = ("nominal", "ordinal", "interval", "ratio")


def is_missing(value: object) -> bool:
    """True for a value that holds no label: None, NaN, or a string of only whitespace (classroom.checks.is_blank's scalars)."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def reliability_matrix(labels: pd.DataFrame, *, unit: str = "item", coder: str = "coder", value: str = "label") -> pd.DataFrame:
    """Turn long-format codes (one row per unit x coder) into Krippendorff's coders x units table.

    Args:
        labels: One row per code, with the unit, the coder and the value.
        unit, coder, value: Column names.

    Returns:
        Coders as rows, units as columns (both sorted), ``None`` where a coder did not code a unit.

    Raises:
        ValueError: If a coder coded the same unit twice, or a column is missing.
    """
    missing = [c for c in (unit, coder, value) if c not in labels.columns]
    if missing:
        raise ValueError(f"labels need the columns {unit!r}, {coder!r}, {value!r}; missing: {', '.join(missing)}")
    dup = labels.duplicated([unit, coder], keep=False)
    if dup.any():
        row = labels[dup].iloc[0]
        raise ValueError(f"coder {str(row[coder])!r} coded unit {str(row[unit])!r} more than once; keep one code per coder and unit.")
    wide = labels.pivot(index=coder, columns=unit, values=value)
    wide = wide.sort_index().sort_index(axis=1)
    return wide.astype(object).where(wide.notna(), None)


def coincidence_matrix(reliability_data, *, values: Sequence | None = None) -> pd.DataFrame:
    """The coincidence matrix ``o_ck`` of Krippendorff (2011).

    Args:
        reliability_data: Coders x units (a table or nested lists); missing values are
            ``None``, NaN or ``""``.
        values: The possible values in order (default: the values found, sorted).

    Returns:
        A square table indexed by value; ``o.sum(axis=1)`` are the ``n_c``, ``o.values.sum()``
        the number of pairable values ``n``.
    """
    table = reliability_data.to_numpy(dtype=object) if isinstance(reliability_data, pd.DataFrame) else np.array(
        [list(row) for row in reliability_data], dtype=object)
    if table.ndim != 2:
        raise ValueError("reliability data must be a table: one row per coder, one column per unit.")
    units = [[v for v in table[:, j] if not is_missing(v)] for j in range(table.shape[1])]
    found = sorted({v for u in units for v in u}, key=lambda v: (str(type(v)), v))
    if values is None:
        values = found
    else:
        values = list(values)
        unknown = [v for v in found if v not in values]
        if unknown:
            raise ValueError(f"values {unknown} are not among the given values {values}.")
    index = {v: i for i, v in enumerate(values)}
    o = np.zeros((len(values), len(values)))
    for u in units:
        m = len(u)
        if m < 2:
            continue
        for a in range(m):
            for b in range(m):
                if a != b:
                    o[index[u[a]], index[u[b]]] += 1.0 / (m - 1)
    return pd.DataFrame(o, index=values, columns=values)


def _delta2(values: list, n_c: np.ndarray, level: str) -> np.ndarray:
    k = len(values)
    d = np.zeros((k, k))
    if level == "nominal":
        return 1.0 - np.eye(k)
    if level == "ordinal":
        for c in range(k):
            for j in range(k):
                lo, hi = min(c, j), max(c, j)
                d[c, j] = (n_c[lo : hi + 1].sum() - (n_c[c] + n_c[j]) / 2.0) ** 2
        return d
    try:
        x = np.array([float(v) for v in values])
    except (TypeError, ValueError):
        raise ValueError(f"{level} alpha needs numeric values, got {values}.") from None
    if level == "interval":
        return (x[:, None] - x[None, :]) ** 2
    if level == "ratio":
        s = x[:, None] + x[None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            r = np.where(s == 0, 0.0, ((x[:, None] - x[None, :]) / s) ** 2)
        return r
    raise ValueError(f"level must be one of {', '.join(LEVELS)}; got {level!r}.")


def krippendorff_alpha(reliability_data, *, level: str = "nominal", values: Sequence | None = None) -> float:
    """Krippendorff's alpha for any number of coders, with missing values.

    Args:
        reliability_data: Coders x units: a table (e.g. from :func:`reliability_matrix`) or
            nested lists, one row per coder; ``None``, NaN or ``""`` where a coder gave no value.
        level: ``nominal`` (categories), ``ordinal`` (ordered categories: give ``values`` in
            order, e.g. ``["neg", "neu", "pos"]``), ``interval`` or ``ratio`` (numbers).
        values: The possible values, in order (needed for ``ordinal`` with non-numeric labels;
            values that nobody used do not change alpha).

    Returns:
        Alpha: 1 is perfect agreement, 0 agreement at chance level, below 0 systematic
        disagreement. NaN when it is undefined: fewer than two pairable values, or every value
        the same (no variation, so no expected disagreement).

    Example:
        Krippendorff (2011), example A (two coders, binary data):

        >>> a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
        >>> b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
        >>> round(krippendorff_alpha([a, b]), 3)
        0.095
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}; got {level!r}.")
    o = coincidence_matrix(reliability_data, values=values)
    labels = list(o.index)
    om = o.to_numpy()
    n_c = om.sum(axis=1)
    if n_c.sum() < 2 or (n_c > 0).sum() < 2:
        return float("nan")  # no pairable values, or no variation: alpha is undefined
    if level in ("interval", "ratio"):
        try:
            domain = np.array([float(v) for v in labels])
        except (TypeError, ValueError):
            raise ValueError(f"{level} alpha needs numeric values, got {labels}.") from None
        code = {v: float(v) for v in labels}
    else:  # categories coded by their position in the ordered values
        domain = np.arange(len(labels), dtype="float64")
        code = {v: float(i) for i, v in enumerate(labels)}
    table = reliability_data.to_numpy(dtype=object) if isinstance(reliability_data, pd.DataFrame) else np.array(
        [list(row) for row in reliability_data], dtype=object)
    data = np.array([[np.nan if is_missing(v) else code[v] for v in row] for row in table], dtype="float64")
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement=level, value_domain=domain))


def _alpha_by_hand(reliability_data, *, level: str = "nominal", values: Sequence | None = None) -> float:
    """Krippendorff's alpha from the coincidence matrix (Krippendorff 2011), the formula in the module
    docstring: kept to check the library against in the tests."""
    o = coincidence_matrix(reliability_data, values=values)
    labels = list(o.index)
    om = o.to_numpy()
    n_c = om.sum(axis=1)
    n = n_c.sum()
    if n < 2:
        return float("nan")
    d2 = _delta2(labels, n_c, level)
    observed = float((om * d2).sum())
    expected = float((np.outer(n_c, n_c) * d2).sum())
    if expected == 0:
        return float("nan")
    return 1.0 - (n - 1) * observed / expected


def _pairs(a: Sequence, b: Sequence) -> tuple[list, list]:
    a, b = list(a), list(b)
    if len(a) != len(b):
        raise ValueError(f"the two coders have {len(a)} and {len(b)} labels; give one label per unit from each.")
    keep = [i for i in range(len(a)) if not is_missing(a[i]) and not is_missing(b[i])]
    return [a[i] for i in keep], [b[i] for i in keep]


def percent_agreement(a: Sequence, b: Sequence) -> float:
    """Share of units (coded by both) that two coders gave the same label; NaN if there is none."""
    a, b = _pairs(a, b)
    return sum(x == y for x, y in zip(a, b)) / len(a) if a else float("nan")


def expected_agreement(a: Sequence, b: Sequence) -> float:
    """Agreement expected by chance in Cohen's kappa: ``sum_c p_a(c) * p_b(c)`` over the labels."""
    a, b = _pairs(a, b)
    if not a:
        return float("nan")
    n = len(a)
    return sum((a.count(c) / n) * (b.count(c) / n) for c in set(a) | set(b))


def cohen_kappa(a: Sequence, b: Sequence) -> float:
    """Cohen's kappa of two coders (scikit-learn's ``cohen_kappa_score``), units coded by both.

    ``kappa = (p_o - p_e) / (1 - p_e)``; NaN when chance agreement is 1 (both coders always
    gave one and the same label).
    """
    from sklearn.metrics import cohen_kappa_score

    a, b = _pairs(a, b)
    if not a or expected_agreement(a, b) == 1.0:
        return float("nan")
    return float(cohen_kappa_score([str(x) for x in a], [str(y) for y in b]))


def agreement_summary(a: Sequence, b: Sequence, *, order: Sequence | None = None) -> dict:
    """Every agreement number for two coders: units, percent, chance, kappa, nominal (and ordinal) alpha.

    Args:
        a, b: The two coders' labels, unit by unit.
        order: The labels in order (e.g. ``["neg", "neu", "pos"]``): adds ordinal alpha.
    """
    pa, pb = _pairs(a, b)
    out = {
        "n_units": len(pa),
        "percent_agreement": percent_agreement(pa, pb),
        "expected_agreement": expected_agreement(pa, pb),
        "cohen_kappa": cohen_kappa(pa, pb),
        "alpha_nominal": krippendorff_alpha([pa, pb], level="nominal"),
    }
    if order is not None:
        out["alpha_ordinal"] = krippendorff_alpha([pa, pb], level="ordinal", values=order)
    return out
