"""oidc-provider-mock as a process on 127.0.0.1, answering userinfo as ProConnect does: a JWT signed with its key.

Run by tests/browser/test_proconnect.py:
    python tests/browser/proconnect_provider.py --client-id ID --user '{"sub": "...", "email": "..."}'
It prints "PORT <n>" once it listens (on a free port) and serves until it is terminated.
"""

import argparse
import json
import os

import flask
import joserfc.jwk
import joserfc.jwt
import werkzeug.serving
from oidc_provider_mock import User, app


def build(*, client_id: str, users: list[dict]) -> flask.Flask:
    provider = app(
        require_nonce=True,
        user_claims=[
            User(sub=user["sub"], claims={k: v for k, v in user.items() if k != "sub"}) for user in users
        ],
    )

    @provider.after_request
    def signed_userinfo(response):
        # The mock answers userinfo in JSON; ProConnect signs it, and Relais accepts nothing else.
        if flask.request.path != "/userinfo" or response.status_code != 200:
            return response
        key = flask.g.oidc_provider_mock_storage.jwk
        kid = joserfc.jwk.KeySet([key]).as_dict(private=False)["keys"][0]["kid"]
        claims = {**response.get_json(), "iss": flask.request.host_url.rstrip("/"), "aud": client_id}
        token = joserfc.jwt.encode({"alg": "RS256", "kid": kid}, claims, key)
        return flask.Response(token, status=200, content_type="application/jwt")

    return provider


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--user", action="append", default=[], help="a user's claims as JSON, with its sub")
    args = parser.parse_args()
    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"  # plain http on 127.0.0.1, for tests only
    provider = build(client_id=args.client_id, users=[json.loads(user) for user in args.user])
    server = werkzeug.serving.make_server("127.0.0.1", 0, provider, threaded=True)
    print(f"PORT {server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
