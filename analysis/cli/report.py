"""The ``report`` subcommand: compile report/report.typ into the PDF."""

from __future__ import annotations

import argparse

from analysis import paths
from analysis.cli.main import add_command

EXAMPLE = """example:
  python -m analysis report                       # results/ + figures/ -> report/report.pdf
  python -m analysis report --results out/results --figures out/figures --out out/report.pdf
"""


def register(subparsers) -> None:
    parser = add_command(
        subparsers, "report",
        help="compile the PDF report from results/ and figures/ (typst, offline)",
        description="Compile report/report.typ with typst into a PDF. Run the notebooks first (make figures).",
        example=EXAMPLE,
    )
    parser.add_argument("--template", default=str(paths.REPORT / "report.typ"), help="typst template (default: report/report.typ)")
    parser.add_argument("--results", default=str(paths.RESULTS), help="folder with the notebooks' JSON results (default: results/)")
    parser.add_argument("--figures", default=str(paths.FIGURES), help="folder with the SVG figures (default: figures/)")
    parser.add_argument("--out", default=str(paths.REPORT / "report.pdf"), help="PDF to write (default: report/report.pdf)")
    parser.add_argument("--title", default="", help="report title (default: chosen from the corpus)")
    parser.add_argument("--params", default=str(paths.BUILD / "params.txt"),
                        help="parameters file written by make, printed in the appendix (default: build/params.txt)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from analysis.paths import refuse_protected
    from analysis.report.pdf import build_report

    refuse_protected(args.out, what="--out (REPORT_PDF)", inputs=(args.template, args.results, args.figures, args.params))
    out = build_report(template=args.template, results=args.results, figures=args.figures, out=args.out, title=args.title,
                       params=args.params)
    print(f"wrote {out}")
    return 0
