-- Accounts, personal API tokens, connected services and saved mixtapes (issue 17). An account is a person who signs in
-- through an OpenID Connect provider (issuer + subject; the provider's tokens are never stored) or is created with
-- `sgr account add`. Listeners (users) get an owner and a visibility; see UserVisibility in SoundGraph.Storage.Accounts.
CREATE TABLE accounts (
    id         INTEGER PRIMARY KEY,
    issuer     TEXT NOT NULL,            -- the provider's issuer URL, or 'local' for `sgr account add`
    subject    TEXT NOT NULL,            -- the provider's `sub` claim (stable per issuer)
    email      TEXT,
    name       TEXT NOT NULL,
    is_admin   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,            -- ISO 8601 UTC
    UNIQUE (issuer, subject)
);

-- The account that owns a listener (NULL: nobody; such a private listener is readable by admins and in single-user mode
-- only) and the owner's choice of visibility: 'public', 'private', or NULL for the default by source — listeners from
-- public datasets (HetRec, MPD, SoundCloud) are public, those from personal imports and syncs (Spotify account exports,
-- ListenBrainz, Last.fm scrobbles, named listeners, sign-ins) private.
ALTER TABLE users ADD COLUMN owner_account_id INTEGER REFERENCES accounts (id);
ALTER TABLE users ADD COLUMN visibility TEXT;
CREATE INDEX ix_users_owner ON users (owner_account_id);

-- Personal API tokens: only the SHA-256 of the secret is stored (hex); the prefix (first characters of the token) lets
-- the owner tell tokens apart. Scopes: 'read' or 'read write'.
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    prefix       TEXT NOT NULL,
    scopes       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);
CREATE INDEX ix_api_tokens_account ON api_tokens (account_id);

-- Per account and service ('listenbrainz', 'lastfm'): the name it is connected as (shown) and the secret (token,
-- session key) encrypted with ASP.NET Core Data Protection — the clear text is never stored.
CREATE TABLE connected_services (
    account_id       INTEGER NOT NULL REFERENCES accounts (id),
    service          TEXT NOT NULL,
    connected_as     TEXT NOT NULL,
    protected_secret TEXT,
    updated_at       TEXT NOT NULL,
    PRIMARY KEY (account_id, service)
);

-- Mixtapes generated for a listener through the API: the week, the title and the JSPF document.
CREATE TABLE saved_mixtapes (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    week       TEXT NOT NULL,
    title      TEXT NOT NULL,
    jspf       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX ix_saved_mixtapes_user ON saved_mixtapes (user_id);
