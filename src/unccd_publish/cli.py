"""The command line: ``unccd-publish build|check|export|import|serve|new|clean``."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import gc
import shutil
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NoReturn

from unccd_publish import noop
from unccd_publish.collector import loading
from unccd_publish.diagnostics import Diagnostics

if TYPE_CHECKING:
    from collections.abc import Sequence

    from unccd_publish.report import BuildReport
    from unccd_publish.shards import Shard

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class CommandParser(argparse.ArgumentParser):
    """A command's parser: its options and positional words may come in any order."""

    _intermixing = False

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None,
    ) -> tuple[argparse.Namespace, list[str]]:
        if self._intermixing:  # parse_known_intermixed_args may parse through this method
            return super().parse_known_args(args, namespace)
        self._intermixing = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._intermixing = False


FOLDER_OPTIONS = (
    ("--content", Path("content"), None, "the content folder (default: ./content)"),
    ("--out", Path(noop.OUT), None, "the output folder (default: ./build)"),
    ("--cache", None, "DIR", "where read documents are kept between runs, for every command "
     "(default: OUT/cache)"),
)


def _folders(parser: argparse.ArgumentParser, after_command: bool = False) -> None:
    """``--content``, ``--out`` and ``--cache``: documented before the command; after it,
    accepted without being shown, and left out of the namespace unless given."""
    for option, default, metavar, text in FOLDER_OPTIONS:
        if after_command:
            default = text = argparse.SUPPRESS
        parser.add_argument(option, type=Path, default=default, metavar=metavar, help=text)


