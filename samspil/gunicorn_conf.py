"""gunicorn's settings for `samspil serve`, from the environment.

HOST and PORT (default 0.0.0.0:8000), WEB_CONCURRENCY worker processes (default: 2 per core, at
least 2) and SAMSPIL_THREADS threads each (default 4), a request timeout of SAMSPIL_TIMEOUT
seconds (default 60). Access log lines carry the request id samspil gives every request.
"""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count() * 2)))
threads = int(os.environ.get("SAMSPIL_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("SAMSPIL_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Restart workers now and then, so a slow leak never grows into an outage.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms id=%({x-request-id}o)s'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
