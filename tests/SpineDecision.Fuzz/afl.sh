#!/usr/bin/env bash
# Coverage-guided fuzzing with afl-fuzz and SharpFuzz (issue 14): the YAML reader, the expression parser and checker
# (through rule files), and the case reader and engine (through cases). Not run by CI.
#   tests/SpineDecision.Fuzz/afl.sh KIND SECONDS     KIND: rules | case | scenarios (default rules, 600 s)
# Needs afl-fuzz (Debian: apt-get install afl++). Installs the SharpFuzz.CommandLine tool into artifacts/tools,
# instruments copies of SpineDecision.dll and YamlDotNet.dll under artifacts/afl-KIND, and at the end lists every crash
# and hang afl-fuzz found (the inputs are files under artifacts/afl-KIND/out/default; the target is the mutation
# fuzzer's own FuzzTarget, so a finding is a real crash: add it to the corpus the unit tests replay).
set -euo pipefail
kind="${1:-rules}"
seconds="${2:-600}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$root/artifacts/afl-$kind"
tools="$root/artifacts/tools"

dotnet build -c Release "$root/tests/SpineDecision.Fuzz" > /dev/null
rm -rf "$work"
mkdir -p "$work/bin" "$work/in" "$tools"
cp -r "$root/tests/SpineDecision.Fuzz/bin/Release/net10.0/." "$work/bin/"
[ -x "$tools/sharpfuzz" ] || dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" > /dev/null
for dll in SpineDecision.dll YamlDotNet.dll; do
  "$tools/sharpfuzz" "$work/bin/$dll"
done

# Small seeds fuzz best: the smallest shipped files of the kind, and a few hand-written one-liners.
case "$kind" in
  case)
    for f in "$root"/samples/cases/*.yaml; do cp "$f" "$work/in/"; done ;;
  scenarios)
    find "$root/rules" -name '*.scenarios.yaml' -size -16k | head -n 4 | xargs -I{} cp {} "$work/in/" ;;
  *)
    find "$root/rules" -name '*.yaml' ! -name '*.scenarios.yaml' ! -path '*/schema/*' ! -path '*/vocabulary/*' -size -12k \
      | head -n 6 | xargs -I{} cp {} "$work/in/"
    printf 'ruleSet: { id: s }\nrules:\n  - id: S-1\n    when:\n      - check: "-(pain.nrs + 2) * 3 >= 4 and not (pain.weeks < 6)"\n    then:\n      - recommend: facet-rfa\n' > "$work/in/expression.yaml" ;;
esac

AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 \
  afl-fuzz -i "$work/in" -o "$work/out" -t 10000 -m none -V "$seconds" -- dotnet "$work/bin/SpineDecision.Fuzz.dll" --afl "$kind" || true

found=0
for f in "$work"/out/default/crashes/id:* "$work"/out/default/hangs/id:*; do
  [ -e "$f" ] || continue
  found=$((found + 1))
  echo "afl-fuzz finding: $f"
done
grep -E 'execs_done|corpus_count|saved_crashes|saved_hangs|bitmap_cvg' "$work/out/default/fuzzer_stats" || true
echo "$found findings (crashes and hangs) in $work/out/default"