def _documents(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("documents", nargs="*", metavar="DOCUMENT",
                        help="documents by folder name or symbol (default: all)")


def _verbosity(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    group.add_argument("-v", "--verbose", action="store_true",
                       help="print a line per document even when not on a terminal")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="unccd-publish",
        description="Build bilingual UNCCD documents in the official UN layout.",
    )
    _folders(parser)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                     parser_class=CommandParser)

    build = commands.add_parser(
        "build", help="build documents to HTML, PDF and Word",
        description="Build documents. Only what changed since the last build is made again; "
        "a document with errors keeps its last good output.")
    build.add_argument("documents", nargs="*", metavar="[FORMAT] DOCUMENT",
                       help="first, optionally, what to build: html, pdf (which writes the HTML "
                       "it is made from too), docx (Word), all (default: HTML, Word and PDF), "
                       "or index (after a sharded build: "
                       "merge the shards); then documents by folder name or symbol (default: "
                       "all)")
    build.add_argument("-j", "--jobs", default="auto", metavar="N",
                       help="worker processes for the HTML and PDF stages: a number or 'auto' "
                       "(default: one per core, as many as fit in memory)")
    build.add_argument("-W", dest="warnings_as_errors", action="store_true",
                       help="treat warnings as errors (exit status 1)")
    keep = build.add_mutually_exclusive_group()
    keep.add_argument("--keep-going", dest="keep_going", action="store_true", default=True,
                      help="build the documents without errors even when others have errors "
                      "(default)")
    keep.add_argument("--no-keep-going", dest="keep_going", action="store_false",
                      help="write nothing when any document has an error")
    build.add_argument("-E", "--fresh", action="store_true",
                       help="rebuild everything, ignoring what the last build remembered")
    build.add_argument("--shard", metavar="K/N", default=None,
                       help="build only share K of N (for N machines: the same split on each); "
                       "then `build index` merges the shards and writes the index")
    _verbosity(build)

    check = commands.add_parser(
        "check", help="compare the language versions of documents",
        description="Report where the English and Chinese versions of documents disagree.")
    _documents(check)
    check.add_argument("--format", choices=["text", "json", "sarif"], default="text",
                       help="report format: text, json (with each finding's id) or sarif "
                       "(SARIF 2.1.0, for code-review tools) (default: text)")
    check.add_argument("--accept", metavar="ID", default=None,
                       help="record the finding ID as a deliberate difference, in its "
                       "document's accepted.yaml (it is then counted, not reported); "
                       "needs --reason")
    check.add_argument("--reason", metavar="TEXT", default=None,
                       help="why the finding given to --accept is accepted")
    check.add_argument("-W", dest="warnings_as_errors", action="store_true",
                       help="treat warnings as errors (exit status 1)")
    check.add_argument("-j", "--jobs", default="auto", metavar="N",
                       help="worker processes for comparing documents: a number or 'auto' "
                       "(default: one per core, when there are enough documents to compare)")
    check.add_argument("-E", "--fresh", action="store_true",
                       help="compare every document again, ignoring what the last check "
                       "remembered")
    check.add_argument("--shard", metavar="K/N", default=None,
                       help="check only share K of N (for N machines: the same split on each)")
    _verbosity(check)

    serve = commands.add_parser(
        "serve", help="preview the HTML locally, rebuilding on change",
        description="Serve build/html on 127.0.0.1, rebuild when a source, template or "
        "stylesheet changes, and reload the open page.")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")

    new = commands.add_parser(
        "new", help="create a new document folder",
        description="Create content/FOLDER with document.yaml and one Markdown file per "
        "language, ready to build and check.")
    new.add_argument("folder", help="folder name, e.g. cop17-budget")
    new.add_argument("--kind", choices=["note", "draft-decisions"], default="note")
    new.add_argument("--symbol", default="unassigned", help="document symbol (default: "
                     "unassigned)")
    new.add_argument("--date", type=dt.date.fromisoformat, default=None,
                     help="date of issue, YYYY-MM-DD (default: unassigned)")
    new.add_argument("--body", default="cop", help="body key in bodies.yaml (default: cop)")
    new.add_argument("--committee", default=None, help="subsidiary body key, if any")
    new.add_argument("--session", required=True, help="session key in bodies.yaml, e.g. cop17")
    new.add_argument("--agenda-item", required=True, help='agenda item as printed, e.g. "2(b)"')
    new.add_argument("--distribution", choices=["General", "Limited", "Restricted"],
                     default="General")
    new.add_argument("--languages", default="en,zh", help="comma-separated (default: en,zh)")
    new.add_argument("--original", default="en", help="original language (default: en)")
    for lang in ("en", "zh"):
        new.add_argument(f"--title-{lang}", default="", help=f"title in {lang}")
        new.add_argument(f"--agenda-title-{lang}", default="", help=f"agenda item title in {lang}")

    export = commands.add_parser(
        "export", help="write files for translators' tools: XLIFF, PO, TMX",
        description="Write a file per document and translation language for a CAT tool: "
        "the original's texts as sources, the translation's (where there is one) as targets, "
        "under OUT/xliff, OUT/xliff2 or OUT/po; then `import` brings the translations back. "
        "`export tmx` writes the aligned versions of each document (OUT/tmx) for a "
        "translation memory.")
    export.add_argument("kind", choices=["xliff", "po", "tmx"], help="what to write")
    _documents(export)
    export.add_argument("--xliff", choices=["1.2", "2.0"], default="1.2",
                        help="the XLIFF version (default: 1.2)")
    export.add_argument("--target", metavar="LANG", action="append", default=[],
                        help="the translation language to export (repeatable; default: every "
                        "translation language of each document)")
    export.add_argument("-j", "--jobs", default="auto", metavar="N",
                        help="worker processes: a number or 'auto' (default: one per core)")
    export.add_argument("-E", "--fresh", action="store_true",
                        help="write every file again, ignoring what the last export remembered")
    _verbosity(export)

    importing = commands.add_parser(
        "import", help="write translations from a CAT tool back into the Markdown",
        description="Write the translated units of exported XLIFF or PO files into the "
        "translation's Markdown (created from the original's when it does not exist yet), "
        "then check the document. A file with an error changes nothing.")
    importing.add_argument("kind", choices=["xliff", "po", "docx"], help="what the files are")
    importing.add_argument("files", nargs="+", type=Path, metavar="FILE")
    importing.add_argument("--folder", metavar="NAME",
                           help="docx: the document's folder under the content folder, made "
                           "or given a language")
    importing.add_argument("--lang", choices=["en", "zh"],
                           help="docx: the file's language (default: told from page 1)")
    importing.add_argument("-W", dest="warnings_as_errors", action="store_true",
                           help="treat warnings as errors (exit status 1)")

    commands.add_parser("clean", help="remove the output folder",
                        description="Remove the output folder (build/).")
    for command in {id(p): p for p in commands.choices.values()}.values():
        _folders(command, after_command=True)
    return parser


