"""A real HTTP receiver on 127.0.0.1 (http.server in a thread), managers of the personas' organisations and
endpoints of their organisations."""

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from relais.core.scope import Scope
from relais.organizations.enums import Role
from relais.webhooks.services import endpoint_create
from tests.organizations.factories import user_with_role


@dataclass
class Received:
    path: str
    headers: dict
    body: bytes

    @property
    def json(self) -> dict:
        return json.loads(self.body)


@dataclass
class Receiver:
    """Records every POST; answers each path with the statuses queued for it, then 200."""

    base: str = ""
    requests: list[Received] = field(default_factory=list)
    answers: dict[str, list[int]] = field(default_factory=dict)
    # A request to /silence waits for this (released when the test ends), as an endpoint that never answers.
    released: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return self.base + path

    def answer(self, path: str, *statuses: int) -> None:
        self.answers.setdefault(path, []).extend(statuses)

    def at(self, path: str) -> list[Received]:
        return [request for request in self.requests if request.path == path]


@pytest.fixture
def receiver(settings):
    settings.RELAIS_WEBHOOKS_ALLOW_LOCAL = True
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            state.requests.append(Received(self.path, dict(self.headers), body))
            if self.path == "/silence":
                state.released.wait(timeout=10)
            queued = state.answers.get(self.path)
            status = queued.pop(0) if queued else 200
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header("Location", state.url("/ailleurs"))
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    state.released.set()
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def managers(personas):
    """A director of ML A and of ML B, the coordinator of the GEIQ BTP and of the GEIQ Propreté."""
    network = personas.network
    personas.director_a = user_with_role(network.ml_a, Role.DIRECTOR, "direction@ml-lyon.test")
    personas.director_b = user_with_role(network.ml_b, Role.DIRECTOR, "direction@ml-grenoble.test")
    personas.geiq_manager = user_with_role(network.geiq, Role.COORDINATOR, "coordination@geiq-btp.test")
    personas.geiq_2_manager = user_with_role(
        network.geiq_2, Role.COORDINATOR, "coordination@geiq-proprete.test"
    )
    return personas


def register(user, organization, url, events, label="Système de test"):
    """An endpoint through the service, as its page registers it; returns (endpoint, secret)."""
    return endpoint_create(
        organization=organization, scope=Scope.for_user(user), label=label, url=url, events=list(events)
    )
