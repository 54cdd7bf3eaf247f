#!/usr/bin/env python3
"""A minimal OAuth 2.0 authorization server for Stint's tests only, standing in for the Matrix
Authentication Service (MAS), which cannot run here (it is on neither PyPI nor crates.io).

Synapse is configured with `matrix_authentication_service` pointing here (scripts/synapse.sh start DIR
oauth): it reads /.well-known/openid-configuration, serves it as the homeserver's auth_metadata, and
introspects every access token at /oauth2/introspect with the shared secret. This server offers what
Stint's OAuth client uses: dynamic client registration (RFC 7591), authorization with PKCE S256 that
consents at once for the test user (no login page: the test plays the browser and follows the
redirect), the token endpoint (authorization code and refresh token), introspection and revocation
(RFC 7009). Like MAS, it provisions the user and the device in Synapse through /_synapse/mas/, and
ending a session deletes its device there, so Synapse refuses the old token at once.

POST /test/control (JSON) lets a test change what comes next: {"user": localpart, "deny": bool,
"refuse_registration": bool, "access_lifetime": seconds, "real_lifetime": seconds or null} —
`real_lifetime` makes tokens stop working sooner than the `expires_in` they are issued with, as when
a server ends a session early, so that Synapse answers M_UNKNOWN_TOKEN to a client that thinks its
token is still good. Never use this outside tests: it grants
any client a session of the test user without asking anyone.

Usage: oauth-test-server.py PORT SYNAPSE_BASE_URL SHARED_SECRET   (serves on 127.0.0.1:PORT)
"""

import base64
import hashlib
import json
import secrets
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(sys.argv[1])
SYNAPSE = sys.argv[2].rstrip("/")
SECRET = sys.argv[3]
ISSUER = f"http://127.0.0.1:{PORT}/"
API_SCOPE = "urn:matrix:client:api:*"
DEVICE_SCOPE = "urn:matrix:client:device:"

lock = threading.Lock()
control = {"user": "ada", "deny": False, "refuse_registration": False, "access_lifetime": 300, "real_lifetime": None}
clients = {}   # client_id -> registered redirect URIs
codes = {}     # code -> grant (one use)
sessions = {}  # session id -> {user, device, scope, client_id, active}
access = {}    # access token -> (session id, expires_at)
refresh = {}   # refresh token -> session id


