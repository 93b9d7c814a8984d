package com.partnercenter.support;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * What is stored, as row counts of the application's tables (pc_*) and the engine's runtime and history tables
 * (act_ru_*, act_hi_*, without the metrics log): two snapshots around a refused call are equal when the call stored
 * nothing at all — no instance, no variable, no job, no external task, no mail in the outbox, no row of ours.
 */
@Component
public class Stored {

    private final DataSource dataSource;

    public Stored(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Map<String, Long> snapshot() {
        try (Connection connection = dataSource.getConnection()) {
            Map<String, Long> counts = new TreeMap<>();
            for (String table : tables(connection.getMetaData())) {
                try (Statement statement = connection.createStatement();
                        ResultSet rs = statement.executeQuery("select count(*) from " + table)) {
                    rs.next();
                    counts.put(table.toLowerCase(Locale.ROOT), rs.getLong(1));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> tables(DatabaseMetaData metadata) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = metadata.getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                String lower = name.toLowerCase(Locale.ROOT);
                String schema = rs.getString("TABLE_SCHEM");
                boolean ours = lower.startsWith("pc_") || lower.startsWith("act_ru_") || lower.startsWith("act_hi_");
                boolean system = schema != null && (schema.equalsIgnoreCase("information_schema")
                        || schema.toLowerCase(Locale.ROOT).startsWith("pg_"));
                if (ours && !system && !lower.equals("act_ru_meter_log") && !lower.equals("act_ru_task_meter_log")) {
                    tables.add(name);
                }
            }
        }
        return tables;
    }
}
