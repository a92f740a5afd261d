"""Helpers of the 24/7 preservation request tests: the NCPOC accounts of
the states a request concerns, a 24/7 contact in the directory, a valid
Art. 29 body, the moves, and moving a request's clock back in time (the
server reads the wall clock, so "two days later" is every timestamp of
the request two days earlier)."""

API = "/api/v1/preservation-requests"
DAY = 86400
TIMES = ("created_at", "sent_at", "ack_due_at", "acknowledged_at",
         "preserved_at", "expires_at", "disclosed_at", "mla_filed_at",
         "updated_at")
NO_CLOCK = 9223372036854775807  # clock_at of a request without a clock


def ncpoc(server, state):
    """The NCPOC of @state (ncpoc.jm comes with the demo data)."""
    login = f"ncpoc.{state.lower()}"
    if login not in server.creds.users:
        server.add_user(login, "ncpoc", state)
    return server.bearer(login)


def contact_24x7(server, state, name="Duty officer"):
    """Gives @state a 24/7 e-evidence contact in the directory."""
    r = server.request("POST", "/api/v1/contacts",
                       session=server.bearer("coordinator"),
                       json={"name": f"{name} {state}", "role":
                             "e_evidence_24x7", "state": state,
                             "phone": "+1 555 0100",
                             "email": f"247@{state.lower()}.example.org",
                             "availability": "24/7"})
    assert r.status_code == 201, r.text
    return r.json()


def body(requested="TT", **over):
    b = {
        "requested_state": requested,
        "requesting_authority": "Jamaica Constabulary Force, Cybercrime "
                                "Unit",
        "requesting_contact": "Det. Sgt. A. Brown, +1 876 555 0199, "
                              "247@jcf.example.org",
        "legal_basis": "art29",
        "domestic_basis": "Cybercrimes Act 2015 s.19",
        "offence": "Computer-related fraud",
        "facts": "A business e-mail compromise diverted a supplier "
                 "payment of USD 48,000 to an account abroad.",
        "data_categories": ["subscriber", "traffic"],
        "identifiers": [
            {"kind": "account", "value": "payments-desk@mail.example.net"},
            {"kind": "ip", "value": "198.51.100.23",
             "seen_at": "2026-11-20T14:05:00Z", "timezone": "-05:00"},
        ],
        "date_from": "2026-11-01",
        "date_to": "2026-11-30",
        "link_to_offence": "The account received the fraudulent invoice "
                           "and the IP address logged into it.",
        "custodian": "Example Mail Ltd",
        "custodian_location": "Port of Spain",
        "preservation_reason": "Logs are deleted after 30 days.",
        "mla_to_follow": True,
        "non_disclosure": True,
        "urgency": "normal",
    }
    b.update(over)
    return b


def create(server, s, **over):
    r = server.request("POST", API, session=s, json=body(**over))
    assert r.status_code == 201, r.text
    return r.json()


def move(server, s, rid, action, **extra):
    return server.request("PATCH", f"{API}/{rid}", session=s,
                          json={"action": action, **extra})


def moved(server, s, rid, action, **extra):
    r = move(server, s, rid, action, **extra)
    assert r.status_code == 200, r.text
    return r.json()


def earlier(server, rid, seconds):
    """Moves request @rid @seconds into the past (as if that much time
    had passed since each of its moments)."""
    sets = ", ".join(f"{c} = {c} - {seconds}" for c in TIMES)
    sets += (f", clock_at = CASE WHEN clock_at = {NO_CLOCK} THEN clock_at "
             f"ELSE clock_at - {seconds} END")
    server.db.sql(f"UPDATE preservation_requests SET {sets} "
                  f"WHERE id = {rid}")


def date_in(days):
    import datetime
    d = datetime.datetime.now(datetime.timezone.utc).date()
    return (d + datetime.timedelta(days=days)).isoformat()
