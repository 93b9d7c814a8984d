package com.partnercenter.link;

import java.time.Instant;

/** A link just issued; its URL can be rebuilt later from its id ({@link LinkService#urlOf(long)}), never store it. */
public record IssuedLink(long id, String url, Instant expiresAt) {}
