#!/usr/bin/env bash
# The rush replay's control: the same replay (bench/src/main/java/dev/ticketing/bench/replay) run
# against the queue as it was just before "Placement without a write per placed user", when every
# placed user's token had its place written into it.
#
#   bench/control.sh [--full] [COMMIT]
#
# Checks COMMIT (default: the first parent of the commit whose subject starts with "Placement without
# a write per placed user") out into a temporary git worktree, copies the rush replay's sources
# (RushReplay and the replay classes it names) into its bench module, builds it offline there (mvn -o package -DskipTests; never install), and runs its
# replay (quick sizes unless --full), labelled "rush-replay (control @<short sha>)". The jar and that
# commit's template.yaml are kept in bench/target/control/, where `bench.jar --quick` finds them and
# runs the control after the replay of the current code. The worktree is removed on exit.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
size=--quick
if [[ "${1:-}" == "--full" ]]; then
  size=""
  shift
fi
if [[ $# -gt 0 ]]; then
  commit=$(git -C "$root" rev-parse --verify "$1^{commit}")
else
  redesign=$(git -C "$root" log --format=%H -1 --grep='^Placement without a write per placed user')
  if [[ -z "$redesign" ]]; then
    echo "control.sh: no commit \"Placement without a write per placed user\" in this history; name one" >&2
    exit 2
  fi
  commit=$(git -C "$root" rev-parse "$redesign^1")
fi
short=$(git -C "$root" rev-parse --short "$commit")
echo "control.sh: replaying against $short ($(git -C "$root" log -1 --format=%s "$commit" | cut -c1-80))"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/rush-control-XXXXXX")
tree="$scratch/tree"
cleanup() {
  git -C "$root" worktree remove --force "$tree" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT
git -C "$root" worktree add --quiet --detach "$tree" "$commit"

replay=bench/src/main/java/dev/ticketing/bench/replay
mkdir -p "$tree/$replay"
# Only RushReplay and the replay classes it names, transitively: the other replays (the opening's)
# call code the earlier commit does not have, and the control needs none of them.
declare -A copied=()
todo=(RushReplay)
while ((${#todo[@]})); do
  class=${todo[-1]}
  unset 'todo[-1]'
  [[ -n "${copied[$class]:-}" ]] && continue
  copied[$class]=1
  cp "$root/$replay/$class.java" "$tree/$replay/"
  for file in "$root/$replay"/*.java; do
    other=$(basename "$file" .java)
    if [[ -z "${copied[$other]:-}" ]] && grep -qw "$other" "$root/$replay/$class.java"; then
      todo+=("$other")
    fi
  done
done
echo "control.sh: copied ${!copied[*]}"
# Its seam with the product, as that commit's API needs it.
cp "$root/bench/control/ProductSeam.java" "$tree/$replay/ProductSeam.java"
# Classes moved to another package since then: each import of ours that the commit lacks points
# to where that commit has a class of the same name.
python3 - "$tree" "$tree/$replay" <<'PY'
import os, re, sys
tree, replay = sys.argv[1], sys.argv[2]
where = {}
for module in os.listdir(tree):
    for kind in ("main", "test"):
        base = os.path.join(tree, module, "src", kind, "java")
        for folder, _, files in os.walk(base):
            for name in files:
                if name.endswith(".java"):
                    where.setdefault(name[:-5], os.path.relpath(folder, base).replace(os.sep, "."))
def present(fqn):
    parts = fqn.split(".")
    for end in range(len(parts), 0, -1):  # an import may name a nested class
        path = "/".join(parts[:end]) + ".java"
        if any(os.path.exists(os.path.join(tree, m, "src", k, "java", path)) for m in os.listdir(tree) for k in ("main", "test")):
            return True
    return False
for name in os.listdir(replay):
    path = os.path.join(replay, name)
    source = open(path).read()
    def moved(match):
        fqn = match.group(1)
        if present(fqn) or fqn.split(".")[-1] not in where:
            return match.group(0)
        return "import %s.%s;" % (where[fqn.split(".")[-1]], fqn.split(".")[-1])
    open(path, "w").write(re.sub(r"import (dev\.ticketing\.[\w.]+);", moved, source))
PY
# Offline first; an older commit may need artifacts this machine never fetched (its JMH), then once online.
(cd "$tree" && { mvn -B -q -o package -DskipTests 2>/dev/null || mvn -B -q package -DskipTests; })

out="$root/bench/target/control"
mkdir -p "$out"
cp "$tree/bench/target/bench.jar" "$out/bench-control.jar"
cp "$tree/template.yaml" "$out/template.yaml"
echo "$short" > "$out/commit"

# Run in the control's tree: its template.yaml (the functions' environment then) and its dynoxide.
cd "$tree"
java -cp "$out/bench-control.jar" dev.ticketing.bench.replay.RushReplay $size --label "rush-replay (control @$short)"
