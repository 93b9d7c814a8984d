-- Link tokens are derived from a server secret (LINK_SECRETS): a link keeps the random nonce its token is the
-- HMAC of, and the id of the secret it was issued under, so its URL can be rebuilt (a mail re-sent, a partner
-- copying its published link) while the table alone reveals no working link. Links issued before keep working
-- through their token hash; their URL cannot be rebuilt (token_nonce null).
alter table pc_link add column token_nonce varchar(64);
alter table pc_link add column secret_id varchar(32);
