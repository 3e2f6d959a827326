-- Portable between H2 (2.x) and PostgreSQL.
-- Numbered 19: V17 and V18 are other branches'.

-- The refresh token an OAuth2 token endpoint handed out in place of the one used (Microsoft and others
-- rotate it, and retire the old one in time), so that the next start uses it rather than the configured
-- one. One row per login: its key hashes the token endpoint, the client id and the configured refresh
-- token, so that once an admin configures another refresh token the row no longer matches and the
-- configured one is used again. The token is sealed (AES-GCM) with a key derived from the configured
-- one: the store alone does not give it away (oauth2.RotatedRefreshTokens).
CREATE TABLE oauth2_refresh_token (
    login         CHAR(64)       NOT NULL,   -- hex SHA-256 of endpoint, client id and configured refresh token
    client_id     VARCHAR(200),              -- for the admin who looks; not secret; NULL until first written
    sealed_token  VARCHAR(8000),             -- base64 of nonce and ciphertext; NULL until first written
    rotated_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_oauth2_refresh_token PRIMARY KEY (login)
);