def run() -> NoReturn:
    """The command line as a process (``unccd-publish``, ``python -m unccd_publish``).

    At its exit Python's cycle collector would walk every object the run left (modules,
    templates, the state), a few tens of milliseconds for memory the process gives back
    whole: they are frozen out of its walks first."""
    status = main()
    gc.freeze()
    raise SystemExit(status)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.words = list(sys.argv[1:] if argv is None else argv)
    if args.command == "clean":
        shutil.rmtree(args.out, ignore_errors=True)
        print(f"removed {args.out}/")
        if args.cache is not None:
            shutil.rmtree(args.cache, ignore_errors=True)
            print(f"removed {args.cache}/")
        return EXIT_OK
    if not args.content.is_dir():
        print(f"{args.content}: error: no content folder here (use --content DIR) [cli.content]",
              file=sys.stderr)
        return EXIT_USAGE
    if args.command == "build":
        return command_build(args)
    if args.command == "check":
        return command_check(args)
    if args.command == "serve":
        return command_serve(args)
    if args.command == "new":
        return command_new(args)
    if args.command == "export":
        return command_export(args)
    if args.command == "import":
        return command_import(args)
    return EXIT_USAGE


def print_diagnostics(diagnostics: Diagnostics) -> None:
    sys.stderr.write(diagnostics_text(diagnostics))


def diagnostics_text(diagnostics: Diagnostics) -> str:
    """The diagnostics as printed, a line each, their paths relative to the working folder."""
    root = Path.cwd()
    return "".join(f"{diagnostic.format(root)}\n" for diagnostic in diagnostics)


def failed(diagnostics: Diagnostics, warnings_as_errors: bool) -> bool:
    return diagnostics.has_errors() or (warnings_as_errors and bool(diagnostics.warnings))


BUILD_WORDS = ("html", "pdf", "docx", "all", "index")  # what `build` may be told to make
# what each format word writes from the documents (PDFs are laid out from the HTML pages)
WRITTEN = {"docx": ("docx",), "all": ("html", "docx")}


def command_build(args: argparse.Namespace) -> int:
    args.format = "all"
    if args.documents and args.documents[0] in BUILD_WORDS:
        args.format = args.documents.pop(0)

    interactive = sys.stderr.isatty()
    show_lines = not args.quiet and (interactive or args.verbose)

    def progress(line: str) -> None:
        if show_lines:
            print(line, file=sys.stderr, flush=True)

    def notice(line: str) -> None:  # a long PDF stage is heard of unless -q
        if not args.quiet:
            print(line, file=sys.stderr, flush=True)

    jobs = _jobs(args.jobs)
    shard = _shard(args.shard)
    if jobs is None or shard is False:
        return EXIT_USAGE
    pdf = args.format in ("pdf", "all")
    formats = WRITTEN.get(args.format, ("html",))
    start = time.perf_counter()
    started = time.time()
    report: BuildReport | None = None
    watch: list[str] = []
    if args.format == "index":
        with loading():
            from unccd_publish.build import BuildOptions
            from unccd_publish.merge import merge_shards

        report = merge_shards(BuildOptions(args.content, args.out, cache=args.cache))
    elif not args.fresh and shard is None:
        from unccd_publish.uptodate import nothing_to_do

        report = nothing_to_do(args.content, args.out, pdf=pdf, names=args.documents,
                               stop_on_error=not args.keep_going, cache=args.cache,
                               formats=formats, watch=watch)
        if report is not None:
            return replayable(args, report, started, start, watch)
    if report is None:
        with loading():
            from unccd_publish.build import BuildOptions, run_build

        options = BuildOptions(args.content, args.out, formats=formats, pdf=pdf,
                               names=args.documents, jobs=jobs, force=args.fresh,
                               stop_on_error=not args.keep_going, cache=args.cache,
                               shard=shard)
        report = run_build(options, progress, notice)
    elapsed = time.perf_counter() - start
    print_diagnostics(report.diagnostics)
    if not args.quiet:
        print(summary(report, elapsed, args.out), file=sys.stderr)
    return EXIT_PROBLEMS if failed(report.diagnostics, args.warnings_as_errors) else EXIT_OK


