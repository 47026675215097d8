"""scripts/find-python.sh: finds a 3.12 to 3.14 interpreter under pyenv, refuses an old one clearly."""

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "find-python.sh"


def run(home: Path, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(SCRIPT)],
        env={"HOME": str(home), "PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_python_3_14_under_pyenv_is_found(tmp_path):
    interpreter = tmp_path / ".pyenv" / "versions" / "3.14.0" / "bin" / "python3"
    interpreter.parent.mkdir(parents=True)
    interpreter.symlink_to(sys.executable)
    result = run(tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == str(interpreter)


def test_a_forced_interpreter_that_is_too_old_is_refused_with_a_clear_message(tmp_path):
    old = tmp_path / "python3.11"
    old.write_text("#!/bin/sh\nexit 1\n")
    old.chmod(0o755)
    result = run(tmp_path, RELAIS_PYTHON=str(old))
    assert result.returncode == 1
    assert "older than Python 3.12" in result.stderr
