"""``build index``: the final step of a sharded build.

Each shard of ``build --shard K/N`` remembers what it built in a state file of its own
(:mod:`unccd_publish.shards`). This step checks that every shard of one split is there and
that all were built from the same inputs, merges their records into the build's state,
writes the index page and reports every document's problems: the output is then what one
run would have written, and a plain build afterwards has nothing to do.
"""

from __future__ import annotations

from unccd_publish.build import Builder, BuildOptions
from unccd_publish.diagnostics import Location
from unccd_publish.environment import STATE_FILE, State, diagnostic_from_json
from unccd_publish.html.builder import PageWriter
from unccd_publish.reading import Project
from unccd_publish.report import BuildReport
from unccd_publish.shards import Shard, shard_states


def merge_shards(options: BuildOptions) -> BuildReport:
    """``build index``: merge what the shards of a sharded build remember into one state,
    write the index page, and report every document's problems."""
    builder = Builder(options)
    out, diagnostics = builder.out, builder.diagnostics
    found = shard_states(out, "build-state")
    counts = {shard.count for shard in found}
    if len(counts) != 1:
        diagnostics.error(Location(out), "no shards to merge here: run `build --shard K/N` for "
                          "every K first" if not counts else "shards of different splits are "
                          f"here ({', '.join(str(s) for s in sorted(found))}); remove "
                          "the state files of the old split", "cli.shard")
        return builder.report
    count = counts.pop()
    missing = [f"{k}/{count}" for k in range(1, count + 1) if Shard(k, count) not in found]
    states = [State.load(out, path.name) for _, path in sorted(found.items())]
    if missing or len({s.inputs.get("html") for s in states}) != 1:
        why = (f"shard {', '.join(missing)} has not been built; run `build --shard "
               f"{missing[0]}` here" if missing else "the shards were built from different "
               "templates, configuration or code; build every shard again from the same sources")
        diagnostics.error(Location(out), f"cannot merge the shards: {why}", "cli.shard")
        return builder.report
    merged = State(dict(states[0].inputs), {}, "", states[0].project_diagnostics,
                   states[0].emblem)
    for state in states:
        merged.documents.update(state.documents)
    for name in sorted(merged.documents):
        diagnostics.extend(diagnostic_from_json(d) for d in merged.documents[name].diagnostics)
    builder.state = merged
    pages = PageWriter(Project(builder.content, builder.config), out / "html", {})
    problem = pages.prepare()
    if problem is not None:
        builder.cannot_write(*problem)
    builder.write_index(pages)
    builder.state_name = STATE_FILE
    builder.save_state()
    for path in found.values():
        path.unlink(missing_ok=True)
    return builder.report
