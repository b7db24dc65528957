"""Independent computation of phe_sii's point estimate for phe_sii_example_input.csv.

phe_sii (PHEindicatormethods) fits lm(y*sqrt(a) ~ sqrt(a) + b*sqrt(a) - 1), a = the decile's
share of the population, b = the midpoint of its cumulative share: weighted least squares of
the values on the ranks with weights a. This script solves it in exact rational arithmetic
(Python's fractions, from the decimal text of the inputs) and prints, per area: the slope
(SII), the intercept, RII = (intercept + SII) / intercept, and the exact standard deviation of
the slope when each decile's value is normal with its SE (the slope is linear in the values),
with the normal 95% limits SII -/+ 1.959964 SD that phe_sii's simulated limits tend to.
The SE is taken from the `se` column, and (last column) from the limits as phe_sii does
without an SE: (upper - lower) / (2 * qnorm(0.975)).

Run: python3 phe_sii_example_DERIVED.py > phe_sii_example_expected_DERIVED.csv
"""
import csv, math, os
from fractions import Fraction as F

Z = 1.959963984540054
rows = list(csv.DictReader(open(os.path.join(os.path.dirname(__file__) or ".", "phe_sii_example_input.csv"))))
print("area,sii,intercept,rii,slope_sd_from_se,lower95_normal,upper95_normal,slope_sd_from_limits")
for area in sorted({r["area"] for r in rows}):
    rs = sorted((r for r in rows if r["area"] == area), key=lambda r: int(r["decile"]))
    p = [F(r["population"]) for r in rs]
    y = [F(r["value"]) for r in rs]
    tot = sum(p)
    a = [x / tot for x in p]
    b, cum = [], F(0)
    for x in a:
        b.append(cum + x / 2)
        cum += x
    bbar = sum(ai * bi for ai, bi in zip(a, b))
    ybar = sum(ai * yi for ai, yi in zip(a, y))
    s = sum(ai * (bi - bbar) ** 2 for ai, bi in zip(a, b))
    beta = sum(ai * (bi - bbar) * (yi - ybar) for ai, bi, yi in zip(a, b, y)) / s
    alpha = ybar - beta * bbar
    c = [float(ai * (bi - bbar) / s) for ai, bi in zip(a, b)]
    sd = math.sqrt(sum((ci * float(r["se"])) ** 2 for ci, r in zip(c, rs)))
    se_cl = [(float(r["uppercl"]) - float(r["lowercl"])) / Z / 2 for r in rs]
    sd_cl = math.sqrt(sum((ci * si) ** 2 for ci, si in zip(c, se_cl)))
    print(f"{area},{float(beta)!r},{float(alpha)!r},{float((alpha + beta) / alpha)!r},{sd!r},"
          f"{float(beta) - Z * sd!r},{float(beta) + Z * sd!r},{sd_cl!r}")
