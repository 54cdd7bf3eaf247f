#!/usr/bin/env bash
# A real Matrix homeserver for Stint's tests: matrix-synapse from PyPI, in a virtual environment under a
# cache directory (wheels only), one server per directory, sqlite, bound to 127.0.0.1 on a free port,
# registration by shared secret only, rate limits off, no federation and no outside key servers.
#
# Usage:
#   scripts/synapse.sh install                        create the venv and install Synapse (a no-op when done)
#   scripts/synapse.sh installed                      exit 0 when Synapse is installed, else say how to install it
#   scripts/synapse.sh start DIR [oauth]              write DIR's config on first use, start, wait until it answers;
#                                                     prints the base URL (also in DIR/base_url). With `oauth`
#                                                     (on first use), sign-in is delegated to a test-only OAuth 2.0
#                                                     server (scripts/oauth-test-server.py, standing in for MAS),
#                                                     started beside it; its address is in DIR/oauth_url
#   scripts/synapse.sh stop DIR                       stop DIR's server (a no-op when it is not running)
#   scripts/synapse.sh register DIR USER PASSWORD [admin]   register a user through the shared secret
#
# The venv lives in $STINT_SYNAPSE_HOME, else ${XDG_CACHE_HOME:-~/.cache}/stint/synapse; the version is
# pinned below, and a venv of another version is replaced. A DIR keeps its port, its database and its users
# across stop/start, so a test can stop the server mid-session and bring the same one back.
set -euo pipefail

synapse_version="1.163.2"
home="${STINT_SYNAPSE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/stint/synapse}"
venv="$home/venv-$synapse_version"
python="$venv/bin/python"

say() { echo "synapse: $*" >&2; }
fail() { say "$*"; exit 1; }

is_installed() {
  [[ -x "$python" && -f "$venv/.installed" ]]
}

install() {
  is_installed && return
  command -v /usr/bin/python3 >/dev/null || fail "python3 is missing (Debian: apt-get install python3 python3-venv)"
  say "installing matrix-synapse $synapse_version into $venv (wheels only)"
  rm -rf "$venv"
  mkdir -p "$home"
  /usr/bin/python3 -m venv "$venv" || fail "could not create a virtual environment (Debian: apt-get install python3-venv)"
  "$python" -m pip install --quiet --disable-pip-version-check --only-binary=:all: "matrix-synapse==$synapse_version"
  touch "$venv/.installed"
  # Older versions' venvs are left by an upgrade; remove them.
  find "$home" -maxdepth 1 -name 'venv-*' ! -name "venv-$synapse_version" -exec rm -rf {} +
}

require_installed() {
  is_installed || fail "matrix-synapse is not installed in $venv; run scripts/install-deps.sh (or scripts/synapse.sh install)"
}

