package com.partnercenter.link;

/** Outcome of opening a link: usable, gone (expired, revoked, used: HTTP 410) or unknown (404). */
public sealed interface LinkResolution {

    record Usable(Link link) implements LinkResolution {}

    /** The link existed but no longer works. Pages say so without telling why. */
    record Gone(Link link) implements LinkResolution {}

    /** Unknown, malformed or tampered (token or advisor code changed). */
    record NotFound() implements LinkResolution {}
}
