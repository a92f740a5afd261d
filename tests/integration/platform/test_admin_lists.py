"""Accounts and API tokens under the list contract (issue 11 item 2):
paged with a total and signed cursors, sorted by their columns, filtered
by words, role, state, status and the day made, downloadable as CSV; no
secret in a page or a CSV; accounts for administrators only, an account's
tokens for the administrators and its owner only."""
import csv
import io

from conftest import assert_error
from list_contract import check_list, check_q

USERS = "/api/v1/users"


def test_accounts_follow_the_contract(server):
    admin = server.login("admin")
    for i in range(6):
        server.add_user(f"grimsby.{i}", "cert", "BB")
    url = f"{USERS}?state=BB"
    total = check_list(server, admin, url,
                       ["login", "display_name", "role", "state_code",
                        "status", "created_at"],
                       int_sorts=("created_at",))
    assert total >= 6
    assert check_q(server, admin, url, "grimsby", "login") == 6
    assert server.request("POST", f"{USERS}/grimsby.2/disable",
                          session=admin).status_code == 200
    off = server.get(f"{url}&status=disabled", session=admin).json()
    assert [u["login"] for u in off["items"]] == ["grimsby.2"]
    assert off["items"][0]["status"] == "disabled"
    assert server.get(f"{url}&status=active&q=grimsby",
                      session=admin).json()["total"] == 5
    assert_error(server.get(f"{USERS}?status=gone", session=admin), 422,
                 "invalid_status")
    assert_error(server.get(f"{USERS}?role=boss", session=admin), 422,
                 "invalid_role")
    # the CSV: every account, never a secret
    r = server.get(f"{USERS}?format=csv", session=admin)
    table = list(csv.reader(io.StringIO(r.text)))
    assert table[0] == ["id", "login", "display_name", "role", "state",
                        "status", "one_time_code", "created_at"]
    assert len(table) - 1 == server.get(USERS, session=admin).json()[
        "total"]
    assert "$argon2" not in r.text
    # only administrators: coordinators and others are refused, CSV too
    for who in ("coordinator", "ncpoc.jm"):
        s = server.bearer(who)
        assert_error(server.get(USERS, session=s), 403, "forbidden")
        assert_error(server.get(f"{USERS}?format=csv", session=s), 403,
                     "forbidden")


def test_tokens_follow_the_contract(server):
    admin = server.login("admin")
    server.add_user("bot.lister", "ncpoc", "BB")
    for i in range(6):
        r = server.request("POST", f"{USERS}/bot.lister/tokens",
                           session=admin,
                           json={"name": f"feed {i}", "ttl_days": 30 + i})
        assert r.status_code == 201, r.text
    url = f"{USERS}/bot.lister/tokens"
    assert check_list(server, admin, url,
                      ["created_at", "name", "expires_at"],
                      int_sorts=("created_at", "expires_at")) == 6
    assert check_q(server, admin, url, "feed 3", "name") == 1
    csv_text = server.get(f"{url}?format=csv", session=admin).text
    assert csv_text.splitlines()[0] == \
        "id,name,created_at,expires_at,revoked,active"
    # the owner reads their own; another account is refused
    owner = server.login("bot.lister")
    assert server.get(url, session=owner).json()["total"] == 6
    assert_error(server.get(url, session=server.bearer("coordinator")),
                 403, "forbidden")
    assert_error(server.get(f"{USERS}/nobody.here/tokens", session=admin),
                 404, "not_found")
