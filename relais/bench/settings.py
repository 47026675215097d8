"""Settings of the benchmark process (and of the gunicorn it starts for the load run): the site's own, with a
URLconf that adds the two floor views. Production never loads this module, so the floors are no route of it."""

from relais.settings import *  # noqa: F403

ROOT_URLCONF = "relais.bench.urls"
