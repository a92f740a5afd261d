"""Issue 11 item 7: the TLP:RED recipient picker (GET /api/v1/recipients)
and the advisory's incident field, on both backends.

The picker finds people by name or organisation, never needs a login
typed, pages by the list contract, leaves out disabled accounts (which a
marking refuses as recipients too) and is only for roles that share.
An advisory's incident the author may not read is refused exactly as a
missing one."""
import pytest

from conftest import assert_error
from sharing_helpers import add_user, get, insert_incident, post

R = "/api/v1/recipients"


def names(reply):
    return [i["name"] for i in reply["items"]]


def test_search_by_name_and_organisation(server):
    r = get(server, "analyst", R + "?limit=200")
    assert r.status_code == 200, r.text
    everyone = r.json()
    assert everyone["total"] == len(everyone["items"]) > 3
    assert names(everyone) == sorted(names(everyone))
    logins = {i["login"] for i in everyone["items"]}
    assert "ncpoc.jm" in logins and "analyst" not in logins  # not oneself
    one = next(i for i in everyone["items"] if i["login"] == "ncpoc.jm")
    # a word of the name, in any case, finds the person
    word = one["name"].split()[0].upper()
    got = get(server, "analyst", R + "?q=" + word).json()
    assert "ncpoc.jm" in [i["login"] for i in got["items"]]
    assert all(word.lower() in (i["name"] + " " + i["organisation"] + " " +
                                i["login"]).lower() for i in got["items"])
    # and so does a word of the organisation
    org = next((i for i in everyone["items"] if i["organisation"]), None)
    if org is not None:
        w = org["organisation"].split()[-1]
        got = get(server, "analyst", R + "?q=" + w).json()
        assert org["login"] in [i["login"] for i in got["items"]]
    # nothing matches: an empty page, not an error
    got = get(server, "analyst", R + "?q=zzzqqqnomatch").json()
    assert (got["items"], got["total"], got["next_cursor"],
            got["prev_cursor"]) == ([], 0, None, None)


def test_paging_and_bad_input(server):
    for n in range(5):
        add_user(server, f"picker{n}", "cert", "JM")
    first = get(server, "analyst", R + "?q=picker&limit=2").json()
    assert first["total"] == 5 and len(first["items"]) == 2
    seen = [i["login"] for i in first["items"]]
    cur = first["next_cursor"]
    while cur:
        page = get(server, "analyst", f"{R}?q=picker&limit=2&cursor={cur}")
        assert page.status_code == 200, page.text
        seen += [i["login"] for i in page.json()["items"]]
        cur = page.json()["next_cursor"]
    assert sorted(seen) == [f"picker{n}" for n in range(5)]
    assert_error(get(server, "analyst", R + "?limit=0"), 400, "invalid_limit")
    assert_error(get(server, "analyst", R + "?limit=201"), 400,
                 "invalid_limit")
    assert_error(get(server, "analyst", R + "?sort=login"), 400,
                 "invalid_sort")
    assert_error(get(server, "analyst", R + "?q=x&cursor=" +
                     first["next_cursor"]), 400, "invalid_cursor")
    assert_error(get(server, "analyst", R + "?format=csv"), 400,
                 "invalid_query")


def test_disabled_accounts_and_roles(server):
    add_user(server, "gone.jm", "cert", "JM")
    got = get(server, "analyst", R + "?q=gone.jm").json()
    assert [i["login"] for i in got["items"]] == ["gone.jm"]
    server.user_cli("disable", "gone.jm")
    got = get(server, "analyst", R + "?q=gone.jm").json()
    assert got["total"] == 0
    # the marking refuses the disabled account like an unknown one
    r = post(server, "analyst", "/api/v1/advisories", {
        "title": "t", "summary": "s", "severity": "low", "to_states": ["JM"],
        "tlp": "red", "recipients": ["gone.jm"]})
    assert_error(r, 422, "unknown_recipient")
    for who in ("steering", "partner"):
        assert_error(get(server, who, R), 403, "forbidden")
    assert_error(server.get(R), 401, "authentication_required")


def test_advisory_incident_unreadable_is_unknown(server):
    # a TLP:RED incident of Barbados the analyst is not named on
    hidden = insert_incident(server, "red", "BB", "cert.bb")
    body = {"title": "t", "summary": "s", "severity": "low",
            "to_states": ["JM"], "tlp": "amber"}
    a = assert_error(post(server, "analyst", "/api/v1/advisories",
                          dict(body, incident_id=hidden)), 422,
                     "unknown_incident")
    b = assert_error(post(server, "analyst", "/api/v1/advisories",
                          dict(body, incident_id=hidden + 100000)), 422,
                     "unknown_incident")
    assert a.replace(str(hidden), "N") == b.replace(str(hidden + 100000), "N")
    # one the analyst reads is linked
    mine = insert_incident(server, "green", "JM", "ncpoc.jm")
    r = post(server, "analyst", "/api/v1/advisories",
             dict(body, incident_id=mine))
    assert r.status_code == 201, r.text
    assert r.json()["incident_id"] == mine
