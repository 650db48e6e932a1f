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
(cd "$tree" && mvn -B -q -o package -DskipTests)

out="$root/bench/target/control"
mkdir -p "$out"
cp "$tree/bench/target/bench.jar" "$out/bench-control.jar"
cp "$tree/template.yaml" "$out/template.yaml"
echo "$short" > "$out/commit"

# Run in the control's tree: its template.yaml (the functions' environment then) and its dynoxide.
cd "$tree"
java -cp "$out/bench-control.jar" dev.ticketing.bench.replay.RushReplay $size --label "rush-replay (control @$short)"
