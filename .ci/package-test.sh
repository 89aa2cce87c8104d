#!/usr/bin/env bash
# Packaging test: pack every packable project of SpineDecision.sln into artifacts/packages, check what each package
# carries, then build and run the README's Quick start as a new user would, in a fresh console project outside the
# repository that references only those packages (a local nuget.config: the local folder for SpineDecision*, the
# normal feed for third-party packages).
#
# Contract with README.md's "## Quick start" section (up to the next "## " heading):
#   - every `dotnet add package ...` line in its ```bash blocks is run verbatim in the new project;
#   - its first ```csharp block is Program.cs, verbatim: a top-level-statements program;
#   - it is run with one argument, the path of a case file (YAML, case format 2) that this script writes, and must
#     exit 0 having printed something.
# Each src/*/PACKAGE.md (the NuGet README) must compile too: its first ```csharp block, with every package referenced.
#
# Usage: .ci/package-test.sh [--no-build]   (--no-build: pack the Release build already made, as .ci/run does)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() { echo "package test: $*" >&2; exit 1; }
step() { echo "-- [${SECONDS} s] $*"; }

packages="$root/artifacts/packages"
logs="$root/artifacts/package-test"
rm -rf "$packages" "$logs"
mkdir -p "$packages" "$logs"

step "pack every IsPackable project of SpineDecision.sln into artifacts/packages"
dotnet pack SpineDecision.sln -c Release -o "$packages" "$@" > "$logs/pack.log" 2>&1 || { cat "$logs/pack.log"; fail "dotnet pack failed"; }

# id, version and kind (library or tool) of each package, and the checks on its contents.
python3 - "$packages" > "$logs/packages.tsv" <<'EOF'
import sys, zipfile, pathlib, re
folder = pathlib.Path(sys.argv[1])
nupkgs = sorted(p for p in folder.glob("*.nupkg"))
if not nupkgs:
    sys.exit("no package was packed")
problems = []
for path in nupkgs:
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        nuspec = z.read(next(n for n in names if n.endswith(".nuspec") and "/" not in n)).decode("utf-8")
    field = lambda tag: (re.search(rf"<{tag}>(.*?)</{tag}>", nuspec, re.S) or [None, ""])[1]
    pid, version = field("id"), field("version")
    tool = 'packageType name="DotnetTool"' in nuspec
    need = {"readme": field("readme"), "icon": field("icon"), "license": "LICENSE"}
    for what, name in need.items():
        if not name or name not in names:
            problems.append(f"{path.name}: no {what} file in the package ({name or 'not declared'})")
    for tag in ("projectUrl", "releaseNotes", "description", "tags"):
        if not field(tag).strip():
            problems.append(f"{path.name}: <{tag}> is empty")
    if re.search(r'<repository [^>]*url="https://', nuspec) is None:
        problems.append(f"{path.name}: no repository url")
    schema_folders = ["tools/net10.0/any/schema/"] if tool else ["schema/", "contentFiles/any/any/schema/"] if pid == "SpineDecision" else []
    for prefix in schema_folders:
        if f"{prefix}case.schema.json" not in names:
            problems.append(f"{path.name}: no {prefix}case.schema.json")
    print(f"{pid}\t{version}\t{'tool' if tool else 'library'}\t{path.stat().st_size}")
if problems:
    sys.exit("\n".join(problems))
EOF
cat "$logs/packages.tsv"
grep -q "^SpineDecision	" "$logs/packages.tsv" || fail "the SpineDecision package was not packed"

