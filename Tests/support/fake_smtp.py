#!/usr/bin/env python3
"""A fake SMTP server for the SMTP client's tests, built on aiosmtpd (pip install aiosmtpd).

It prints the bound port on the first line of stdout once it accepts connections, then serves until
killed (or, with --exit-on-eof, until its stdin closes, so it never outlives the test that started it).

Each accepted message is saved in --maildir as NNNN.eml (the bytes received after DATA, dot-stuffing
removed) plus NNNN.json with the envelope: {"mail_from", "rcpt_tos", "auth_user", "tls"}.

Examples:
  fake_smtp.py --port 0 --security starttls --user nexo --password secret --cert-out /tmp/c.pem --maildir /tmp/m
  fake_smtp.py --security tls --auth-mechanisms LOGIN --reject bad@example.com=550 --reject later@example.com=451
"""

import argparse
import asyncio
import json
import os
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

REJECT_TEXT = {
    4: "4.2.1 Mailbox temporarily unavailable, try again later",
    5: "5.1.1 No such user here",
}


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--security", choices=["starttls", "tls", "none"], default="starttls",
                        help="starttls: STARTTLS offered and required; tls: implicit TLS; none: plain text")
    parser.add_argument("--user", help="require AUTH with this user name (and --password)")
    parser.add_argument("--password")
    parser.add_argument("--auth-mechanisms", default="PLAIN,LOGIN", help="comma-separated, e.g. LOGIN")
    parser.add_argument("--cert-out", help="where to write the self-signed certificate (PEM) to trust")
    parser.add_argument("--maildir", help="where to save received messages (created if missing)")
    parser.add_argument("--reject", action="append", default=[], metavar="ADDRESS=CODE[:TEXT]",
                        help="answer RCPT TO for ADDRESS with CODE, e.g. bad@example.com=550")
    parser.add_argument("--no-ehlo", action="store_true", help="answer EHLO with 502 so clients fall back to HELO")
    parser.add_argument("--silent", action="store_true", help="accept connections but never answer (timeouts)")
    parser.add_argument("--exit-on-eof", action="store_true", help="stop when stdin reaches end of file")
    return parser.parse_args()


def make_certificate(directory):
    """A self-signed certificate for localhost and 127.0.0.1; returns (cert path, key path)."""
    cert, key = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    if shutil.which("openssl"):
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
             "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost",
             "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1"],
            check=True, capture_output=True)
        return cert, key
    # Without the openssl command, the cryptography package does the same.
    import datetime
    import ipaddress
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    private_key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(private_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectAlternativeName([
            x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
            x509.IPAddress(ipaddress.ip_address("::1"))]), critical=False)
        .sign(private_key, hashes.SHA256()))
    with open(cert, "wb") as file:
        file.write(certificate.public_bytes(serialization.Encoding.PEM))
    with open(key, "wb") as file:
        file.write(private_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return cert, key


class Handler:
    def __init__(self, maildir, rejects):
        self.maildir = maildir
        self.rejects = rejects
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.rejects.get(address.lower())
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        if self.maildir:
            base = os.path.join(self.maildir, f"{self.count:04d}")
            with open(base + ".eml", "wb") as file:
                file.write(envelope.original_content)
            login = session.auth_data.login if isinstance(session.auth_data, LoginPassword) else None
            with open(base + ".json", "w") as file:
                json.dump({
                    "mail_from": envelope.mail_from,
                    "rcpt_tos": envelope.rcpt_tos,
                    "auth_user": login.decode() if login else None,
                    "tls": server.transport.get_extra_info("ssl_object") is not None,
                }, file)
        return f"250 2.0.0 Ok: queued as {self.count:04d}"


class FakeSMTP(SMTP):
    no_ehlo = False

    async def smtp_EHLO(self, hostname):
        if self.no_ehlo:
            await self.push("502 5.5.1 EHLO not implemented")
            return
        await super().smtp_EHLO(hostname)


class Silent(asyncio.Protocol):
    """Accepts the connection and says nothing, so clients must time out."""


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login == user.encode() and auth_data.password == password.encode())
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)
    return check


async def main():
    arguments = parse_arguments()
    rejects = {}
    for item in arguments.reject:
        address, _, reply = item.partition("=")
        code, _, text = reply.partition(":")
        rejects[address.lower()] = f"{code} {text or REJECT_TEXT.get(int(code[0]), 'Rejected')}"
    if arguments.maildir:
        os.makedirs(arguments.maildir, exist_ok=True)

    context = None
    workdir = tempfile.mkdtemp(prefix="fake-smtp-")
    if arguments.security != "none":
        cert, key = make_certificate(workdir)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        if arguments.cert_out:
            shutil.copyfile(cert, arguments.cert_out)

    mechanisms = {m.strip().upper() for m in arguments.auth_mechanisms.split(",") if m.strip()}
    handler = Handler(arguments.maildir, rejects)
    FakeSMTP.no_ehlo = arguments.no_ehlo

    def make_server():
        if arguments.silent:
            return Silent()
        options = dict(
            hostname="fake-smtp.test",
            # Implicit TLS is encrypted from the start; aiosmtpd only knows about STARTTLS.
            auth_require_tls=arguments.security == "starttls",
            auth_exclude_mechanism=[m for m in ("PLAIN", "LOGIN") if m not in mechanisms],
            timeout=30,
        )
        if arguments.security == "starttls":
            options.update(tls_context=context, require_starttls=True)
        if arguments.user:
            options.update(auth_required=True, authenticator=authenticator(arguments.user, arguments.password or ""))
        return FakeSMTP(handler, **options)

    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        make_server, arguments.host, arguments.port, ssl=context if arguments.security == "tls" else None)
    print(server.sockets[0].getsockname()[1], flush=True)

    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    if arguments.exit_on_eof:
        def on_stdin():
            if not os.read(sys.stdin.fileno(), 1024):
                loop.remove_reader(sys.stdin.fileno())
                stop.set()
        loop.add_reader(sys.stdin.fileno(), on_stdin)
    try:
        await stop.wait()
    finally:
        server.close()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(main())
