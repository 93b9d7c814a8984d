package com.partnercenter.link;

import java.time.Instant;

/** A link just issued: the only moment its clear token and URL exist. */
public record IssuedLink(long id, String url, Instant expiresAt) {}
