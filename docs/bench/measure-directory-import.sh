#!/bin/sh
# Measures DirectoryImporter on a generated entity directory in a release
# build: time and maximum resident set size, by /usr/bin/time -v.
#
#   docs/bench/measure-directory-import.sh [ROWS] [SCRATCH]
#
# ROWS defaults to 1000000; SCRATCH (default .build-bench) is the build
# folder. The importer's objects are linked into docs/bench/import-directory.swift
# so that nothing but the import is measured (no store, no draw).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
rows=${1:-1000000}
scratch=${2:-$root/.build-bench}
swift build -c release --scratch-path "$scratch" --target Directories
release="$scratch/release"
swiftc -O -I "$release/Modules" "$root/docs/bench/import-directory.swift" \
    "$release"/Directories.build/*.o "$release"/WorkingDays.build/*.o -o "$scratch/import-directory"
csv="$scratch/entities-$rows.csv"
[ -f "$csv" ] || python3 "$root/docs/bench/generate-directory.py" "$rows" > "$csv"
ls -l "$csv"
/usr/bin/time -v "$scratch/import-directory" "$csv" 2>&1 |
    grep -E 'rows accepted|error|Elapsed|Maximum resident|User time|System time'
