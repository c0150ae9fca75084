#!/usr/bin/env bash
# Usage: scripts/cli-reference.sh [NDFIT_BINARY]   (default .build/debug/ndfit)
# Writes docs/cli.md: the help of `ndfit` and of each subcommand it lists.
#
# Format (CLIReferenceTests assembles the same bytes, in CLIReference.swift;
# change both together):
#   "# ndfit command-line reference", a blank line, a one-line intro; then for
#   `ndfit` and each subcommand in the order `ndfit --help` lists them under
#   SUBCOMMANDS: a blank line, "## ndfit[ <subcommand>]", a blank line, a
#   ```text fence holding `ndfit --help` or `ndfit help <subcommand>` with its
#   trailing newlines removed. The file ends with one newline.
# The binary runs with COLUMNS=100 so the wrapping does not depend on the
# terminal. The file is written whole or not at all.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
binary="${1:-$root/.build/debug/ndfit}"
[ -x "$binary" ] || { echo "cli-reference: $binary is not an executable" >&2; exit 1; }
export COLUMNS=100

# Prints one section: its heading and the help in a text fence.
section() {
    local heading="$1"; shift
    local help
    help="$("$binary" "$@")"    # command substitution drops the trailing newlines
    printf '\n## %s\n\n```text\n%s\n```\n' "$heading" "$help"
}

root_help="$("$binary" --help)"
subcommands="$(printf '%s\n' "$root_help" \
    | LC_ALL=C awk '/^SUBCOMMANDS:$/ { on = 1; next } on && /^$/ { exit } on && /^  [a-z]/ { print $1 }')"

output="$root/docs/cli.md"
temporary="$(mktemp "$output.XXXXXX")"
trap 'rm -f "$temporary"' EXIT
chmod 644 "$temporary"
{
    printf '# ndfit command-line reference\n\n'
    printf '%s\n' 'What `ndfit --help` and `ndfit help <subcommand>` print (100 columns wide); regenerate with `make docs-reference`.'
    section "ndfit" --help
    for subcommand in $subcommands; do
        section "ndfit $subcommand" help "$subcommand"
    done
} > "$temporary"
mv "$temporary" "$output"
trap - EXIT
echo "wrote $output"
