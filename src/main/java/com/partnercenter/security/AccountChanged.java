package com.partnercenter.security;

/**
 * Published (Spring application event, in the transaction of the change) when a person's account was created or
 * what depends on it changed: a partner user added or edited (language, access), a customer administrator's
 * account opened. Listeners keep in step what the engine derives from the person (Tasklist filters in its
 * language, the flows it may start).
 */
public record AccountChanged(String userId) {}
