-- 0026: several servers on one database (issue 15). Each notice of the
-- outbox is leased by the delivery worker that sends it: the worker
-- claims it (claimed_by, lease_until) in a short transaction, sends it
-- with no transaction open, and records the outcome only while it still
-- holds the lease. A lease that runs out (its worker died) is taken over
-- by another worker. lease_until is 0 for a notice nobody holds.
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN lease_until BIGINT NOT NULL DEFAULT 0;
CREATE INDEX outbox_lease ON outbox(sent_at, lease_until, next_at);