def replayable(args: argparse.Namespace, report: BuildReport, started: float, start: float,
               watch: list[str]) -> int:
    """Say what a build with nothing to do says, and keep it to be said again by the next
    run of the same command while nothing it depended on changes (:mod:`unccd_publish.noop`)."""
    told = diagnostics_text(report.diagnostics)
    template = "" if args.quiet else summary(report, None, args.out)
    status = EXIT_PROBLEMS if failed(report.diagnostics, args.warnings_as_errors) else EXIT_OK
    sys.stderr.write(told)
    if template:
        elapsed = f"{time.perf_counter() - start:.2f} s"
        sys.stderr.write(template.replace(noop.ELAPSED, elapsed, 1) + "\n")
    sys.stderr.flush()
    noop.remember(args.words, str(args.cache or args.out / noop.CACHE_DIR), watch, started,
                  told, template, status)
    return status


def summary(report: BuildReport, elapsed: float | None, out: Path) -> str:
    """The last lines a build prints; with no ``elapsed``, noop.ELAPSED where its time goes."""
    seconds = noop.ELAPSED if elapsed is None else f"{elapsed:.2f} s"
    diagnostics = report.diagnostics
    pages = [p for p in report.written if p.endswith(".html")]
    pdfs = [p for p in report.written if p.endswith(".pdf")]
    words = [p for p in report.written if p.endswith(".docx")]
    lines = []
    if not report.written and diagnostics.has_errors():  # stopped, or every document failed
        lines.append(f"wrote nothing to {out}/ ({seconds})")
    elif not report.written:
        lines.append(f"nothing to do: everything in {out}/ is up to date ({seconds})")
    else:
        word_files = f", {len(words)} Word file(s)" if words else ""
        lines.append(f"wrote {len(pages)} HTML page(s){word_files} and {len(pdfs)} PDF(s) to "
                     f"{out}/ in {seconds}; {len(report.up_to_date)} output(s) were up "
                     "to date")
        slowest = sorted(report.timings, key=lambda t: -t[1])[:3]
        if slowest:
            lines.append("slowest: " + ", ".join(f"{n} {s:.2f} s" for n, s in slowest))
    if report.failed:
        lines.append(f"not written (errors in their sources): {', '.join(report.failed)}")
    if diagnostics.items:
        lines.append(f"{len(diagnostics.errors)} error(s), {len(diagnostics.warnings)} "
                     "warning(s)")
    return "\n".join(lines)


def _jobs(text: str) -> str | int | None:
    """``-j``: 'auto' or a positive number; None (reported) otherwise."""
    if text == "auto":
        return text
    if text.isdigit() and int(text) > 0:
        return int(text)
    print(f"error: -j takes a number or 'auto', not {text!r} [cli.jobs]", file=sys.stderr)
    return None


def _shard(text: str | None) -> Shard | Literal[False] | None:
    """``--shard``: None when not given, False (reported) when not K/N."""
    if text is None:
        return None
    from unccd_publish.shards import Shard

    try:
        return Shard.parse(text)
    except ValueError as exc:
        print(f"error: {exc} [cli.shard]", file=sys.stderr)
        return False


def command_check(args: argparse.Namespace) -> int:
    with loading():
        from unccd_publish.check import run_check_command

    if args.accept is not None and not (args.reason or "").strip():
        print("error: --accept needs --reason \"why the difference is deliberate\" "
              "[cli.accept]", file=sys.stderr)
        return EXIT_USAGE

    args.jobs = _jobs(args.jobs)
    args.shard = _shard(args.shard)
    if args.jobs is None or args.shard is False:
        return EXIT_USAGE
    return run_check_command(args)


def command_export(args: argparse.Namespace) -> int:
    with loading():
        from unccd_publish.build import BuildOptions, run_build

    jobs = _jobs(args.jobs)
    if jobs is None:
        return EXIT_USAGE
    name = "xliff2" if args.kind == "xliff" and args.xliff == "2.0" else args.kind
    if args.target:
        from unccd_publish.environment import document_folders
        from unccd_publish.reading import probe_metadata

        known = {lang for folder in document_folders(args.content).values()
                 for lang in probe_metadata(folder)[1]}
        unknown = sorted(set(args.target) - known)
        if unknown:
            print(f"error: --target {', '.join(unknown)}: no document lists that language "
                  f"(they list {', '.join(sorted(known)) or 'none'}) [cli.target]",
                  file=sys.stderr)
            return EXIT_USAGE
    start = time.perf_counter()
    report = run_build(BuildOptions(args.content, args.out, formats=(name,), pdf=False,
                                    names=args.documents, jobs=jobs, force=args.fresh,
                                    cache=args.cache, translations=tuple(args.target)))
    # a translation not begun yet is what an export is for: said, but not an error here
    report.diagnostics.items = [dataclasses.replace(d, severity="warning")
                                if d.code == "lang.missing" else d
                                for d in report.diagnostics.items]
    print_diagnostics(report.diagnostics)
    if not args.quiet:
        print(f"wrote {len(report.written)} file(s) to {args.out / name}/ in "
              f"{time.perf_counter() - start:.2f} s", file=sys.stderr)
    return EXIT_PROBLEMS if report.diagnostics.has_errors() else EXIT_OK


