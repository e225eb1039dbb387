# Sourced by scripts/bench/engine.sh, for the engine's benchmarks: the benchmark's two backends.
# start_nginx WORK [ADDRESS1 ADDRESS2]: nginx (Debian's) in the background on ADDRESS1:8080 and
# ADDRESS2:8080 (by default 127.0.0.120 and 127.0.0.121, the servers of scripts/bench/bench.yaml),
# static answers (a 600-byte /owa/ page and /owa/healthcheck.htm), no access log, keep-alive without
# a request limit, its pid file and temp folders in WORK; sets nginx_master to its pid.
start_nginx() {
  local work="$1" a1="${2:-127.0.0.120}" a2="${3:-127.0.0.121}"
  mkdir -p "$work/www/owa"
  echo "<html><body>The service is up</body></html>" >"$work/www/owa/healthcheck.htm"
  head -c 600 /dev/zero | tr '\0' 'x' >"$work/www/owa/index.html"
  cat >"$work/nginx.conf" <<EOF
worker_processes auto;
worker_rlimit_nofile 40000;
daemon off;
master_process on;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 20000; }
http {
  access_log off;
  client_body_temp_path $work/nginx-body;
  proxy_temp_path $work/nginx-proxy;
  fastcgi_temp_path $work/nginx-fastcgi;
  uwsgi_temp_path $work/nginx-uwsgi;
  scgi_temp_path $work/nginx-scgi;
  keepalive_requests 10000000;
  keepalive_timeout 600s;
  server {
    listen $a1:8080 reuseport;
    listen $a2:8080 reuseport;
    root $work/www;
    index index.html;
  }
}
EOF
  nginx -p "$work" -c "$work/nginx.conf" &
  nginx_master=$!
}
