package com.partnercenter.platform;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Reading columns the application's repositories share. */
public final class Rows {

    private Rows() {}

    /** A timestamp column as an instant (timestamps are stored in UTC), or null. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