step "a fresh console project outside the repository, from the README's Quick start"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
app="$work/QuickStart"
mkdir -p "$app" "$work/fallback"
# Nothing of the repository's build files reaches the new project.
echo '<Project />' > "$work/Directory.Build.props"
echo '<Project />' > "$work/Directory.Build.targets"
# Third-party packages already on this machine are reused read-only; any SpineDecision* package in the machine's cache
# (an older pack of the same version) is left out, so the packages come from artifacts/packages and nowhere else.
machine_cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
if [ -d "$machine_cache" ]; then
  for d in "$machine_cache"/*; do
    case "$(basename "$d")" in spinedecision*) ;; *) ln -s "$d" "$work/fallback/" ;; esac
  done
fi
cat > "$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config>
    <add key="globalPackagesFolder" value="$work/packages" />
  </config>
  <packageSources>
    <clear />
    <add key="local" value="$packages" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local">
      <package pattern="SpineDecision" />
      <package pattern="SpineDecision.*" />
    </packageSource>
    <packageSource key="nuget.org">
      <package pattern="*" />
    </packageSource>
  </packageSourceMapping>
  <fallbackPackageFolders>
    <add key="machine" value="$work/fallback" />
  </fallbackPackageFolders>
</configuration>
EOF
cat > "$app/QuickStart.csproj" <<'EOF'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
  </PropertyGroup>
</Project>
EOF

# The first ```csharp block, and the `dotnet add package` lines of the ```bash blocks, of a Markdown section.
extract() { # file, section heading ("" = whole file), what (csharp|add)
  awk -v section="$2" -v what="$3" '
    /^## / { if (section != "") { inside = ($0 == section) } }
    section == "" { inside = 1 }
    !inside { next }
    /^```/ {
      if (fence) { fence = ""; if (lang == "csharp") done = 1; next }
      fence = 1; lang = substr($0, 4); next
    }
    fence && what == "csharp" && lang == "csharp" && !done { print }
    fence && what == "add" && (lang == "bash" || lang == "sh" || lang == "shell") && $0 ~ /^[ \t]*dotnet add package / { print }
  ' "$1"
}

extract README.md "## Quick start" csharp > "$app/Program.cs"
[ -s "$app/Program.cs" ] || fail "README.md has no \`\`\`csharp block under '## Quick start'"
extract README.md "## Quick start" add > "$logs/add-package.sh"
grep -q "dotnet add package SpineDecision\b" "$logs/add-package.sh" || fail "README.md's Quick start does not say 'dotnet add package SpineDecision' in a \`\`\`bash block"
cp "$app/Program.cs" "$logs/Program.cs"

cd "$app"
while IFS= read -r line; do
  echo "\$ $line"
  bash -c "$line" >> "$logs/restore.log" 2>&1 || { cat "$logs/restore.log"; fail "README line failed: $line"; }
done < "$logs/add-package.sh"
[ -d "$work/packages/spinedecision" ] || fail "SpineDecision was not restored from artifacts/packages"

# A case written here, not taken from the repository: the snippet must not depend on a clone.
cat > "$work/case.yaml" <<'EOF'
caseFormat: 2
id: package-test
assessmentDate: 2026-11-01
patient: { age: 58, sex: female, pregnant: false }
pain: { region: lumbar, pattern: radicular, laterality: right, durationWeeks: 10, nrs: 7, disabilityScale: odi, disabilityScore: 40 }
exam: { findings: [{ test: straight-leg-raise, result: positive, side: right }], imagingConcordant: true }
diagnoses: [disc-herniation]
imaging:
  - { modality: mri, date: 2026-10-01, findings: [{ finding: disc-herniation, level: L5-S1, side: right }] }
conservativeCare:
  - { modality: physical-therapy, weeks: 6, outcome: failed }
priorProcedures: []
redFlags: []
medications: []
allergies: []
EOF

step "build the README's Quick start against the packages"
dotnet build --no-restore -c Release > "$logs/build.log" 2>&1 || { cat "$logs/build.log"; fail "the README's Quick start does not compile against the packages (artifacts/package-test/Program.cs)"; }
step "run it on a case it did not come with"
dotnet run --no-build -c Release -- "$work/case.yaml" > "$logs/run.out" 2> "$logs/run.err" || { cat "$logs/run.err"; fail "the README's Quick start failed on $work/case.yaml"; }
[ -s "$logs/run.out" ] || fail "the README's Quick start printed nothing"
echo "   printed $(wc -l < "$logs/run.out") lines"

step "every package's own quick start (PACKAGE.md) compiles with every library package referenced"
while IFS=$'\t' read -r id version kind _; do
  if [ "$kind" = library ] && ! grep -q "Include=\"$id\"" QuickStart.csproj; then
    dotnet add package "$id" --version "$version" >> "$logs/restore.log" 2>&1 || { cat "$logs/restore.log"; fail "package $id $version does not install"; }
  fi
done < "$logs/packages.tsv"
for readme in "$root"/src/*/PACKAGE.md; do
  name="$(basename "$(dirname "$readme")")"
  extract "$readme" "" csharp > Program.cs
  [ -s Program.cs ] || fail "$name/PACKAGE.md has no \`\`\`csharp block"
  dotnet build --no-restore -c Release > "$logs/build-$name.log" 2>&1 || { cat "$logs/build-$name.log"; fail "the quick start of src/$name/PACKAGE.md does not compile against the packages"; }
  echo "   $name/PACKAGE.md compiles"
done

echo "package test passed in ${SECONDS} s"
