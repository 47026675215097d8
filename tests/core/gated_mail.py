"""A mail server for the consumer crash test: it holds every sending until a gate file exists, then files it.

Used by the consumer processes that test starts (``DJANGO_EMAIL_BACKEND=tests.core.gated_mail.EmailBackend``),
never by the suite itself. Each sending that reaches the server adds a line to the ``RELAIS_TEST_MAIL_STARTED``
file, so that the test knows when a worker is in the middle of one.
"""

import os
import time
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend as FileEmailBackend

GATE_TIMEOUT = 120  # seconds: a test that never opens the gate does not leave a consumer waiting forever


class EmailBackend(FileEmailBackend):
    def __init__(self, *args, **kwargs):
        kwargs["file_path"] = os.environ["RELAIS_TEST_MAIL_DIR"]
        super().__init__(*args, **kwargs)

    def send_messages(self, email_messages):
        with Path(os.environ["RELAIS_TEST_MAIL_STARTED"]).open("a") as started:
            started.write(f"{os.getpid()}\n")
        gate = Path(os.environ["RELAIS_TEST_MAIL_GATE"])
        deadline = time.monotonic() + GATE_TIMEOUT
        while not gate.exists():
            if time.monotonic() > deadline:
                raise TimeoutError("The test never opened the mail gate.")
            time.sleep(0.05)
        return super().send_messages(email_messages)
