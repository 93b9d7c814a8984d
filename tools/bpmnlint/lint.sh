#!/usr/bin/env bash
# Lints every model in processes/ with the repository's .bpmnlintrc (bpmnlint's recommended rules and the
# Camunda 7.24 compatibility rules, as the Camunda Modeler shows them). Fails on any error and on any warning:
# a rule the models may break is switched off in .bpmnlintrc, never ignored here.
# Tools from the npm registry only, pinned by package-lock.json (npm ci).
set -euo pipefail
cd "$(dirname "$0")"
if ! npm ls --silent >/dev/null 2>&1; then
  npm ci --no-audit --no-fund --loglevel=error
fi
out=$(node_modules/.bin/bpmnlint --config ../../.bpmnlintrc ../../processes/*.bpmn 2>&1) && status=0 || status=$?
if [ -n "$out" ]; then echo "$out"; fi
if [ "$status" -ne 0 ] || grep -q "warning" <<<"$out"; then
  echo "bpmnlint: processes/ has lint problems (see above)" >&2
  exit 1
fi
echo "bpmnlint: $(ls ../../processes/*.bpmn | wc -l) models, no problem"
