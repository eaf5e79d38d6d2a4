"""Drives local vaults with realism knobs (issue 17) through Python's official azure-keyvault-secrets.

Run by python-client.test.ts with /usr/bin/python3. Environment: SPARSE_URL (a --paging sparse vault),
LAG_URL (a --consistency-lag vault), WINDOWS_URL (a vault whose challenge names login.windows.net),
VAULT_TOKEN, VAULT_CA. Prints one JSON line of results; exits non-zero on the first failed expectation.
"""
import json
import os
import sys
import time
import urllib.parse

import requests
from requests.adapters import HTTPAdapter

from azure.core.credentials import AccessToken
from azure.core.exceptions import ResourceNotFoundError
from azure.core.pipeline.transport import RequestsTransport
from azure.keyvault.secrets import SecretClient


class RecordingCredential:
    """Hands out the fixed token and records the tenant each request names (read from the challenge)."""

    def __init__(self, token):
        self._token = token
        self.tenants = []

    def get_token(self, *scopes, **kwargs):
        self.tenants.append(kwargs.get("tenant_id"))
        return AccessToken(self._token, int(time.time()) + 3600)


def expect(condition, message):
    if not condition:
        print(json.dumps({"ok": False, "failed": message}))
        sys.exit(1)


def not_found(call):
    try:
        call()
        return False
    except ResourceNotFoundError:
        return True


class Port443Adapter(HTTPAdapter):
    """Test plumbing: https://localhost (port 443) is served on the vault's own port; Host stays "localhost"."""

    def __init__(self, port):
        super().__init__()
        self._port = port
        self.urls = []

    def send(self, request, **kwargs):
        self.urls.append(request.url)
        parts = urllib.parse.urlsplit(request.url)
        if parts.hostname == "localhost" and parts.port in (None, 443):
            request.url = urllib.parse.urlunsplit(parts._replace(netloc="localhost:%d" % self._port))
            request.headers["Host"] = "localhost"
        return super().send(request, **kwargs)


def client_for(url, credential):
    return SecretClient(
        url, credential, verify_challenge_resource=False, connection_verify=os.environ["VAULT_CA"]
    )


def main():
    token = os.environ["VAULT_TOKEN"]
    results = {}

    sparse = client_for(os.environ["SPARSE_URL"], RecordingCredential(token))
    names = ["py-%02d" % i for i in range(30)]
    for name in names:
        sparse.set_secret(name, "v")
    listed = [p.name for p in sparse.list_properties_of_secrets(max_page_size=3)]
    expect(listed == names, "sparse: every secret once, in order: %r" % listed)
    sizes = [len(list(page)) for page in sparse.list_properties_of_secrets(max_page_size=3).by_page()]
    expect(sum(sizes) == len(names), "sparse: pages add up: %r" % sizes)
    expect(0 in sizes, "sparse: some pages are empty and link on: %r" % sizes)
    for name in names[:8]:
        sparse.begin_delete_secret(name, _polling_interval=0.02).wait()
    deleted = [d.name for d in sparse.list_deleted_secrets(max_page_size=2)]
    expect(deleted == names[:8], "sparse: deleted list: %r" % deleted)
    results["sparse_pages"] = len(sizes)

    lag = client_for(os.environ["LAG_URL"], RecordingCredential(token))
    lag.set_secret("py-lag", "value")
    # The Python poller's result() does not wait (KeyVaultOperationPoller): right after it, the service does not
    # show the deleted secret yet. wait() polls until it does.
    poller = lag.begin_delete_secret("py-lag", _polling_interval=0.02)
    expect(poller.result().name == "py-lag", "lag: the DELETE answer names the secret")
    expect(not_found(lambda: lag.get_deleted_secret("py-lag")), "lag: not yet shown as deleted")
    poller.wait()
    expect(lag.get_deleted_secret("py-lag").name == "py-lag", "lag: deleted secret readable after wait()")
    poller = lag.begin_recover_deleted_secret("py-lag", _polling_interval=0.02)
    expect(not_found(lambda: lag.get_secret("py-lag")), "lag: not yet shown as recovered")
    poller.wait()
    expect(lag.get_secret("py-lag").value == "value", "lag: recovered secret readable after wait()")

    credential = RecordingCredential(token)
    windows = client_for(os.environ["WINDOWS_URL"], credential)
    windows.set_secret("py-windows", "w")
    expect(windows.get_secret("py-windows").value == "w", "login.windows.net challenge: get")
    expect(credential.tenants[:1] == ["tenant-w"], "tenant from the challenge: %r" % credential.tenants)

    if os.environ.get("PORT443_PORT"):
        adapter = Port443Adapter(int(os.environ["PORT443_PORT"]))
        session = requests.Session()
        session.mount("https://", adapter)
        port443 = SecretClient(
            "https://localhost",
            RecordingCredential(token),
            verify_challenge_resource=False,
            connection_verify=os.environ["VAULT_CA"],
            transport=RequestsTransport(
                session=session, session_owner=False, connection_verify=os.environ["VAULT_CA"]
            ),
        )
        for name in ["p443-a", "p443-b", "p443-c"]:
            port443.set_secret(name, "v")
        pages = [[p.name for p in page] for page in port443.list_properties_of_secrets(max_page_size=2).by_page()]
        expect(pages == [["p443-a", "p443-b"], ["p443-c"]], "port 443: pages %r" % pages)
        expect(
            any(u.startswith("https://localhost:443/secrets?") for u in adapter.urls),
            "port 443: the nextLink with :443 was followed: %r" % adapter.urls,
        )

    results["ok"] = True
    print(json.dumps(results))


if __name__ == "__main__":
    main()
