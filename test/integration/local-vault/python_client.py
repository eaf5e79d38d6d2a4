"""Drives the local vault with Python's official azure-keyvault-secrets (Debian python3-azure).

Run by python-client.test.ts with /usr/bin/python3. Environment: VAULT_URL, VAULT_TOKEN, VAULT_CA
(the CA file to trust; TLS verification stays on). Prints one JSON line of results; exits non-zero
on the first failed expectation.
"""
import json
import os
import sys
import time

from azure.core.credentials import AccessToken
from azure.core.exceptions import HttpResponseError, ResourceExistsError, ResourceNotFoundError
from azure.keyvault.secrets import SecretClient


class StaticTokenCredential:
    """The smallest TokenCredential: the local vault checks the token like the service would."""

    def __init__(self, token):
        self._token = token

    def get_token(self, *scopes, **kwargs):
        return AccessToken(self._token, int(time.time()) + 3600)


def expect(condition, message):
    if not condition:
        print(json.dumps({"ok": False, "failed": message}))
        sys.exit(1)


def main():
    url = os.environ["VAULT_URL"]
    client = SecretClient(
        url,
        StaticTokenCredential(os.environ["VAULT_TOKEN"]),
        # The vault is 127.0.0.1, not a subdomain of the challenge resource.
        verify_challenge_resource=False,
        connection_verify=os.environ["VAULT_CA"],
    )
    results = {"api_version": client.api_version}

    first = client.set_secret("Py-Secret", "one", content_type="text/plain", tags={"lang": "py"})
    expect(first.name == "Py-Secret", "set returns the name")
    expect(len(first.properties.version) == 32, "32-char version")
    client.set_secret("py-secret", "two")
    expect(client.get_secret("PY-SECRET").value == "two", "get latest, case-insensitive")
    expect(client.get_secret("py-secret", first.properties.version).value == "one", "get version")

    client.set_secret("py-other", "x")
    names = sorted(p.name for p in client.list_properties_of_secrets(max_page_size=1))
    expect(names == ["Py-Secret", "py-other"], "list secrets: %r" % names)
    versions = list(client.list_properties_of_secret_versions("py-secret"))
    expect(len(versions) == 2, "two versions")

    backup = client.backup_secret("py-secret")
    expect(isinstance(backup, bytes) and len(backup) > 0, "backup bytes")

    poller = client.begin_delete_secret("py-secret", _polling_interval=0.01)
    deleted = poller.result()
    poller.wait()
    expect(deleted.recovery_id.endswith("/deletedsecrets/Py-Secret"), "recovery id")
    expect(
        int((deleted.scheduled_purge_date - deleted.deleted_date).total_seconds()) == 90 * 86400,
        "scheduled purge date",
    )
    try:
        client.get_secret("py-secret")
        expect(False, "get of a deleted secret must fail")
    except ResourceNotFoundError:
        pass
    try:
        client.set_secret("py-secret", "again")
        expect(False, "set of a deleted name must fail")
    except ResourceExistsError as e:
        expect(e.status_code == 409, "409 on reuse")
    expect(
        [d.name for d in client.list_deleted_secrets()] == ["Py-Secret"],
        "list deleted",
    )

    recovered = client.begin_recover_deleted_secret("py-secret", _polling_interval=0.01).result()
    expect(recovered.name == "Py-Secret", "recover")
    expect(client.get_secret("py-secret").value == "two", "value after recover")

    client.begin_delete_secret("py-secret", _polling_interval=0.01).wait()
    client.purge_deleted_secret("py-secret")
    try:
        client.get_deleted_secret("py-secret")
        expect(False, "purged secret must be gone")
    except ResourceNotFoundError:
        pass

    restored = client.restore_secret_backup(backup)
    expect(restored.name == "Py-Secret", "restore")
    expect(client.get_secret("py-secret").value == "two", "value after restore")
    try:
        client.restore_secret_backup(b"not a backup")
        expect(False, "junk restore must fail")
    except HttpResponseError as e:
        expect(e.status_code == 400, "400 on junk restore")
        expect("Backup blob contains invalid or corrupt version." in str(e), "malformed blob message")

    disabled = client.set_secret("py-disabled", "v", enabled=False)
    try:
        client.get_secret("py-disabled")
        expect(False, "disabled secret must not be readable")
    except HttpResponseError as e:
        expect(e.status_code == 403, "403 for disabled")
    props = client.update_secret_properties("py-disabled", disabled.properties.version, enabled=True, tags={"a": "b"})
    expect(props.enabled and props.tags == {"a": "b"}, "update")

    results["ok"] = True
    print(json.dumps(results))


if __name__ == "__main__":
    main()
