#!/usr/bin/env python3
"""A simulated Exchange server for lbc's end-to-end tests.

HTTPS on 443: /<vdir>/healthcheck.htm answers 200 while neither the state file nor
<state file>.<vdir> exists, and 503 once one does (as Set-ServerComponentState ... -State
Inactive makes Exchange do, for the whole server or for one component such as OwaProxy); any other
path answers 200 with the server's name in the body. SMTP on 25: a 220 banner, HELO/EHLO, MAIL, RCPT,
DATA (counted in the messages file) and QUIT.
"""
import argparse
import os
import socketserver
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--name", required=True)
parser.add_argument("--address", required=True)
parser.add_argument("--cert", required=True)
parser.add_argument("--state-file", required=True)
parser.add_argument("--messages-file", required=True)
args = parser.parse_args()


class Https(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        vdir = self.path.split("?")[0].strip("/").split("/")[0].lower()
        down = os.path.exists(args.state_file) or (
            vdir != "" and os.path.exists(args.state_file + "." + vdir)
        )
        if self.path.lower().endswith("/healthcheck.htm"):
            status, body = (503, "inactive") if down else (200, "200 OK " + args.name)
        else:
            status, body = 200, "served by " + args.name
        data = (body + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *a):
        pass


class Smtp(socketserver.StreamRequestHandler):
    def handle(self):
        self.wfile.write(("220 %s ESMTP simulated\r\n" % args.name).encode())
        in_data = False
        while True:
            line = self.rfile.readline()
            if not line:
                return
            text = line.decode(errors="replace").rstrip("\r\n")
            if in_data:
                if text == ".":
                    in_data = False
                    with open(args.messages_file, "a") as f:
                        f.write("message\n")
                    self.wfile.write(b"250 queued\r\n")
                continue
            verb = text[:4].upper()
            if verb in ("HELO", "EHLO"):
                self.wfile.write(("250 %s\r\n" % args.name).encode())
            elif verb in ("MAIL", "RCPT", "RSET", "NOOP"):
                self.wfile.write(b"250 ok\r\n")
            elif verb == "DATA":
                in_data = True
                self.wfile.write(b"354 go ahead\r\n")
            elif verb == "QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"500 unknown\r\n")


class ThreadingTcp(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


https = ThreadingHTTPServer((args.address, 443), Https)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(args.cert)
https.socket = context.wrap_socket(https.socket, server_side=True)
smtp = ThreadingTcp((args.address, 25), Smtp)
threading.Thread(target=smtp.serve_forever, daemon=True).start()
print("ready", flush=True)
https.serve_forever()
