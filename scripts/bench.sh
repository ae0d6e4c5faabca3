#!/usr/bin/env bash
# Scale benchmark: time and peak memory of `claimdiff compare` on the seed fixtures and on
# generated corpora of 1,000 and 10,000 articles, and the recall of the indexed candidates
# against the all-pairs reference on the 1,000-article corpus.
#
#   scripts/bench.sh
#
# Environment:
#   CLAIMDIFF  the binary to measure (default: the release build of this checkout)
#   MSRP_DATA  the MSRP folder the corpora are made from (default: ../shared/data/msrp)
#
# The corpora and the JSON reports go to bench-corpus/ (ignored by git): MSRP is licensed for
# non-commercial use only and must not enter the repository.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=${CARGO_TARGET_DIR:-target}
CLAIMDIFF=${CLAIMDIFF:-$TARGET/release/claimdiff}
MSRP_DATA=${MSRP_DATA:-../shared/data/msrp}
CORPORA=bench-corpus
RUNS=$CORPORA/runs

die() {
    echo "bench: $*" >&2
    exit 1
}

for tool in /usr/bin/time jq; do
    command -v "$tool" >/dev/null || die "$tool is needed (GNU time for peak memory, jq to read the reports)"
done

echo "== build (release)" >&2
cargo build --release --quiet --bin claimdiff --example gen_corpus --example group_recall
[ -x "$CLAIMDIFF" ] || die "no claimdiff binary at $CLAIMDIFF (set CLAIMDIFF)"

# The generator writes a corpus folder only once it is complete, so one that exists is whole.
for n in 1000 10000; do
    dir=$CORPORA/$((n / 1000))k
    if [ ! -d "$dir" ]; then
        [ -d "$MSRP_DATA" ] || die "no MSRP data at $MSRP_DATA (set MSRP_DATA)"
        echo "== generate $dir" >&2
        "$TARGET/release/examples/gen_corpus" --data "$MSRP_DATA" --articles "$n" --out "$dir" >&2
    fi
done
mkdir -p "$RUNS"

# The files of a corpus, sorted, so that every run reads them in the same order and the
# claim ids of two reports name the same claims.
corpus_files() {
    case $1 in
        seeds) find fixtures/seeds -name '*.txt' | sort ;;
        *) find "$CORPORA/$1" -name '*.md' | sort ;;
    esac
}

# Read every corpus with `claims` first: cheap, and a file that does not read fails here and
# not an hour into an all-pairs run.
declare -A ARTICLES
for corpus in seeds 1k 10k; do
    mapfile -t files < <(corpus_files "$corpus")
    [ "${#files[@]}" -gt 0 ] || die "corpus $corpus has no files"
    "$CLAIMDIFF" claims --format json --quiet "${files[@]}" >"$RUNS/$corpus.claims.json" \
        || die "claimdiff claims failed on corpus $corpus"
    ARTICLES[$corpus]=${#files[@]}
    echo "== $corpus: ${#files[@]} files read, $(jq '.claims | length' "$RUNS/$corpus.claims.json") claims" >&2
done

declare -A WALL RSS CLAIMS
# run NAME CORPUS [compare flags…]: time one compare run under GNU time.
run() {
    local name=$1 corpus=$2
    shift 2
    local out=$RUNS/$name.json log=$RUNS/$name.time status=0
    local -a files
    mapfile -t files < <(corpus_files "$corpus")
    echo "== compare $name (${#files[@]} articles)" >&2
    /usr/bin/time -v -o "$log" "$CLAIMDIFF" compare "${files[@]}" --format json --output "$out" --quiet "$@" || status=$?
    # Exit 1 means findings at or above --fail-on: a finished run, not a failure.
    [ "$status" -le 1 ] || die "compare $name exited with $status (GNU time's report: $log)"
    [ -s "$out" ] || die "compare $name wrote no report at $out"
    WALL[$name]=$(awk -F': ' '/Elapsed \(wall clock\)/ {
        n = split($2, t, ":"); s = 0
        for (i = 1; i <= n; i++) s = s * 60 + t[i]
        printf "%.2f", s }' "$log")
    RSS[$name]=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log")
    CLAIMS[$name]=$(jq '.summary.claims' "$out")
}

run seeds seeds
run 1k 1k
run 1k-all-pairs 1k --candidates all-pairs
run 10k 10k

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }'; }

echo
printf '%-14s %9s %9s %10s %14s\n' corpus articles claims "wall (s)" "peak RSS (MB)"
for name in seeds 1k 1k-all-pairs 10k; do
    corpus=${name%-all-pairs}
    printf '%-14s %9s %9s %10s %14s\n' "$name" "${ARTICLES[$corpus]}" "${CLAIMS[$name]}" "${WALL[$name]}" "${RSS[$name]}"
done
echo
echo "all-pairs on 1k: ${WALL[1k-all-pairs]} s; the index is $(ratio "${WALL[1k-all-pairs]}" "${WALL[1k]}")x faster"
echo "10k / 1k wall time: $(ratio "${WALL[10k]}" "${WALL[1k]}")x for 10x the articles"
echo
echo "groups of the all-pairs run that the indexed run finds (1k):"
"$TARGET/release/examples/group_recall" "$RUNS/1k-all-pairs.json" "$RUNS/1k.json"
