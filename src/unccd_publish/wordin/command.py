"""The command line's ``import docx``: each file into the folder, its problems printed, the
folder read as a build would read it."""

from __future__ import annotations

import argparse
import sys

from unccd_publish.diagnostics import Diagnostics
from unccd_publish.reading import read_project
from unccd_publish.wordin.importer import import_docx
from unccd_publish.wordin.problems import Problems

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def import_word(args: argparse.Namespace) -> tuple[int, list[str]]:
    """The exit status, and the folders to check (those with every language now)."""
    if not args.folder:
        print("unccd-publish import docx: error: --folder NAME is required: the folder of "
              "content/ to write the document into [cli.usage]", file=sys.stderr)
        return EXIT_USAGE, []
    failed = False
    written = False
    for path in args.files:
        problems = Problems(path)
        imported = import_docx(path, args.folder, args.lang, args.content, problems)
        for problem in problems.items:
            print(problem.format(), file=sys.stderr)
        failed |= problems.has_errors() or (args.warnings_as_errors and bool(problems.items))
        if imported is not None and imported.written:
            written = True
            names = ", ".join(p.name for p in imported.written)
            print(f"{path}: imported into {args.content / args.folder}/ ({names})",
                  file=sys.stderr)
    if not written:
        return EXIT_PROBLEMS if failed else EXIT_OK, []
    found = Diagnostics()
    project = read_project(args.content, found, only={args.folder})
    for diagnostic in found.sorted():
        print(diagnostic.format(), file=sys.stderr)
    failed |= found.has_errors() or (args.warnings_as_errors and bool(found.items))
    docset = next(iter(project.documents), None)
    complete = docset is not None and set(docset.meta.languages) <= set(docset.versions)
    return (EXIT_PROBLEMS if failed else EXIT_OK,
            [args.folder] if complete and len(docset.versions) > 1 else [])
