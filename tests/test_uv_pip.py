import subprocess
import sys

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "tools"))
from uv_pip import pip_settings, uv_environment  # noqa: E402

LISTING = """global.cert='/etc/ssl/certs/ca-certificates.crt'
global.constraint='/etc/xdg/pip/constraints.txt'
global.extra-index-url='file:///opt/pypi/simple file:///opt/pypi-more/simple'
global.find-links='/opt/wheels'
global.timeout='60'
:env:.default-timeout='180'
:env:.find-links='/srv/wheels'
"""


def test_pip_sources_become_uv_variables_and_the_environment_wins_over_files():
    settings = pip_settings(LISTING)
    assert settings == {
        "cert": "/etc/ssl/certs/ca-certificates.crt",
        "constraint": "/etc/xdg/pip/constraints.txt",
        "extra-index-url": "file:///opt/pypi/simple file:///opt/pypi-more/simple",
        "find-links": "/srv/wheels",  # PIP_FIND_LINKS beats pip.conf, as for pip
    }
    env = uv_environment(settings, {"PATH": "/bin", "UV_CONSTRAINT": "mine.txt"})
    assert env == {
        "PATH": "/bin",
        "UV_CONSTRAINT": "mine.txt",  # a uv variable the user set is kept
        "SSL_CERT_FILE": "/etc/ssl/certs/ca-certificates.crt",
        "UV_EXTRA_INDEX_URL": "file:///opt/pypi/simple file:///opt/pypi-more/simple",
        "UV_FIND_LINKS": "/srv/wheels",
        "UV_INDEX_STRATEGY": "unsafe-best-match",
    }


def test_an_environment_entry_listed_before_the_file_entry_still_wins():
    assert pip_settings(":env:.index-url='http://mirror/simple'\nglobal.index-url='http://other/simple'\n") == {"index-url": "http://mirror/simple"}


def test_no_pip_configuration_gives_only_pips_index_strategy():
    assert pip_settings("") == {}
    assert uv_environment({}, {}) == {"UV_INDEX_STRATEGY": "unsafe-best-match"}


def test_the_wrapper_runs_the_given_program_with_the_variables(tmp_path):
    probe = tmp_path / "fake-uv"
    probe.write_text("#!/bin/sh\necho \"$1 $2 $UV_INDEX_STRATEGY\"\n")
    probe.chmod(0o755)
    out = subprocess.run([sys.executable, str(REPO / "tools" / "uv_pip.py"), str(probe), "install"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout == "pip install unsafe-best-match\n"
