"""A stand-in for ProConnect on 127.0.0.1 (a thread): discovery, JWKS, token and userinfo endpoints.

Its RSA key is generated here; the ID token and the userinfo answer are JWTs signed with it, as ProConnect's.
A test "authorizes" a subject with `authorize(nonce=..., sub=..., **claims)` (what the provider does once the
person has logged in) and gets the code to bring back to Relais' callback. `userinfo_mode` and `id_token_extra`
make the provider misbehave in the ways Relais must refuse.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CLIENT_ID = "relais-client"
CLIENT_SECRET = "relais-client-secret"  # noqa: S105


def new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class FakeProConnect:
    def __init__(self):
        self.key = new_key()
        self.kid = "key-1"
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.token_requests: list[dict] = []
        # "jwt" (signed, as ProConnect), "json" (plain), "foreign_key" (signed by another key), "other_sub".
        self.userinfo_mode = "jwt"
        self.id_token_extra: dict = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05})

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

    # ---- what the provider signs ---------------------------------------------------------------------------

    def sign(self, claims: dict, *, key=None) -> str:
        return jwt.encode(claims, key or self.key, algorithm="RS256", headers={"kid": self.kid})

    def jwks(self) -> dict:
        public = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**public, "kid": self.kid, "alg": "RS256", "use": "sig"}]}

    def authorize(self, *, nonce: str, sub: str, amr=("pwd",), **claims) -> str:
        code = secrets.token_urlsafe(24)
        self.codes[code] = {"nonce": nonce, "sub": sub, "amr": list(amr), "claims": claims}
        return code

    def discovery(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "end_session_endpoint": f"{self.issuer}/session/end",
            "userinfo_signing_alg_values_supported": ["RS256"],
        }

    def token(self, form: dict) -> tuple[int, dict]:
        self.token_requests.append(form)
        if form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
            return 401, {"error": "invalid_client"}
        grant = self.codes.pop(form.get("code", ""), None)
        if grant is None:
            return 400, {"error": "invalid_grant"}
        now = int(time.time())
        id_token = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "sub": grant["sub"],
            "nonce": grant["nonce"],
            "amr": grant["amr"],
            "iat": now,
            "exp": now + 60,
            **self.id_token_extra,
        }
        access_token = secrets.token_urlsafe(24)
        self.tokens[access_token] = grant
        return 200, {"access_token": access_token, "token_type": "Bearer", "id_token": self.sign(id_token)}

    def userinfo(self, access_token: str) -> tuple[int, str, str]:
        grant = self.tokens.get(access_token)
        if grant is None:
            return 401, "application/json", "{}"
        claims = {"iss": self.issuer, "aud": CLIENT_ID, "sub": grant["sub"], **grant["claims"]}
        if self.userinfo_mode == "json":
            return 200, "application/json", json.dumps(claims)
        if self.userinfo_mode == "other_sub":
            claims["sub"] = "someone-else"
        key = new_key() if self.userinfo_mode == "foreign_key" else None
        return 200, "application/jwt; charset=utf-8", self.sign(claims, key=key)


def _handler(provider: FakeProConnect):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _send(self, status: int, body, content_type: str = "application/json"):
            data = (body if isinstance(body, str) else json.dumps(body)).encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            path = urlsplit(self.path).path
            if path == "/.well-known/openid-configuration":
                return self._send(200, provider.discovery())
            if path == "/jwks":
                return self._send(200, provider.jwks())
            if path == "/userinfo":
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                status, content_type, body = provider.userinfo(token)
                return self._send(status, body, content_type)
            return self._send(404, {"error": "not_found"})

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            if urlsplit(self.path).path == "/token":
                status, body = provider.token(form)
                return self._send(status, body)
            return self._send(404, {"error": "not_found"})

    return Handler