def metadata():
    return {
        "issuer": ISSUER,
        "account_management_uri": ISSUER + "account",
        "authorization_endpoint": ISSUER + "authorize",
        "token_endpoint": ISSUER + "oauth2/token",
        "registration_endpoint": ISSUER + "oauth2/registration",
        "revocation_endpoint": ISSUER + "oauth2/revoke",
        "introspection_endpoint": ISSUER + "oauth2/introspect",
        "response_types_supported": ["code"],
        "response_modes_supported": ["query", "fragment"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": ["none"],
        "prompt_values_supported": ["create"],
    }


def synapse_mas(path, body):
    """Calls Synapse's API for MAS (/_synapse/mas/…) with the shared secret."""
    request = urllib.request.Request(
        f"{SYNAPSE}/_synapse/mas/{path}",
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {SECRET}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        answer.read()


def loopback_match(registered, given):
    """RFC 8252 §7.3: a loopback redirect matches whatever its port."""
    r, g = urllib.parse.urlsplit(registered), urllib.parse.urlsplit(given)
    if r.hostname in ("127.0.0.1", "::1", "localhost") and r.scheme == "http":
        return (r.scheme, r.hostname, r.path) == (g.scheme, g.hostname, g.path)
    return registered == given


def issue(session_id):
    token, renew = "mat_" + secrets.token_urlsafe(24), "mar_" + secrets.token_urlsafe(24)
    lifetime = control["access_lifetime"]
    access[token] = (session_id, time.time() + (control["real_lifetime"] or lifetime))
    refresh[renew] = session_id
    return {"access_token": token, "token_type": "Bearer", "expires_in": lifetime, "refresh_token": renew,
            "scope": sessions[session_id]["scope"]}


def end_session(session_id):
    session = sessions[session_id]
    if not session["active"]:
        return
    session["active"] = False
    synapse_mas("delete_device", {"localpart": session["user"], "device_id": session["device"]})


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body=None, headers=()):
        data = json.dumps(body).encode() if body is not None else b""
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def form(self):
        return {k: v[0] for k, v in urllib.parse.parse_qs(self.body().decode()).items()}

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/.well-known/openid-configuration":
            return self.reply(200, metadata())
        if url.path == "/authorize":
            return self.authorize({k: v[0] for k, v in urllib.parse.parse_qs(url.query).items()})
        self.reply(404, {"error": "not_found"})

    def authorize(self, q):
        with lock:
            redirect = q.get("redirect_uri", "")
            registered = clients.get(q.get("client_id"))
            if registered is None or not any(loopback_match(r, redirect) for r in registered):
                return self.reply(400, {"error": "invalid_request", "error_description": "unknown client or redirect"})
            sep = "&" if "?" in redirect else "?"
            back = lambda params: self.reply(302, None, [("Location", redirect + sep + urllib.parse.urlencode(params))])
            state = q.get("state", "")
            scope = q.get("scope", "").split()
            devices = [s[len(DEVICE_SCOPE):] for s in scope if s.startswith(DEVICE_SCOPE)]
            if (q.get("response_type") != "code" or q.get("code_challenge_method") != "S256"
                    or not q.get("code_challenge") or API_SCOPE not in scope or len(devices) != 1):
                return back({"error": "invalid_request", "state": state})
            if control["deny"]:
                return back({"error": "access_denied", "state": state})
            user = control["user"]
            synapse_mas("provision_user", {"localpart": user})
            synapse_mas("upsert_device", {"localpart": user, "device_id": devices[0]})
            code = secrets.token_urlsafe(24)
            codes[code] = {"client_id": q["client_id"], "redirect_uri": redirect, "challenge": q["code_challenge"],
                           "user": user, "device": devices[0], "scope": " ".join(scope)}
            back({"code": code, "state": state})

    def do_POST(self):
        path = urllib.parse.urlsplit(self.path).path
        with lock:
            if path == "/test/control":
                control.update(json.loads(self.body()))
                return self.reply(200, control)
            if path == "/oauth2/registration":
                return self.register(json.loads(self.body()))
            if path == "/oauth2/token":
                return self.token(self.form())
            if path == "/oauth2/introspect":
                return self.introspect(self.form())
            if path == "/oauth2/revoke":
                return self.revoke(self.form())
        self.reply(404, {"error": "not_found"})

    def register(self, meta):
        uris = meta.get("redirect_uris") or []
        if (control["refuse_registration"] or meta.get("token_endpoint_auth_method") != "none"
                or meta.get("application_type") != "native" or not uris
                or not str(meta.get("client_uri", "")).startswith("https://")):
            return self.reply(400, {"error": "invalid_client_metadata"})
        client_id = "client_" + secrets.token_hex(8)
        clients[client_id] = uris
        self.reply(201, dict(meta, client_id=client_id))

    def token(self, f):
        if f.get("grant_type") == "authorization_code":
            grant = codes.pop(f.get("code", ""), None)
            verifier = f.get("code_verifier", "").encode()
            challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=").decode()
            if (grant is None or grant["client_id"] != f.get("client_id")
                    or grant["redirect_uri"] != f.get("redirect_uri") or grant["challenge"] != challenge):
                return self.reply(400, {"error": "invalid_grant"})
            session_id = secrets.token_hex(8)
            sessions[session_id] = {"user": grant["user"], "device": grant["device"], "scope": grant["scope"],
                                    "client_id": grant["client_id"], "active": True}
            return self.reply(200, issue(session_id))
        if f.get("grant_type") == "refresh_token":
            session_id = refresh.pop(f.get("refresh_token", ""), None)
            if session_id is None or not sessions[session_id]["active"] \
                    or sessions[session_id]["client_id"] != f.get("client_id"):
                return self.reply(400, {"error": "invalid_grant"})
            return self.reply(200, issue(session_id))
        self.reply(400, {"error": "unsupported_grant_type"})

    def introspect(self, f):
        if self.headers.get("Authorization") != f"Bearer {SECRET}":
            return self.reply(401, {"error": "invalid_client"})
        found = access.get(f.get("token", ""))
        if found is None or not sessions[found[0]]["active"] or found[1] <= time.time():
            return self.reply(200, {"active": False})
        session = sessions[found[0]]
        return self.reply(200, {"active": True, "scope": session["scope"], "username": session["user"],
                                "device_id": session["device"], "expires_in": max(1, int(found[1] - time.time()))})

    def revoke(self, f):
        token = f.get("token", "")
        session_id = (access.get(token) or (None,))[0] or refresh.get(token)
        if session_id is not None:
            end_session(session_id)
        self.reply(200, {})


ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
