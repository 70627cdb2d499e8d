#!/usr/bin/env bash
# Seeds the fuzzing corpus with the sample content and a few hostile documents.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/parse_document
cp ../content/articles/*.json corpus/parse_document/
printf '%s' '{"version":1,"articles":[]}' > corpus/parse_document/listing.json
printf '%s' '{"version":2}' > corpus/parse_document/version2.json
printf '%s' 'javascript:alert(1)' > corpus/parse_document/js-url.txt
printf '%s' '../../etc/passwd' > corpus/parse_document/dotdot.txt
echo "seeded $(ls corpus/parse_document | wc -l) files in fuzz/corpus/parse_document"
