-- 0030: the gap analysis at a past date from monthly snapshots
-- (issue 15: the regional matrix at a past date under 10 ms;
-- svc/standards/status_months.c).
--
-- status_months holds, for each month from the one after the earliest
-- validated status to the one after the latest, each (state, standard
-- lineage)'s status at the start of that month: the latest status_history
-- row dated before the 1st. The status at a date is then that month's
-- rows (one range of the primary key) overlaid with the month's own
-- history rows up to the date (one range of status_history_day), instead
-- of one index seek per pair. A row is written for a pair only from the
-- month after its first status.
--
-- Derived from status_history: every validation updates it in the same
-- transaction, `ccscap gaps --rebuild` and restore rebuild it, and the
-- meta row asks the first open after this migration to fill it.
CREATE TABLE status_months (
	month		TEXT NOT NULL,		-- 'YYYY-MM'
	state_code	TEXT NOT NULL,
	lineage_id	BIGINT NOT NULL,
	as_of		TEXT NOT NULL,
	assessment_id	BIGINT NOT NULL,
	level		INTEGER NOT NULL,
	PRIMARY KEY (month, state_code, lineage_id)
);
CREATE INDEX status_history_day ON status_history(as_of, assessment_id);

INSERT INTO meta (k, v) VALUES ('standards.months', 'pending');
