#!/usr/bin/env bash
# Fill fuzz/corpus/<target>/ with starting inputs taken from the fixtures, so that the
# fuzzers begin from real articles and real YAML. Safe to run again (files are named by
# content). Usage: fuzz/seed-corpus.sh
set -euo pipefail
cd "$(dirname "$0")"
root=..

add() { # add TARGET FILE [PREFIX-BYTE]
    local dir="corpus/$1" tmp
    mkdir -p "$dir"
    tmp=$(mktemp)
    if [ -n "${3:-}" ]; then printf "$3" >"$tmp"; fi
    cat "$2" >>"$tmp"
    mv "$tmp" "$dir/$(sha1sum <"$tmp" | cut -c1-40)"
}

for f in "$root"/fixtures/seeds/*.txt; do
    add read_txt "$f"
    # segment: the first byte picks fr/en (bit 0) and Markdown (bit 1).
    add segment "$f" '\x00'
    add segment "$f" '\x03'
done
for f in "$root"/fixtures/events/*/*.md; do
    add read_md "$f"
    add segment "$f" '\x02'
done
for f in "$root"/rules/*.yaml "$root"/rules/lang/*.yaml; do
    add yaml "$f"
done
for f in "$root"/rules/default.yaml "$root"/fixtures/rules/*.yaml; do
    add rules "$f"
done
# Front matter alone is YAML too.
for f in "$root"/fixtures/events/*/*.md; do
    tmp=$(mktemp)
    awk 'NR==1 && $0=="---" {on=1; next} on && $0=="---" {exit} on {print}' "$f" >"$tmp"
    add yaml "$tmp"
    rm -f "$tmp"
done
# HTML: each seed article wrapped in a small page.
for f in "$root"/fixtures/seeds/*.txt; do
    tmp=$(mktemp)
    {
        printf '<!doctype html><html lang="fr"><head><title>Article</title></head><body>'
        printf '<nav>Accueil | Monde</nav><article>'
        sed -e 's/&/\&amp;/g; s/</\&lt;/g; s/^$//; s/^\(..*\)$/<p>\1<\/p>/' "$f"
        printf '</article><footer>Mentions</footer></body></html>\n'
    } >"$tmp"
    add read_html "$tmp"
    rm -f "$tmp"
done
for t in corpus/*; do echo "$t: $(ls "$t" | wc -l) inputs"; done
