from samspil.discovery.tests.conftest import cluster, survey, workshop  # noqa: F401