free_port() {
  "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The sign-in part of the config: passwords and a login token from an existing session, or (oauth)
# everything delegated to the test authorization server, as a homeserver behind MAS is.
auth_config() {
  local dir="$1" mode="$2"
  if [[ "$mode" == oauth ]]; then
    local as_port mas_secret
    as_port="$(free_port)"
    mas_secret="$("$python" -c 'import secrets; print(secrets.token_hex(24))')"
    echo "http://127.0.0.1:$as_port" >"$dir/oauth_url"
    echo "$mas_secret" >"$dir/oauth_secret"
    cat <<EOF
password_config:
  enabled: false
matrix_authentication_service:
  enabled: true
  endpoint: "http://127.0.0.1:$as_port/"
  secret: "$mas_secret"
EOF
  else
    cat <<EOF
# The browser sign-in's tests take a real login token from an existing session (MSC3882's
# POST /_matrix/client/v1/login/get_token), as Synapse here has no identity provider for SSO.
login_via_existing_session:
  enabled: true
  require_ui_auth: false
EOF
  fi
}

# Writes DIR/homeserver.yaml, its log config and its signing key, once.
configure() {
  local dir="$1" mode="${2:-}"
  [[ -f "$dir/homeserver.yaml" ]] && return
  mkdir -p "$dir/media"
  local port secret
  port="$(free_port)"
  secret="$("$python" -c 'import secrets; print(secrets.token_hex(24))')"
  cat >"$dir/log.yaml" <<EOF
version: 1
formatters:
  precise:
    format: '%(asctime)s - %(name)s - %(lineno)d - %(levelname)s - %(request)s - %(message)s'
handlers:
  file:
    class: logging.FileHandler
    formatter: precise
    filename: $dir/homeserver.log
root:
  level: WARNING
  handlers: [file]
disable_existing_loggers: false
EOF
  # Rate limits are raised far above what a test sends, so a burst of host actions is never throttled.
  local unlimited="{per_second: 10000, burst_count: 100000}"
  cat >"$dir/homeserver.yaml" <<EOF
server_name: "localhost"
public_baseurl: "http://127.0.0.1:$port/"
pid_file: "$dir/homeserver.pid"
listeners:
  - port: $port
    bind_addresses: ["127.0.0.1"]
    type: http
    tls: false
    x_forwarded: false
    resources:
      - names: [client]
        compress: false
database:
  name: sqlite3
  args:
    database: "$dir/homeserver.db"
log_config: "$dir/log.yaml"
media_store_path: "$dir/media"
signing_key_path: "$dir/signing.key"
report_stats: false
enable_registration: false
registration_shared_secret: "$secret"
trusted_key_servers: []
suppress_key_server_warning: true
federation_domain_whitelist: []
presence:
  enabled: false
$(auth_config "$dir" "$mode")
url_preview_enabled: false
enable_metrics: false
rc_message: $unlimited
rc_registration: $unlimited
rc_login:
  address: $unlimited
  account: $unlimited
  failed_attempts: $unlimited
rc_joins:
  local: $unlimited
  remote: $unlimited
rc_joins_per_room: $unlimited
rc_invites:
  per_room: $unlimited
  per_user: $unlimited
  per_sender: $unlimited
rc_admin_redaction: $unlimited
rc_3pid_validation: $unlimited
rc_presence:
  per_user: $unlimited
rc_delayed_event_mgmt: $unlimited
EOF
  echo "http://127.0.0.1:$port" >"$dir/base_url"
  "$python" -m synapse.app.homeserver -c "$dir/homeserver.yaml" --generate-keys >>"$dir/setup.log" 2>&1 \
    || fail "could not generate the signing key; see $dir/setup.log"
}

server_pid() {
  local dir="$1" pid
  [[ -f "$dir/homeserver.pid" ]] || return 1
  pid="$(cat "$dir/homeserver.pid")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

answers() {
  "$python" - "$1" <<'EOF'
import sys, urllib.request
try:
    urllib.request.urlopen(sys.argv[1] + "/_matrix/client/versions", timeout=1).read()
except Exception:
    sys.exit(1)
EOF
}

# Starts DIR's test authorization server when DIR delegates sign-in to one, and waits until it answers.
start_oauth() {
  local dir="$1" url="$2" tries=0
  [[ -f "$dir/oauth_url" ]] || return 0
  local as_url
  as_url="$(cat "$dir/oauth_url")"
  if ! oauth_pid "$dir" >/dev/null; then
    "$python" "$(dirname "$0")/oauth-test-server.py" "${as_url##*:}" "$url" "$(cat "$dir/oauth_secret")" \
      </dev/null >>"$dir/oauth.log" 2>&1 &
    echo $! >"$dir/oauth.pid"
  fi
  until "$python" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "/.well-known/openid-configuration", timeout=1)' "$as_url" 2>/dev/null; do
    tries=$((tries + 1))
    ((tries < 100)) || fail "the test authorization server did not answer at $as_url; see $dir/oauth.log"
    sleep 0.1
  done
}

oauth_pid() {
  local dir="$1" pid
  [[ -f "$dir/oauth.pid" ]] || return 1
  pid="$(cat "$dir/oauth.pid")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

start() {
  local dir
  dir="$(mkdir -p "$1" && cd "$1" && pwd)"
  require_installed
  configure "$dir" "${2:-}"
  local url
  url="$(cat "$dir/base_url")"
  start_oauth "$dir" "$url"
  if ! server_pid "$dir" >/dev/null; then
    "$python" -m synapse.app.homeserver -c "$dir/homeserver.yaml" --daemonize >>"$dir/setup.log" 2>&1 \
      || fail "Synapse did not start; see $dir/setup.log and $dir/homeserver.log"
  fi
  local tries=0
  until answers "$url"; do
    tries=$((tries + 1))
    ((tries < 600)) || fail "Synapse did not answer at $url within 60 s; see $dir/homeserver.log"
    server_pid "$dir" >/dev/null || fail "Synapse exited while starting; see $dir/setup.log and $dir/homeserver.log"
    sleep 0.1
  done
  echo "$url"
}

stop() {
  local dir="$1" pid tries=0
  if pid="$(oauth_pid "$dir")"; then
    kill "$pid" 2>/dev/null || true
    rm -f "$dir/oauth.pid"
  fi
  pid="$(server_pid "$dir")" || return 0
  kill "$pid"
  while kill -0 "$pid" 2>/dev/null; do
    tries=$((tries + 1))
    if ((tries == 100)); then say "Synapse ($pid) did not stop within 10 s; killing it"; kill -9 "$pid" 2>/dev/null || true; fi
    sleep 0.1
  done
  rm -f "$dir/homeserver.pid"
}

register() {
  local dir="$1" user="$2" password="$3" admin="${4:-}"
  require_installed
  [[ -f "$dir/homeserver.yaml" ]] || fail "$dir has no homeserver; run: scripts/synapse.sh start $dir"
  local flag=--no-admin
  [[ "$admin" == admin ]] && flag=--admin
  "$venv/bin/register_new_matrix_user" -c "$dir/homeserver.yaml" -u "$user" -p "$password" "$flag" \
    "$(cat "$dir/base_url")" >/dev/null
}

case "${1:-}" in
  install) install ;;
  installed) require_installed ;;
  start) [[ $# -eq 2 || ($# -eq 3 && "$3" == oauth) ]] || fail "usage: synapse.sh start DIR [oauth]"; start "${@:2}" ;;
  stop) [[ $# -eq 2 ]] || fail "usage: synapse.sh stop DIR"; stop "$2" ;;
  register) [[ $# -ge 4 && $# -le 5 ]] || fail "usage: synapse.sh register DIR USER PASSWORD [admin]"; register "${@:2}" ;;
  *) fail "usage: synapse.sh install | installed | start DIR [oauth] | stop DIR | register DIR USER PASSWORD [admin]" ;;
esac
