# Sourced by scripts/serve and scripts/test: installs what the site and its
# tests need, and nothing twice. Safe to run with no standard input (CI).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
export NO_MKDOCS_2_WARNING=1
export DISABLE_MKDOCS_2_WARNING=true  # the same notice, printed by mkdocs-redirects
export DEBIAN_FRONTEND=noninteractive

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo -n "$@" || sudo "$@"
    else say "Need root to run: $*"; return 1
    fi
}

is_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

# Debian packages: install only those missing, so a second run does nothing.
apt_ensure() {
    local missing=()
    for pkg in "$@"; do is_installed "$pkg" || missing+=("$pkg"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "Installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The Python environment: rebuilt only when pyproject.toml changes.
venv_ensure() {
    local extra="$1" stamp want
    want="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)-$extra"
    stamp="$VENV/.installed"
    # The test extra includes everything the site needs, so it satisfies "site" too.
    if [ -f "$stamp" ]; then
        case "$(cat "$stamp")" in
            "$want"|"${want%-site}-test") return 0 ;;
        esac
    fi
    if [ ! -x "$VENV/bin/python" ]; then
        say "Creating the virtual environment in .venv"
        if ! python3 -m venv "$VENV" 2>/dev/null; then
            rm -rf "$VENV"
            apt_ensure python3-venv
            python3 -m venv "$VENV"
        fi
    fi
    say "Installing Python packages ($extra)"
    local pip=("$VENV/bin/python" -m pip install -q --disable-pip-version-check)
    "${pip[@]}" --upgrade pip
    if [ "$extra" = site ]; then "${pip[@]}" -e "$ROOT"; else "${pip[@]}" -e "$ROOT[$extra]"; fi
    echo "$want" > "$stamp"
}

# What building the site needs: Pango, HarfBuzz's subsetter and the Liberation
# fonts for the PDFs (without libharfbuzz-subset0 WeasyPrint prints a warning
# with a stack trace on every start), and esbuild, which minifies the site's own
# JavaScript and CSS (workbook/assets.py).
SITE_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation esbuild)
# What the tests add: Chromium for the browser tests, nginx to serve the site as
# the README configures it, Node.js for the unit tests of the site's JavaScript
# (tests/js/), and Java for the HTML checker (any Java will do).
TEST_PACKAGES=(chromium nginx nodejs)
JAVA_PACKAGE=default-jre-headless
