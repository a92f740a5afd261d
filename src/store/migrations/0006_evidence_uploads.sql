-- 0005: every uploader of each evidence file. evidence_files.uploaded_by
-- names only the first; a user who uploads bytes already stored holds
-- them too and may attach them, and must not learn that someone else
-- uploaded them first (svc/evidence.c, docs/internals/POLICY.md).
CREATE TABLE evidence_uploads (
	sha256		TEXT NOT NULL REFERENCES evidence_files(sha256),
	user_id		BIGINT NOT NULL REFERENCES users(id),
	created_at	BIGINT NOT NULL,
	PRIMARY KEY (sha256, user_id)
);
INSERT INTO evidence_uploads (sha256, user_id, created_at)
	SELECT e.sha256, u.id, e.created_at FROM evidence_files e
	JOIN users u ON u.login = e.uploaded_by;
