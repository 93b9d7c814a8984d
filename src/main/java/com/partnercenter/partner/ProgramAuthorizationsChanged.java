package com.partnercenter.partner;

/** Published (in the change's transaction) when operators changed a partner's program authorizations. */
public record ProgramAuthorizationsChanged(long partnerId) {}