def command_import(args: argparse.Namespace) -> int:
    from unccd_publish.interchange.importing import import_file

    if args.kind == "docx":
        from unccd_publish.wordin.command import import_word

        status, changed = import_word(args)
        if status == EXIT_USAGE or not changed:
            return status
        return max(status, _check_imported(args, changed))
    diagnostics = Diagnostics()
    changed = []
    for path in args.files:
        folder = import_file(path, args.kind, args.content, diagnostics)
        if folder is not None:
            changed.append(folder)
            print(f"{path}: imported into {args.content / folder}/", file=sys.stderr)
    print_diagnostics(diagnostics)
    status = EXIT_PROBLEMS if failed(diagnostics, args.warnings_as_errors) else EXIT_OK
    if not changed:
        return status
    return max(status, _check_imported(args, changed))


def _check_imported(args: argparse.Namespace, changed: list[str]) -> int:
    """``check`` the documents an import changed."""
    from unccd_publish.check import run_check_command

    check = build_parser().parse_args(["check", *sorted(set(changed))])
    for key in ("content", "out", "cache"):
        setattr(check, key, getattr(args, key))
    check.jobs, check.shard = "auto", None
    return run_check_command(check)


def command_serve(args: argparse.Namespace) -> int:
    with loading():
        from unccd_publish.build import BuildOptions, run_build
        from unccd_publish.serve import Status, make_server, watch_and_rebuild

    options = BuildOptions(args.content, args.out, pdf=False, cache=args.cache)
    status = Status()

    def rebuild() -> tuple[bool, list[str]]:
        report = run_build(options)
        root = Path.cwd()
        problems = [d.format(root) for d in report.diagnostics]
        print_diagnostics(report.diagnostics)
        written = len(report.written)
        print(f"rebuilt: {written} file(s) written, {len(report.diagnostics.errors)} error(s)",
              file=sys.stderr, flush=True)
        return not report.diagnostics.has_errors(), problems

    ok, problems = rebuild()
    status.update(ok, problems)
    try:
        server = make_server(args.out / "html", status, args.port)
    except OSError as exc:
        print(f"error: cannot listen on 127.0.0.1:{args.port}: {exc.strerror} [cli.port]",
              file=sys.stderr)
        return EXIT_USAGE
    stop = threading.Event()
    templates = args.content.resolve().parent / "templates"
    watcher = threading.Thread(target=watch_and_rebuild,
                               args=([args.content, templates], rebuild, status, stop),
                               daemon=True)
    watcher.start()
    host, port = server.server_address[:2]
    print(f"serving http://{host}:{port}/ — rebuilding on change; Ctrl-C to stop",
          file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
    return EXIT_OK


def command_new(args: argparse.Namespace) -> int:
    from unccd_publish.scaffold import NewDocument, ScaffoldError, create

    languages = tuple(lang.strip() for lang in args.languages.split(",") if lang.strip())
    new = NewDocument(
        folder=args.folder,
        title={"en": args.title_en or "Title of the document",
               "zh": args.title_zh or "文件标题"},
        agenda_title={"en": args.agenda_title_en or "Title of the agenda item",
                      "zh": args.agenda_title_zh or "议程项目标题"},
        symbol=args.symbol, kind=args.kind, body=args.body, committee=args.committee,
        session=args.session, agenda_item=args.agenda_item, date=args.date,
        distribution=args.distribution, original=args.original, languages=languages)
    try:
        written = create(args.content, new)
    except ScaffoldError as exc:
        print(f"error: {exc} [cli.new]", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyError as exc:
        print(f"error: no catalogue for language {exc} [cli.new]", file=sys.stderr)
        return EXIT_PROBLEMS
    for path in written:
        print(f"created {path}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
