"""The command line: ``unccd-publish build|check|…``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from unccd_publish.diagnostics import Diagnostics
from unccd_publish.reading import Project, read_project


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("documents", nargs="*", metavar="DOCUMENT",
                        help="documents to process, by folder or symbol (default: all)")
    parser.add_argument("-W", dest="warnings_as_errors", action="store_true",
                        help="treat warnings as errors")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    parser.add_argument("-v", "--verbose", action="store_true", help="print more detail")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="unccd-publish",
        description="Build bilingual UNCCD documents in the official UN layout.",
    )
    parser.add_argument("--content", type=Path, default=Path("content"),
                        help="the content folder (default: ./content)")
    parser.add_argument("--out", type=Path, default=Path("build"),
                        help="the output folder (default: ./build)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build = commands.add_parser("build", help="build documents to HTML and/or PDF",
                                description="Read, resolve and build documents.")
    build.add_argument("format", nargs="?", choices=["html", "pdf", "all"], default="all",
                       help="what to build (default: all)")
    build.add_argument("-j", "--jobs", default="auto",
                       help="worker processes for the PDF stage: a number or 'auto'")
    _common(build)
    return parser


def report(diagnostics: Diagnostics, root: Path) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.format(root), file=sys.stderr)


def load(args: argparse.Namespace, diagnostics: Diagnostics) -> Project:
    return read_project(args.content, diagnostics, args.documents)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not args.content.is_dir():
        print(f"{args.content}: error: no content folder here (use --content DIR) [cli.content]",
              file=sys.stderr)
        return 2
    diagnostics = Diagnostics()
    project = load(args, diagnostics)
    if args.command == "build":
        return _build(args, project, diagnostics)
    return 2


def _failed(args: argparse.Namespace, diagnostics: Diagnostics) -> bool:
    return diagnostics.has_errors() or (args.warnings_as_errors and bool(diagnostics.warnings))


def _build(args: argparse.Namespace, project: Project, diagnostics: Diagnostics) -> int:
    chosen = project.select(args.documents)
    if args.documents and not chosen and not diagnostics.has_errors():
        print(f"error: no document matches {' '.join(args.documents)} [cli.select]",
              file=sys.stderr)
        return 1
    root = Path.cwd()
    if _failed(args, diagnostics):
        report(diagnostics, root)
        _summary(diagnostics)
        return 1
    written: list[Path] = []
    if args.format in ("html", "pdf", "all"):  # the PDF is made from the HTML pages
        from unccd_publish.html.builder import build_html

        written += build_html(project, chosen, args.out / "html", diagnostics)
    if args.format in ("pdf", "all"):
        from unccd_publish.pdf.builder import build_pdf

        written += build_pdf(project, chosen, args.out, diagnostics, jobs=args.jobs)
    report(diagnostics, root)
    if not args.quiet:
        for path in written:
            print(f"wrote {path}")
    _summary(diagnostics)
    return 1 if _failed(args, diagnostics) else 0


def _summary(diagnostics: Diagnostics) -> None:
    if diagnostics.items:
        print(f"{len(diagnostics.errors)} error(s), {len(diagnostics.warnings)} warning(s)",
              file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
