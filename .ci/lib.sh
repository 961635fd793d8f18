# Shared by .ci/serve, .ci/test and .ci/bench: installs what is missing, skips
# what is there, and sets up a build cache outside the checkout so that a
# fresh clone still builds incrementally.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CARGO_LEPTOS_VERSION=0.3.10   # 0.3.11 needs a newer rustc than these machines have
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dangbo/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# Playwright must never download a browser: Debian's Chromium is used.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

START=$(date +%s)
step() { printf '\n==> [%4ss] %s\n' "$(( $(date +%s) - START ))" "$*"; }

SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null; then SUDO="sudo"; fi
APT_UPDATED=""
apt_install() {
  if [ -z "$APT_UPDATED" ]; then $SUDO apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

ensure_rust_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "adding the wasm32 target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    step "installing cargo-leptos $CARGO_LEPTOS_VERSION (once per machine)"
    # A debug build: it only drives cargo, wasm-bindgen and wasm-opt, so its
    # own speed hardly matters, while an optimised build of its hundreds of
    # crates was the longest step of a cold run.
    CARGO_PROFILE_DEV_DEBUG=0 cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --debug
  fi
  # The CLI must match the wasm-bindgen crate exactly; without one on PATH
  # cargo-leptos would try to download it and fail.
  local want
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $want\$"; then
    step "installing wasm-bindgen-cli $want"
    # Not --locked: its lock file names a webpki-roots release the registry lacks.
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

# wasm-opt from binaryen 123, the release cargo-leptos 0.3.10 is made for.
# Debian's binaryen (108) breaks split bundles: the browser refuses the main
# module's table at start-up. npm carries binaryen's own builds.
BINARYEN_VERSION=123.0.0
ensure_binaryen() {
  local dir="$HOME/.cache/dangbo/binaryen-$BINARYEN_VERSION"
  if [ ! -x "$dir/node_modules/.bin/wasm-opt" ]; then
    ensure_node
    step "installing binaryen $BINARYEN_VERSION (wasm-opt)"
    mkdir -p "$dir"
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error --no-save "binaryen@$BINARYEN_VERSION")
  fi
  export PATH="$dir/node_modules/.bin:$PATH"
}

ensure_chromium() {
  [ -x /usr/bin/chromium ] || { step "installing Debian's Chromium"; apt_install chromium; }
  [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || { step "installing fonts with Vietnamese glyphs (PNG export)"; apt_install fonts-dejavu-core; }
}

# Debian's nginx for the browser test of two instances behind a proxy
# (end2end/tests/instances.spec.ts), which runs it as its own process on its
# own ports. The package's service is not wanted: where installing it started
# one (on port 80), it is stopped and disabled; an nginx that was already
# installed is left as it was.
ensure_nginx() {
  if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then return; fi
  step "installing Debian's nginx"
  apt_install nginx
  if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    $SUDO systemctl disable --now nginx >/dev/null 2>&1 || true
  elif [ -x /etc/init.d/nginx ]; then
    $SUDO /etc/init.d/nginx stop >/dev/null 2>&1 || true
    $SUDO update-rc.d nginx disable >/dev/null 2>&1 || true
  fi
}

# pdftotext reads the certificates' PDF back in the HTTP tests.
ensure_poppler() {
  command -v pdftotext >/dev/null || { step "installing poppler-utils (pdftotext)"; apt_install poppler-utils; }
}

ensure_node() {
  command -v npm >/dev/null || { step "installing Node.js"; apt_install nodejs npm; }
}

ensure_node_modules() {
  ensure_node
  step "installing the browser-test packages (npm ci)"
  (cd end2end && npm ci --no-audit --no-fund --loglevel=error)
}

# PostgreSQL on 127.0.0.1:5432 for the store tests: started when installed
# but stopped, installed (with trust auth for loopback) when absent.
ensure_postgres() {
  # The backup tests run pg_dump and pg_restore.
  command -v pg_dump >/dev/null || { step "installing the PostgreSQL client tools"; apt_install postgresql-client; }
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then return; fi
  local fresh=""
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    step "installing PostgreSQL"
    apt_install postgresql
    fresh=1
  fi
  local ver
  ver=$(ls /etc/postgresql | sort -V | tail -n 1)
  if [ -n "$fresh" ]; then
    local hba="/etc/postgresql/$ver/main/pg_hba.conf"
    $SUDO sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' "$hba"
  fi
  step "starting PostgreSQL $ver"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 && return
    sleep 1
  done
  echo "PostgreSQL did not start on 127.0.0.1:5432" >&2
  exit 1
}

# cargo-leptos builds debug code with `--cfg erase_components` and these
# variables; giving cargo test and clippy the same lets them reuse its build.
# RUSTFLAGS itself stays unset for cargo-leptos, which would append its own.
LEPTOS_RUSTFLAGS="--cfg erase_components"
leptos_env() {
  unset RUSTFLAGS
  export LEPTOS_OUTPUT_NAME=dangbo LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
    LEPTOS_SITE_ADDR=127.0.0.1:3000 LEPTOS_RELOAD_PORT=3001 LEPTOS_LIB_DIR=frontend \
    LEPTOS_BIN_DIR=server LEPTOS_JS_MINIFY=false LEPTOS_HASH_FILES=false
}
