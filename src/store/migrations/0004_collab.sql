-- 0004: collaboration (advisories, lessons, requests for information,
-- subscriptions). Users carry no e-mail address, so a subscription that
-- asks for e-mail names the address its notices go to.
ALTER TABLE subscriptions ADD COLUMN email_to TEXT;
